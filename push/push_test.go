package push

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/fakecli"
)

var testKey = fakeapi.Key("ok")

// fakeEnv is an environment whose PATH holds only the fakes (plus git's
// folders), with both OpenAI variables set so tests see them dropped.
func fakeEnv(binDir, state, mode string) []string {
	return []string{
		"PATH=" + binDir + string(os.PathListSeparator) + "/usr/bin" + string(os.PathListSeparator) + "/bin",
		"FAKECLI_STATE=" + state, "FAKECLI_MODE=" + mode,
		"OPENAI_API_KEY=" + testKey, "OPENAI_ADMIN_KEY=" + testKey, "HOME=" + state,
	}
}

func runPush(t *testing.T, target, mode string, o Options, dryRun bool) (Result, []fakecli.Call) {
	t.Helper()
	binDir, state := fakecli.Install(t, "gh", "vault")
	o.Environ = fakeEnv(binDir, state, mode)
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	tg, err := New(target, o)
	if err != nil {
		t.Fatal(err)
	}
	res := tg.Run(context.Background(), apikey.New(testKey), dryRun)
	return res, fakecli.Calls(t, state)
}

// assertKeyOnlyOnStdin fails when the key is in any argv or child
// environment, or when a write's stdin is not exactly the key.
func assertKeyOnlyOnStdin(t *testing.T, calls []fakecli.Call) {
	t.Helper()
	for _, c := range calls {
		for _, s := range append(append([]string{}, c.Argv...), c.Env...) {
			if strings.Contains(s, testKey) {
				t.Errorf("%v: the key reached argv or the environment", c.Argv)
			}
		}
		for _, kv := range c.Env {
			if strings.HasPrefix(kv, "OPENAI_API_KEY=") || strings.HasPrefix(kv, "OPENAI_ADMIN_KEY=") {
				t.Errorf("%v: the child's environment has %.17s…", c.Argv, kv)
			}
		}
		write := c.Argv[1] == "secret" && c.Argv[2] == "set" || c.Argv[1] == "kv" && c.Argv[2] == "put"
		switch {
		case write && c.Stdin != testKey:
			t.Errorf("%v: stdin is %d bytes, want exactly the key (%d bytes)", c.Argv, len(c.Stdin), len(testKey))
		case !write && c.Stdin != "":
			t.Errorf("%v: a read got %d bytes on stdin, want none", c.Argv, len(c.Stdin))
		}
	}
}

func argvs(calls []fakecli.Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, strings.Join(c.Argv, " "))
	}
	return out
}

func TestPushEndToEnd(t *testing.T) {
	tests := []struct {
		target string
		o      Options
		want   []string
		where  string
	}{
		{"github", Options{Repo: "octo/app"}, []string{
			"gh auth status",
			"gh secret set OPENAI_API_KEY --repo octo/app",
			"gh secret list --repo octo/app --json name,updatedAt",
		}, "GitHub repository octo/app"},
		{"github", Options{Repo: "octo/app", Env: "prod", Name: "OPENAI_KEY"}, []string{
			"gh auth status",
			"gh secret set OPENAI_KEY --repo octo/app --env prod",
			"gh secret list --repo octo/app --env prod --json name,updatedAt",
		}, "GitHub repository octo/app, environment prod"},
		{"vault", Options{Path: "myapp/openai"}, []string{
			"vault token lookup",
			"vault kv put -mount=secret myapp/openai OPENAI_API_KEY=-",
			"vault kv get -mount=secret -field=OPENAI_API_KEY myapp/openai",
		}, "Vault secret/myapp/openai"},
	}
	for _, tt := range tests {
		t.Run(tt.target+"/"+tt.where, func(t *testing.T) {
			res, calls := runPush(t, tt.target, "", tt.o, false)
			if res.Err != nil || !res.Pushed || !res.Verified {
				t.Fatalf("result %+v, error %+v", res, res.Err)
			}
			if got := argvs(calls); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("calls\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if res.Where != tt.where {
				t.Errorf("where %q, want %q", res.Where, tt.where)
			}
			assertKeyOnlyOnStdin(t, calls)
		})
	}
}

func TestGitHubOlderGhWithoutJSON(t *testing.T) {
	res, calls := runPush(t, "github", "old_gh", Options{Repo: "octo/app"}, false)
	if res.Err != nil || !res.Verified {
		t.Fatalf("result %+v, error %+v", res, res.Err)
	}
	if got := strings.Join(res.Commands[1], " "); got != "gh secret list --repo octo/app" {
		t.Errorf("read-back shown as %q, want the form that ran", got)
	}
	assertKeyOnlyOnStdin(t, calls)
}

func TestGitHubListMustShowThePush(t *testing.T) {
	res, _ := runPush(t, "github", "stale", Options{Repo: "octo/app"}, false)
	if res.Err == nil || res.Err.Code != CodeNotListed || res.Verified || !strings.Contains(res.Err.Msg, "2020-01-02T03:04:05Z") {
		t.Fatalf("result %+v, error %+v; want not_listed naming the old time", res, res.Err)
	}
}

func TestParseList(t *testing.T) {
	tests := []struct {
		out     string
		names   []string
		wantErr bool
	}{
		{`[{"name":"A","updatedAt":"2026-01-02T03:04:05Z"},{"name":"B","updatedAt":"2026-01-02T03:04:05Z"}]`, []string{"A", "B"}, false},
		{"A\t2026-01-02T03:04:05Z\nB\t2026-01-02T03:04:05Z\n", []string{"A", "B"}, false},
		{"", nil, false},
		{"A 2026-01-02\n", nil, true},
		{"A\tyesterday\n", nil, true},
		{`[{"name":`, nil, true},
	}
	for _, tt := range tests {
		list, err := parseList([]byte(tt.out))
		var names []string
		for _, l := range list {
			names = append(names, l.Name)
		}
		if (err != nil) != tt.wantErr || strings.Join(names, ",") != strings.Join(tt.names, ",") {
			t.Errorf("parseList(%q) = %v, %v; want %v, error %v", tt.out, names, err, tt.names, tt.wantErr)
		}
	}
}

func TestGitHubNotesNameForksAndWorkflowLines(t *testing.T) {
	res, _ := runPush(t, "github", "", Options{Repo: "octo/app"}, false)
	notes := strings.Join(res.Notes, "\n")
	for _, want := range []string{"forks", "env:", "OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}

func TestVaultReadBackCatchesTrailingNewline(t *testing.T) {
	res, calls := runPush(t, "vault", "newline", Options{Path: "myapp/openai"}, false)
	if res.Err == nil || res.Err.Code != CodeMismatch || res.Verified || !res.Pushed {
		t.Fatalf("result %+v, error %+v; want a mismatch after the write", res, res.Err)
	}
	for _, want := range []string{"1 extra trailing byte", "printf '%s'", "vault kv put -mount=secret myapp/openai OPENAI_API_KEY=-"} {
		if !strings.Contains(res.Err.Msg+" "+res.Err.Fix, want) {
			t.Errorf("error lacks %q: %s / %s", want, res.Err.Msg, res.Err.Fix)
		}
	}
	assertKeyOnlyOnStdin(t, calls) // the fake added the newline, not the push
}

func TestCLIMissingOrLoggedOut(t *testing.T) {
	tests := []struct {
		target, mode string
		o            Options
		missing      bool
		code         string
		want         []string
	}{
		{"github", "", Options{Repo: "octo/app"}, true, CodeCLIMissing, []string{"install gh (https://cli.github.com)", "https://github.com/octo/app/settings/secrets/actions"}},
		{"github", "", Options{Repo: "octo/app", Env: "prod"}, true, CodeCLIMissing, []string{"https://github.com/octo/app/settings/environments"}},
		{"vault", "", Options{Path: "p"}, true, CodeCLIMissing, []string{"install vault", "developer.hashicorp.com/vault/install"}},
		{"github", "logged_out", Options{Repo: "octo/app"}, false, CodeLoggedOut, []string{"gh auth login", "not logged into any GitHub hosts"}},
		{"vault", "logged_out", Options{Path: "p"}, false, CodeLoggedOut, []string{"vault login", "permission denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.target+"/"+tt.code, func(t *testing.T) {
			binDir, state := fakecli.Install(t, "gh", "vault")
			if tt.missing {
				binDir = t.TempDir()
			}
			tt.o.Environ = fakeEnv(binDir, state, tt.mode)
			tg, err := New(tt.target, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			res := tg.Run(context.Background(), apikey.New(testKey), false)
			if res.Err == nil || res.Err.Code != tt.code || res.Pushed {
				t.Fatalf("result %+v, error %+v; want %s and nothing pushed", res, res.Err, tt.code)
			}
			text := res.Err.Msg + "\n" + res.Err.Fix + "\n" + res.Err.Output
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("error lacks %q:\n%s", want, text)
				}
			}
			for _, c := range fakecli.Calls(t, state) {
				if len(c.Stdin) > 0 {
					t.Errorf("%v got stdin though the push stopped before writing", c.Argv)
				}
			}
		})
	}
}

func TestDryRunRunsOnlyTheLoginCheck(t *testing.T) {
	res, calls := runPush(t, "vault", "", Options{Path: "myapp/openai"}, true)
	if res.Err != nil || res.Pushed || len(res.Commands) != 2 {
		t.Fatalf("result %+v, error %+v", res, res.Err)
	}
	if got := argvs(calls); len(got) != 1 || got[0] != "vault token lookup" {
		t.Errorf("dry run ran %q, want only the login check", got)
	}
}

func TestGitHubRepoFromOrigin(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"remote", "add", "origin", "git@github.com:octo/from-origin.git"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	res, calls := runPush(t, "github", "", Options{Dir: dir}, false)
	if res.Err != nil || !res.Verified {
		t.Fatalf("result %+v, error %+v", res, res.Err)
	}
	if got := argvs(calls); len(got) < 2 || got[1] != "gh secret set OPENAI_API_KEY --repo octo/from-origin" {
		t.Errorf("calls %q", got)
	}

	noRemote := t.TempDir()
	res, _ = runPush(t, "github", "", Options{Dir: noRemote}, false)
	if res.Err == nil || res.Err.Code != CodeNoRepo || !strings.Contains(res.Err.Fix, "--repo OWNER/REPO") {
		t.Errorf("no origin: error %+v, want no_repo naming --repo", res.Err)
	}
}

func TestParseGitHubRemote(t *testing.T) {
	tests := []struct {
		remote, want string
		ok           bool
	}{
		{"https://github.com/octo/app.git", "octo/app", true},
		{"https://github.com/octo/app", "octo/app", true},
		{"https://user@github.com/octo/app.git", "octo/app", true},
		{"ssh://git@github.com/octo/app.git", "octo/app", true},
		{"git@github.com:octo/app.git", "octo/app", true},
		{"github.com:octo/app", "octo/app", true},
		{"git@gitlab.com:octo/app.git", "", false},
		{"https://github.com.evil.example/octo/app", "", false},
		{"https://github.com/octo", "", false},
		{"/srv/git/app.git", "", false},
		{"https://github.com/octo/app/extra", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseGitHubRemote(tt.remote)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseGitHubRemote(%q) = %q, %v; want %q, %v", tt.remote, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNewRefusesBadFlags(t *testing.T) {
	tests := []struct {
		target string
		o      Options
		want   string
	}{
		{"gitlab", Options{}, "unknown target"},
		{"github", Options{Repo: "octo"}, "--repo"},
		{"github", Options{Repo: "-x/y"}, "--repo"},
		{"github", Options{Path: "p"}, "go with vault"},
		{"github", Options{Env: "--body=x"}, "--env"},
		{"github", Options{Env: "prod\x1b[2J"}, "--env"},
		{"vault", Options{}, "needs --path"},
		{"vault", Options{Path: "-rf"}, "--path"},
		{"vault", Options{Path: "a=b"}, "--path"},
		{"vault", Options{Path: "../x"}, "--path"},
		{"vault", Options{Path: "p", Mount: "@file"}, "--mount"},
		{"vault", Options{Path: "p", Repo: "o/r"}, "go with github"},
		{"vault", Options{Path: "p", Name: "BAD=NAME"}, "--name"},
		{"github", Options{Name: "1KEY"}, "--name"},
		{"github", Options{Name: "github_token"}, "GITHUB_"},
	}
	for _, tt := range tests {
		_, err := New(tt.target, tt.o)
		if _, ok := err.(*UsageError); !ok || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%s, %+v) = %v; want a usage error with %q", tt.target, tt.o, err, tt.want)
		}
	}
}

func TestCLIOutputIsScrubbedAndSafe(t *testing.T) {
	r := runner{key: apikey.New(testKey)}
	got := r.clean("denied for " + testKey + " \x1b]52;c;aGk=\x07\n")
	if strings.Contains(got, testKey[10:30]) || strings.ContainsRune(got, 0x1b) {
		t.Errorf("clean left the key or an escape: %q", got)
	}
}

func TestLookPathSkipsRelativeEntries(t *testing.T) {
	binDir, _ := fakecli.Install(t, "gh")
	rel, err := filepath.Rel(mustGetwd(t), binDir)
	if err != nil {
		t.Skip(err)
	}
	if _, err := lookPath([]string{"PATH=" + rel}, "gh"); err == nil {
		t.Error("found gh through a relative PATH entry")
	}
	if _, err := lookPath([]string{"PATH=" + binDir}, "gh"); err != nil {
		t.Errorf("did not find gh on an absolute PATH entry: %v", err)
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
