package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/fakecli"
)

// pushSetup is a fresh git repository whose origin is on GitHub, a .env
// holding key, a fake API, and fake gh and vault on PATH (unless missing).
type pushSetup struct {
	tr    *testRun
	srv   *fakeapi.Server
	state string
	key   string
}

func newPushSetup(t *testing.T, scenario, mode string, missing bool) *pushSetup {
	t.Helper()
	srv := fakeapi.New()
	t.Cleanup(srv.Close)
	binDir, state := fakecli.Install(t, "gh", "vault")
	if missing {
		binDir = t.TempDir()
	}
	tr := newTestRun(t, "FAKECLI_STATE="+state, "FAKECLI_MODE="+mode)
	tr.app.Environ[0] = "PATH=" + binDir + string(os.PathListSeparator) + "/usr/bin:/bin"
	dir := tr.app.Dir
	gitInit(t, dir)
	c := exec.Command("git", "remote", "add", "origin", "https://github.com/octo/app.git")
	c.Dir = dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git remote add: %v\n%s", err, out)
	}
	key := fakeapi.Key(scenario)
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("OPENAI_API_KEY="+key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &pushSetup{tr: tr, srv: srv, state: state, key: key}
}

func (p *pushSetup) run(t *testing.T, args ...string) int {
	t.Helper()
	return p.tr.run(t, append(append([]string{"push"}, args...), "--base-url", p.srv.URL(), "--no-spend")...)
}

// writes returns the stdin of every call that wrote a secret.
func (p *pushSetup) writes(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, c := range fakecli.Calls(t, p.state) {
		for _, s := range append(append([]string{}, c.Argv...), c.Env...) {
			if strings.Contains(s, p.key) {
				t.Errorf("%v: the key is in the child's argv or environment", c.Argv)
			}
		}
		if strings.Join(c.Argv[1:3], " ") == "secret set" || strings.Join(c.Argv[1:3], " ") == "kv put" {
			out = append(out, c.Stdin)
		}
	}
	return out
}

func TestPushGitHubText(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	code := p.run(t, "github")
	all := p.tr.out.String() + p.tr.err.String()
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, all)
	}
	for _, want := range []string{
		"$ gh secret set OPENAI_API_KEY --repo octo/app < <key from stdin>",
		"Pushed OPENAI_API_KEY (sk-proj-…",
		"GitHub repository octo/app",
		"gh secret list shows it with a fresh update time",
		"forks", "env:", "OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("output lacks %q:\n%s", want, all)
		}
	}
	if w := p.writes(t); len(w) != 1 || w[0] != p.key {
		t.Errorf("writes got %d stdin(s); want exactly the key once", len(w))
	}
	assertNoLeak(t, p.key, all)
}

// pushJSONOut runs push with --json and decodes its one document.
func pushJSONOut(t *testing.T, p *pushSetup, wantCode int, args ...string) map[string]any {
	t.Helper()
	code := p.run(t, append(args, "--json")...)
	if code != wantCode {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, wantCode, p.tr.out, p.tr.err)
	}
	var doc map[string]any
	if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, p.tr.out)
	}
	assertNoLeak(t, p.key, p.tr.out.String()+p.tr.err.String())
	return doc
}

func TestPushJSON(t *testing.T) {
	tests := []struct {
		name, scenario, mode string
		missing              bool
		args                 []string
		code                 int
		ok, pushed, verified bool
		errCode              string
		writes               int
	}{
		{"vault", "ok", "", false, []string{"vault", "--path", "myapp/openai"}, exitOK, true, true, true, "", 1},
		{"github", "ok", "", false, []string{"github", "--env", "prod"}, exitOK, true, true, true, "", 1},
		{"vault stores a newline", "ok", "newline", false, []string{"vault", "--path", "p"}, exitFailed, false, true, false, "mismatch", 1},
		{"gh logged out", "ok", "logged_out", false, []string{"github"}, exitFailed, false, false, false, "not_logged_in", 0},
		{"vault missing", "ok", "", true, []string{"vault", "--path", "p"}, exitFailed, false, false, false, "cli_missing", 0},
		{"failing key", "invalid_api_key", "", false, []string{"github"}, exitFailed, false, false, false, "key_failed", 0},
		{"failing key forced", "invalid_api_key", "", false, []string{"github", "--force"}, exitFailed, false, true, true, "", 1},
		{"dry run", "ok", "", false, []string{"vault", "--path", "p", "--dry-run"}, exitOK, true, false, false, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPushSetup(t, tt.scenario, tt.mode, tt.missing)
			doc := pushJSONOut(t, p, tt.code, tt.args...)
			if doc["schema_version"] != 1.0 || doc["ok"] != tt.ok || doc["pushed"] != tt.pushed || doc["verified"] != tt.verified {
				t.Errorf("schema_version %v ok %v pushed %v verified %v; want 1 %v %v %v", doc["schema_version"], doc["ok"], doc["pushed"], doc["verified"], tt.ok, tt.pushed, tt.verified)
			}
			if doc["target"] != tt.args[0] || doc["name"] != "OPENAI_API_KEY" {
				t.Errorf("target %v name %v", doc["target"], doc["name"])
			}
			if k, _ := doc["key"].(map[string]any); k == nil || !strings.HasPrefix(k["fingerprint"].(string), "sk-proj-…") {
				t.Errorf("key %v, want a fingerprint", doc["key"])
			}
			gotCode := ""
			if e, _ := doc["error"].(map[string]any); e != nil {
				gotCode, _ = e["code"].(string)
			}
			if gotCode != tt.errCode {
				t.Errorf("error %v, want code %q", doc["error"], tt.errCode)
			}
			if w := p.writes(t); len(w) != tt.writes {
				t.Errorf("%d writes, want %d", len(w), tt.writes)
			}
			for _, w := range p.writes(t) {
				if w != p.key {
					t.Errorf("a write's stdin is %d bytes, want exactly the key", len(w))
				}
			}
		})
	}
}

func TestPushJSONCommandsCarryNoValue(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	doc := pushJSONOut(t, p, exitOK, "vault", "--path", "myapp/openai", "--mount", "kv")
	got, _ := json.Marshal(doc["commands"])
	want := `[["vault","kv","put","-mount=kv","myapp/openai","OPENAI_API_KEY=-"],["vault","kv","get","-mount=kv","-field=OPENAI_API_KEY","myapp/openai"]]`
	if string(got) != want {
		t.Errorf("commands %s\nwant %s", got, want)
	}
}

func TestPushDryRunText(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	if code := p.run(t, "github", "--dry-run"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, p.tr.out, p.tr.err)
	}
	for _, want := range []string{"Would run:", "< <key from stdin>", "Nothing was pushed (--dry-run)"} {
		if !strings.Contains(p.tr.out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, p.tr.out)
		}
	}
	if w := p.writes(t); len(w) != 0 {
		t.Errorf("a dry run wrote %d secret(s)", len(w))
	}
}

func TestPushWithKeyFromStdin(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	other := fakeapi.KeyVariant("ok", 1)
	p.tr.app.In = strings.NewReader(other + "\n")
	if code := p.run(t, "vault", "--path", "p", "--with-key"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, p.tr.out, p.tr.err)
	}
	if w := p.writes(t); len(w) != 1 || w[0] != other {
		t.Errorf("the write's stdin is not the key from stdin, cleaned of its newline")
	}
	assertNoLeak(t, other, p.tr.out.String()+p.tr.err.String())
}

func TestPushMissingCLIText(t *testing.T) {
	p := newPushSetup(t, "ok", "", true)
	if code := p.run(t, "github"); code != exitFailed {
		t.Fatalf("exit %d, want %d", code, exitFailed)
	}
	want := "install gh (https://cli.github.com) or set the secret at https://github.com/octo/app/settings/secrets/actions"
	if !strings.Contains(p.tr.out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, p.tr.out)
	}
}

func TestPushUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"push"}, "one target"},
		{[]string{"push", "gitlab"}, "unknown target"},
		{[]string{"push", "vault"}, "--path"},
		{[]string{"push", "github", "--repo", "nope"}, "OWNER/REPO"},
		{[]string{"push", "github", "--with-key", "--from-env-file", ".env"}, "use one"},
	}
	for _, tt := range tests {
		tr := newTestRun(t)
		if code := tr.run(t, tt.args...); code != exitUsage || !strings.Contains(tr.err.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, tr.err, tt.want)
		}
	}
}

func TestPushCLIErrorIsScrubbedAndEscaped(t *testing.T) {
	for _, args := range [][]string{{"github"}, {"vault", "--path", "p"}} {
		t.Run(args[0], func(t *testing.T) {
			p := newPushSetup(t, "ok", "echo_error", false)
			if code := p.run(t, args...); code != exitFailed {
				t.Fatalf("exit %d, want %d\n%s", code, exitFailed, p.tr.out)
			}
			out := p.tr.out.String() + p.tr.err.String()
			assertNoLeak(t, p.key, out)
			if strings.ContainsRune(out, 0x1b) {
				t.Errorf("the CLI's terminal escape reached the output:\n%q", out)
			}
			if !strings.Contains(out, "said:") || !strings.Contains(out, "sk-proj-…") {
				t.Errorf("output lacks the CLI's own words with the key as a fingerprint:\n%s", out)
			}
		})
	}
}

func TestPushWithoutAKey(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	if err := os.Remove(filepath.Join(p.tr.app.Dir, ".env")); err != nil {
		t.Fatal(err)
	}
	doc := pushJSONOut(t, p, exitFailed, "github")
	if e, _ := doc["error"].(map[string]any); e == nil || e["code"] != "no_key" || doc["key"] != nil {
		t.Errorf("error %v key %v; want no_key and no key", doc["error"], doc["key"])
	}
	if w := p.writes(t); len(w) != 0 {
		t.Errorf("%d writes without a key", len(w))
	}
}
