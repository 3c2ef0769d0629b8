package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// A FIFO at .env used to block --with-key forever in os.ReadFile.
func TestWithKeyRefusesFIFOEnv(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	tr := newTestRun(t)
	envPath := filepath.Join(tr.app.Dir, ".env")
	if err := mkfifo(envPath); err != nil {
		t.Skip("mkfifo:", err)
	}
	code := withKeyRunIn(t, tr, fakeapi.Key("ok"), "--skip-checks")
	if code != exitFailed {
		t.Fatalf("exit = %d, want %d\n%s%s", code, exitFailed, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, "named pipe (FIFO)") || !strings.Contains(out, "Nothing was changed on disk") {
		t.Errorf("output does not name the FIFO or claims a change:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
		t.Errorf(".gitignore was written for a .env that cannot be")
	}
}

// A tracked .gitignore linking out of the repository is never appended to:
// the save fails naming the target, and nothing changes anywhere.
func TestWithKeyRefusesGitignoreLinkOutside(t *testing.T) {
	tr := newTestRun(t)
	repo := filepath.Join(tr.app.Dir, "repo")
	outsideFile := filepath.Join(tr.app.Dir, "bashrc")
	if err := os.WriteFile(outsideFile, []byte("alias ll='ls -l'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(repo, 0o755)
	if err := os.Symlink("../bashrc", filepath.Join(repo, ".gitignore")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	gitInit(t, repo)
	tr.app.Dir = repo
	code := withKeyRunIn(t, tr, fakeapi.Key("ok"), "--skip-checks")
	if code != exitFailed {
		t.Fatalf("exit = %d, want %d\n%s%s", code, exitFailed, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, outsideFile) || !strings.Contains(out, "Nothing was changed on disk") {
		t.Errorf("output does not name %s:\n%s", outsideFile, out)
	}
	if got, _ := os.ReadFile(outsideFile); string(got) != "alias ll='ls -l'\n" {
		t.Errorf("outside file changed: %q", got)
	}
	if _, err := os.Stat(filepath.Join(repo, ".env")); err == nil {
		t.Errorf(".env was written")
	}
}

// A .env linking out of the repository is written through, and the report
// names where the key went.
func TestWithKeyNamesEnvLinkOutside(t *testing.T) {
	tr := newTestRun(t)
	repo := filepath.Join(tr.app.Dir, "repo")
	secret := filepath.Join(tr.app.Dir, "secrets", "app.env")
	os.MkdirAll(filepath.Dir(secret), 0o755)
	os.MkdirAll(repo, 0o755)
	if err := os.WriteFile(secret, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(repo, ".env")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	gitInit(t, repo)
	tr.app.Dir = repo
	key := fakeapi.Key("ok")
	if code := withKeyRunIn(t, tr, key, "--skip-checks"); code != exitOK {
		t.Fatalf("exit = %d\n%s%s", code, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, "wrote its target "+secret+", outside this repository") {
		t.Errorf("report does not name the outside target:\n%s", out)
	}
	if got, _ := os.ReadFile(secret); !strings.Contains(string(got), "OPENAI_API_KEY="+key) {
		t.Errorf("target not written")
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())
}
