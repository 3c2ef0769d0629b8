package ciworkflows

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/testkit"
)

// Keys planted in the fixtures in place of @KEY@, @KEY2@, @KEY3@: the
// repository itself holds no key-shaped text.
var (
	key1 = testkit.Key("sk-proj-", 74, 1)
	key2 = testkit.Key("sk-proj-", 74, 2)
	key3 = testkit.Key("sk-svcacct-", 74, 3)
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.NewReplacer("@KEY@", key1, "@KEY2@", key2, "@KEY3@", key3).Replace(string(data)))
}

// show renders a finding as the table below spells it.
func show(f Finding) string {
	s := fmt.Sprintf("%d %s", f.Line, f.Kind)
	for _, part := range []string{f.Name, f.Where, f.Note} {
		s += " | " + part
	}
	return strings.TrimRight(s, " |")
}

func TestScanFile(t *testing.T) {
	tests := []struct {
		file     string
		want     []string
		secrets  int
		mentions bool
		unparsed string
	}{
		{file: "clean-matrix.yml", secrets: 5, mentions: true},
		{file: "unrelated.yaml"},
		{file: "literals.yml", mentions: true, want: []string{
			"11 key_literal | OPENAI_API_KEY | workflow env",
			"16 config_variable | OPENAI_API_KEY | env of job eval",
			"20 plain_value | OPENAI_API_KEY | env of step 1 (Smoke) of job eval",
			"25 plain_value | api-key | with of step 2 (Review) of job eval",
			"30 input | openai-api-key | with of step 3 (manual) of job eval",
			"34 key_literal | OPENAI_API_KEY | run of step 4 (Script) of job eval",
			"35 config_variable | OPENAI_API_KEY",
			"36 key_literal | OPENAI_API_KEY | run of step 4 (Script) of job eval",
		}},
		{file: "fork-target.yml", secrets: 3, mentions: true, want: []string{
			"12 fork_exposure |  | job reusable | secrets: inherit passes every secret",
			"16 fork_exposure | OPENAI_API_KEY | job explicit",
			"25 fork_exposure | OPENAI_API_KEY | job inline | checks out the pull request's head (line 22)",
			"32 fork_gated | OPENAI_API_KEY | job gated | held by environment reviewed",
		}},
		{file: "fork-workflow-env.yml", secrets: 1, mentions: true, want: []string{
			"3 fork_exposure | OPENAI_API_KEY | job a",
			"12 fork_exposure |  | job b | toJSON(secrets) hands over every secret",
		}},
		// One line given to three jobs (alias, merge key) is one finding.
		{file: "anchors.yml", mentions: true, want: []string{
			"6 plain_value | OPENAI_API_KEY | env of job first",
			"17 config_variable | OPENAI_API_KEY | env of step 1 (Test) of job second",
		}},
		{file: "null-and-numbers.yml", mentions: true, want: []string{
			"5 plain_value | OPENAI_KEY | workflow env",
		}},
		{file: "malformed.yml", mentions: true, unparsed: "not valid YAML: line 3: did not find expected key", want: []string{
			"8 key_literal",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := fixture(t, tt.file)
			res := scanFile(".github/workflows/"+tt.file, data)
			var got []string
			for _, f := range res.findings {
				got = append(got, show(f))
				if f.File != ".github/workflows/"+tt.file {
					t.Errorf("finding names file %q", f.File)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if res.fromSecrets != tt.secrets || res.mentions != tt.mentions || res.unparsed != tt.unparsed {
				t.Errorf("secrets %d, mentions %v, unparsed %q; want %d, %v, %q", res.fromSecrets, res.mentions, res.unparsed, tt.secrets, tt.mentions, tt.unparsed)
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, res.findings, res.unparsed), key1, key2, key3)
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		value string
		want  string // kind, or "-" for no literal
	}{
		{"${{ secrets.OPENAI_API_KEY }}", "-"},
		{"${{ secrets.PROD_KEY }}", "-"},
		{"Bearer ${{ secrets['OPENAI_API_KEY'] }}", "-"},
		{"${{ env.OPENAI_API_KEY }}", "-"},
		{"${{ steps.login.outputs.key }}", "-"},
		{"  ", "-"},
		{"${{ vars.OPENAI_API_KEY }}", "config_variable"},
		{"${{ inputs.key }}", "input"},
		{"${{ github.event.inputs.openai_api_key }}", "input"},
		{"test-dummy", "plain_value"},
		{"$OPENAI_KEY", "plain_value"}, // env: values are not expanded by a shell
		{key1, "key_literal"},
		{"sk-proj-YOUR-KEY-HERE-00000000000000000000", "plain_value"},
		{"sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "plain_value"},
		{"sk-proj-your-key-here-00000000000000000000", "plain_value"}, // a lower-case word as a whole part
		// apikey.IsPlaceholder's rule: a lower-case word run into random
		// characters is no stand-in, so the literal is reported.
		{"sk-proj-AbyourCd3fGh1jKlMn0pQrStUvWxYz12345678", "key_literal"},
	}
	for _, tt := range tests {
		kind, ok := classify(tt.value)
		got := string(kind)
		if !ok {
			got = "-"
		}
		if got != tt.want {
			t.Errorf("classify(%.20q) = %s, want %s", tt.value, got, tt.want)
		}
	}
}

func TestKeyNamed(t *testing.T) {
	for name, want := range map[string]bool{"OPENAI_API_KEY": true, "openai_api_key": true, "OPENAI_KEY": true, "OPENAI_ADMIN_KEY": true,
		"AZURE_OPENAI_API_KEY": false, "OPENAI_BASE_URL": false, "API_KEY": false} {
		if keyNamedVar(name) != want {
			t.Errorf("keyNamedVar(%s) = %v", name, !want)
		}
	}
	for _, tt := range []struct {
		name, uses string
		want       bool
	}{
		{"openai_api_key", "some/action@v1", true}, {"openai-token", "", true}, {"api-key", "openai/codex-action@v1", true},
		{"api-key", "datadog/action@v1", false}, {"token", "actions/checkout@v4", false}, {"model", "openai/codex-action@v1", false},
	} {
		if keyNamedInput(tt.name, tt.uses) != tt.want {
			t.Errorf("keyNamedInput(%s, %s) = %v", tt.name, tt.uses, !tt.want)
		}
	}
}

func TestRunAssignments(t *testing.T) {
	tests := []struct {
		script string
		want   []string
	}{
		{"export OPENAI_API_KEY=" + key1, []string{"1 key_literal | OPENAI_API_KEY"}},
		{"OPENAI_API_KEY='dummy' pytest", []string{"1 plain_value | OPENAI_API_KEY"}},
		{`echo "OPENAI_API_KEY=${{ secrets.OPENAI_API_KEY }}" >> "$GITHUB_ENV"`, nil},
		{`OPENAI_API_KEY="$(vault read -field=key secret/openai)" make`, nil},
		{`if [ "$OPENAI_API_KEY" == "" ]; then exit 1; fi`, nil},
		{`test -n "${OPENAI_API_KEY}"`, nil},
		{"OPENAI_API_KEY= make offline", nil},
		{"OPENAI_API_KEY=${{ vars.OPENAI_API_KEY }} make", []string{"1 config_variable | OPENAI_API_KEY"}},
	}
	for _, tt := range tests {
		res := scanFile("w.yml", []byte("on: push\njobs:\n  a:\n    steps:\n      - run: "+yamlQuote(tt.script)+"\n"))
		var got []string
		for _, f := range res.findings {
			f.Line -= 4 // the script's own line
			got = append(got, strings.TrimSuffix(show(f), " | run of step 1 of job a"))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%q: %q, want %q", tt.script, got, tt.want)
		}
	}
}

func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Anchors that hold themselves and aliases that multiply end within the
// visit budget, and say the file was only partly read.
func TestAliasBombs(t *testing.T) {
	var b strings.Builder
	b.WriteString("on: pull_request_target\nx0: &a0 {OPENAI_API_KEY: v}\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [%s]\n", i, i, strings.Repeat(fmt.Sprintf("*a%d,", i-1), 10))
	}
	b.WriteString("jobs:\n")
	for j := range 50 {
		fmt.Fprintf(&b, "  j%d: {env: *a9, steps: *a9}\n", j)
	}
	if res := scanFile("w.yml", []byte(b.String())); !strings.Contains(res.unparsed, "too many aliases") {
		t.Errorf("billion laughs: unparsed %q", res.unparsed)
	}
	res := scanFile("w.yml", []byte("on: push\njobs: &j\n  a:\n    <<: *j\n    env: {OPENAI_API_KEY: x}\n"))
	if len(res.findings) != 1 || res.findings[0].Kind != PlainValue {
		t.Errorf("self-merging anchor: %+v", res.findings)
	}
}

func TestScanFolder(t *testing.T) {
	root := t.TempDir()
	wf := filepath.Join(root, ".github", "workflows")
	testkit.Write(t, filepath.Join(wf, "ci.yml"), string(fixture(t, "literals.yml")), 0o644)
	testkit.Write(t, filepath.Join(wf, "lint.YAML"), string(fixture(t, "unrelated.yaml")), 0o644)
	testkit.Write(t, filepath.Join(wf, "big.yml"), "# "+strings.Repeat("x", 1<<20)+"\n", 0o644)
	testkit.Write(t, filepath.Join(wf, "README.md"), "OPENAI_API_KEY: "+key1+"\n", 0o644)
	testkit.Write(t, filepath.Join(wf, "nested", "deep.yml"), "env: {OPENAI_API_KEY: "+key1+"}\n", 0o644)
	outside := filepath.Join(root, "outside.yml")
	testkit.Write(t, outside, "env: {OPENAI_API_KEY: "+key1+"}\n", 0o644)
	if err := os.Symlink(outside, filepath.Join(wf, "linked.yml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	rep := Scan(root)
	want := []string{".github/workflows/big.yml", ".github/workflows/ci.yml", ".github/workflows/linked.yml", ".github/workflows/lint.YAML"}
	if strings.Join(rep.Files, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", rep.Files, want)
	}
	unread := fmt.Sprint(rep.Unread)
	for _, s := range []string{"{.github/workflows/big.yml over 1 MiB, not read}", "{.github/workflows/linked.yml a symbolic link, not followed}"} {
		if !strings.Contains(unread, s) {
			t.Errorf("unread %s, want %s", unread, s)
		}
	}
	if len(rep.Unread) != 2 || len(rep.Findings) != 8 || !rep.Failing() || strings.Join(rep.Mentioning, " ") != ".github/workflows/ci.yml" {
		t.Errorf("report %+v", rep)
	}
	testkit.AssertNoLeak(t, testkit.Dump(t, rep), key1, key2, key3)

	if rep := Scan(t.TempDir()); len(rep.Files)+len(rep.Unread)+len(rep.Findings) != 0 {
		t.Errorf("no .github: %+v", rep)
	}
}

// Past MaxFiles workflow files the rest are listed unread, not read.
func TestScanCapsFiles(t *testing.T) {
	root := t.TempDir()
	for i := range MaxFiles + 2 {
		testkit.Write(t, filepath.Join(root, ".github", "workflows", fmt.Sprintf("w%04d.yml", i)), "env: {OPENAI_API_KEY: "+key1+"}\n", 0o644)
	}
	rep := Scan(root)
	if len(rep.Files) != MaxFiles+2 || len(rep.Unread) != 2 || len(rep.Findings) != MaxFiles || rep.Unread[1].File != ".github/workflows/w0501.yml" {
		t.Errorf("%d files, %d findings, unread %v", len(rep.Files), len(rep.Findings), rep.Unread)
	}
}

// A .github/workflows that is a symbolic link is not followed.
func TestScanLinkedFolder(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	testkit.Write(t, filepath.Join(elsewhere, "ci.yml"), "env: {OPENAI_API_KEY: "+key1+"}\n", 0o644)
	if err := os.MkdirAll(filepath.Join(root, ".github"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(root, ".github", "workflows")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	rep := Scan(root)
	if len(rep.Files) != 0 || len(rep.Findings) != 0 || len(rep.Unread) != 1 || rep.Unread[0].Why != "a symbolic link, not followed" {
		t.Errorf("report %+v", rep)
	}
}
