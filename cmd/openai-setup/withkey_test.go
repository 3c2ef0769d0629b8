package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// quirkyEnv has every quirk the editor must keep: CRLF, comments, export,
// quotes, an inline comment, a line it does not understand, a duplicate key
// and no final newline.
const quirkyEnv = "# app settings\r\nexport DB_URL=\"postgres://u:p@h/db\" # prod\r\nOPENAI_API_KEY=old-value\r\n\r\nGREETING='hello world'\r\nOPENAI_API_KEY=dup\r\nNOT A VALID LINE\r\nLAST=1"

func withKeyRunIn(t *testing.T, tr *testRun, stdin string, args ...string) int {
	t.Helper()
	tr.app.In = strings.NewReader(stdin)
	return tr.run(t, append([]string{"--with-key"}, args...)...)
}

func TestWithKeySavesAndKeepsEveryOtherByte(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	envPath := filepath.Join(tr.app.Dir, ".env")
	if err := os.WriteFile(envPath, []byte(quirkyEnv), 0o600); err != nil {
		t.Fatal(err)
	}
	code := withKeyRunIn(t, tr, "  "+key+"\n", "--base-url", srv.URL())
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, tr.out, tr.err)
	}
	got, _ := os.ReadFile(envPath)
	want := strings.Replace(quirkyEnv, "OPENAI_API_KEY=old-value", "OPENAI_API_KEY="+key, 1)
	want = strings.Replace(want, "OPENAI_API_KEY=dup\r\n", "", 1)
	if string(got) != want {
		t.Errorf(".env =\n%q\nwant\n%q", got, want)
	}
	c := exec.Command("git", "check-ignore", "-q", ".env")
	c.Dir = tr.app.Dir
	if err := c.Run(); err != nil {
		t.Errorf(".env is not ignored by git after the save: %v", err)
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())
	for _, want := range []string{"Saved", ".gitignore", "removed whitespace"} {
		if !strings.Contains(tr.out.String()+tr.err.String(), want) {
			t.Errorf("output lacks %q:\n%s%s", want, tr.out, tr.err)
		}
	}
}

func TestWithKeyDryRunWritesNothing(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	envPath := filepath.Join(tr.app.Dir, ".env")
	os.WriteFile(envPath, []byte(quirkyEnv), 0o600)
	code := withKeyRunIn(t, tr, key, "--base-url", srv.URL(), "--dry-run")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, tr.out, tr.err)
	}
	if got, _ := os.ReadFile(envPath); string(got) != quirkyEnv {
		t.Errorf("dry run changed .env")
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
		t.Errorf("dry run created .gitignore")
	}
	out := tr.out.String()
	for _, want := range []string{"Dry run", "OPENAI_API_KEY=sk-proj-…", "/.env"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	assertNoLeak(t, key, out+tr.err.String())
}

func TestWithKeyRefusals(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tests := []struct {
		name, stdin string
		args        []string
		exit        int
		say         string
	}{
		{"failing key writes nothing", fakeapi.Key("invalid_api_key"), nil, exitFailed, "Not saved"},
		{"quota failure writes nothing", fakeapi.Key("insufficient_quota"), nil, exitFailed, "Not saved"},
		{"two lines", fakeapi.Key("ok") + "\n" + fakeapi.Key("ok"), nil, exitUsage, "lines"},
		{"huge paste", strings.Repeat("sk-proj-", 300), nil, exitUsage, "bytes"},
		{"binary", "sk-\x00\x01\x02", nil, exitUsage, "binary"},
		{"empty", "  \n", nil, exitUsage, "no key"},
		{"admin key", "sk-admin-" + strings.Repeat("A", 58) + "T3BlbkFJ" + strings.Repeat("b", 58), nil, exitFailed, "admin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t)
			code := withKeyRunIn(t, tr, tt.stdin, append([]string{"--base-url", srv.URL()}, tt.args...)...)
			if code != tt.exit {
				t.Errorf("exit = %d, want %d\n%s%s", code, tt.exit, tr.out, tr.err)
			}
			if !strings.Contains(tr.out.String()+tr.err.String(), tt.say) {
				t.Errorf("output lacks %q:\n%s%s", tt.say, tr.out, tr.err)
			}
			entries, _ := os.ReadDir(tr.app.Dir)
			if len(entries) != 0 {
				t.Errorf("files were written: %v", entries)
			}
			if len(tt.stdin) > 60 {
				assertNoLeak(t, tt.stdin, tr.out.String()+tr.err.String())
			}
		})
	}
}

func TestWithKeyTrackedEnvNeedsForce(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	envPath := filepath.Join(tr.app.Dir, ".env")
	os.WriteFile(envPath, []byte("A=1\n"), 0o600)
	add := exec.Command("git", "add", ".env")
	add.Dir = tr.app.Dir
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatal(err, string(out))
	}
	if code := withKeyRunIn(t, tr, key, "--base-url", srv.URL()); code != exitFailed {
		t.Fatalf("exit = %d, want %d", code, exitFailed)
	}
	if got, _ := os.ReadFile(envPath); string(got) != "A=1\n" {
		t.Errorf("tracked .env was written without --force")
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
		t.Errorf(".gitignore was changed although nothing was saved")
	}
	if !strings.Contains(tr.out.String(), "git rm --cached") {
		t.Errorf("refusal does not say how to untrack:\n%s", tr.out)
	}
	tr2 := newTestRun(t)
	tr2.app.Dir = tr.app.Dir
	if code := withKeyRunIn(t, tr2, key, "--base-url", srv.URL(), "--force"); code != exitOK {
		t.Fatalf("--force: exit %d\n%s", code, tr2.out)
	}
	if got, _ := os.ReadFile(envPath); !strings.Contains(string(got), "OPENAI_API_KEY=") {
		t.Errorf("--force did not write")
	}
}

func TestWithKeySkipChecksMakesNoRequest(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t)
	code := withKeyRunIn(t, tr, fakeapi.Key("ok"), "--base-url", srv.URL(), "--skip-checks", "--json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, tr.out, tr.err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("--skip-checks sent %d requests", n)
	}
	var doc struct {
		OK   bool `json:"ok"`
		Save struct {
			Saved bool     `json:"saved"`
			Files []string `json:"files"`
		} `json:"save"`
	}
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, tr.out)
	}
	if !doc.OK || !doc.Save.Saved || len(doc.Save.Files) != 2 {
		t.Errorf("save = %+v", doc)
	}
}
