package hygiene

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/ciworkflows"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/testkit"
)

func TestEnvCI(t *testing.T) {
	key := testkit.Key("sk-proj-", 74, 9)
	const secretEnv = "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n    steps:\n      - run: make\n"
	const forkJob = "on: pull_request_target\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./review\n        env:\n          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n"
	tests := []struct {
		name  string
		files map[string]string // under .github/workflows
		want  string            // "status code"
		has   []string          // in summary + fix + findings' notes + detail
	}{
		{name: "no workflows", want: "pass", has: []string{"no GitHub Actions workflows in this work tree"}},
		{name: "unrelated", files: map[string]string{"lint.yml": "on: push\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go vet\n"},
			want: "pass", has: []string{"1 workflow checked, none mentions OPENAI_API_KEY"}},
		{name: "from a secret", files: map[string]string{"ci.yml": secretEnv, "docs.yaml": "on: push\n"},
			want: "pass", has: []string{"2 workflows checked: OPENAI_API_KEY is never written into one", "(1 place takes it from a secret)"}},
		{name: "a key in the workflow env", files: map[string]string{"ci.yml": "on: push\nenv:\n  OPENAI_API_KEY: " + key + "\njobs: {}\n"},
			want: "fail ci_literal", has: []string{"OPENAI_API_KEY at .github/workflows/ci.yml:3 (workflow env) is a key written into the file",
				"treat the key as leaked: `openai-setup rotate`", "openai-setup push github", "`OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}`"}},
		{name: "the key leads the summary", files: map[string]string{"a.yml": "on: push\nenv:\n  OPENAI_API_KEY: dummy\n", "b.yml": "on: push\nenv:\n  OPENAI_KEY: " + key + "\n"},
			want: "fail ci_literal", has: []string{"OPENAI_KEY at .github/workflows/b.yml:3 (workflow env) is a key written into the file (and 1 more, listed below)"}},
		{name: "a config variable as an input", files: map[string]string{"ai.yml": "on: push\njobs:\n  r:\n    runs-on: x\n    steps:\n      - uses: openai/codex-action@v1\n        with:\n          openai-api-key: ${{ vars.OPENAI_API_KEY }}\n"},
			want: "warn ci_literal", has: []string{"openai-api-key at .github/workflows/ai.yml:8 (with of step 1 of job r) is a configuration variable (vars.)",
				"e.g. `openai-api-key: ${{ secrets.OPENAI_API_KEY }}`", "openai-setup push github"}},
		{name: "fork exposure", files: map[string]string{"review.yml": forkJob},
			want: "warn ci_fork_exposure", has: []string{"job review of .github/workflows/review.yml runs on pull_request_target with OPENAI_API_KEY (line 8)",
				"a fork's pull request can run it", "pull_request instead", "required reviewers", "never check out the pull request's head"}},
		{name: "a plain value and a fork exposure", files: map[string]string{"review.yml": forkJob, "t.yml": "on: push\nenv:\n  OPENAI_API_KEY: dummy\n"},
			want: "warn ci_literal", has: []string{"is a plain value written into the file", "also: job review of .github/workflows/review.yml", "runs on pull_request_target"}},
		{name: "gated by an environment", files: map[string]string{"review.yml": strings.Replace(forkJob, "    steps:", "    environment: reviewed\n    steps:", 1)},
			want: "pass", has: []string{"1 pull_request_target job gets the key behind an environment", "held by environment reviewed: safe only while that environment has required reviewers"}},
		{name: "malformed, no key", files: map[string]string{"bad.yml": "on: push\n  jobs: [\n"},
			want: "skip", has: []string{"no workflow under .github/workflows could be checked (.github/workflows/bad.yml: not valid YAML"}},
		{name: "malformed with a key", files: map[string]string{"bad.yml": "on: push\n  env: [\n  OPENAI_API_KEY: " + key + "\n"},
			want: "fail ci_literal", has: []string{"a key is written into .github/workflows/bad.yml:3", "could not check .github/workflows/bad.yml: not valid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for name, content := range tt.files {
				testkit.Write(t, filepath.Join(root, ".github", "workflows", name), content, 0o644)
			}
			r := ciCheck(discover.Inventory{Dir: filepath.Join(root, "sub"), GitRoot: root})
			if got := strings.TrimSpace(string(r.Status) + " " + string(r.Code)); got != tt.want {
				t.Errorf("got %s (%s), want %s", got, r.Summary, tt.want)
			}
			text := r.Summary + "\n" + r.Fix + "\n" + strings.Join(r.Detail, "\n")
			for _, f := range r.Findings {
				text += "\n" + f.Path + " " + f.Note
			}
			for _, s := range tt.has {
				if !strings.Contains(text, s) {
					t.Errorf("result lacks %q:\n%s", s, text)
				}
			}
			if r.Status != checks.Pass && r.Status != checks.Skip && len(r.Findings) == 0 {
				t.Error("a problem without findings")
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, r), key)
		})
	}
}

// Each finding names the workflow by its full path and line.
func TestEnvCIFindings(t *testing.T) {
	root := "/repo"
	r := ciJudge(root, ciworkflows.Report{Files: []string{".github/workflows/a.yml"}, Mentioning: []string{".github/workflows/a.yml"},
		Findings: []ciworkflows.Finding{
			{File: ".github/workflows/a.yml", Line: 4, Kind: ciworkflows.Input, Name: "OPENAI_API_KEY", Where: "env of job x"},
			{File: ".github/workflows/a.yml", Line: 9, Kind: ciworkflows.ForkExposure, Where: "job y", Note: "secrets: inherit passes every secret"},
		}})
	want := []string{
		filepath.Join(root, ".github", "workflows", "a.yml") + ":4 OPENAI_API_KEY: a workflow input, which is not a secret: GitHub does not mask it (env of job x)",
		filepath.Join(root, ".github", "workflows", "a.yml") + ":9 job y runs on pull_request_target with every secret: secrets: inherit passes every secret",
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Path+":"+strconv.Itoa(f.Line)+" "+f.Note)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Status != checks.Warn || r.Code != checks.CodeCILiteral || r.Fix == "" {
		t.Errorf("result %+v", r)
	}
}
