package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestWithKeyUnknownTrackingNeedsForce: a .git entry git cannot read means
// nobody knows whether the .env is tracked; the save refuses (exit 1) and
// says why, unless --force.
func TestWithKeyUnknownTrackingNeedsForce(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	if err := os.WriteFile(filepath.Join(tr.app.Dir, ".git"), []byte("gitdir: /nonexistent/elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	envPath := filepath.Join(tr.app.Dir, ".env")
	if err := os.WriteFile(envPath, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := withKeyRunIn(t, tr, key, "--base-url", srv.URL()); code != exitFailed {
		t.Fatalf("exit = %d, want %d\n%s%s", code, exitFailed, tr.out, tr.err)
	}
	out := tr.out.String() + tr.err.String()
	if got, _ := os.ReadFile(envPath); string(got) != "A=1\n" {
		t.Errorf(".env was written while git could not say whether it tracks it")
	}
	if !strings.Contains(out, "--force") || !strings.Contains(out, "whether git tracks") {
		t.Errorf("refusal does not say why or how to proceed:\n%s", out)
	}
	assertNoLeak(t, key, out)
	tr2 := newTestRun(t)
	tr2.app.Dir = tr.app.Dir
	if code := withKeyRunIn(t, tr2, key, "--base-url", srv.URL(), "--force"); code != exitOK {
		t.Fatalf("--force: exit %d\n%s%s", code, tr2.out, tr2.err)
	}
	if got, _ := os.ReadFile(envPath); !strings.Contains(string(got), "OPENAI_API_KEY=") {
		t.Errorf("--force did not write")
	}
}

// TestDoctorJSONHistoryIgnoredCount: git.history's JSON carries how many
// key-shaped values it skipped as placeholders.
func TestDoctorJSONHistoryIgnoredCount(t *testing.T) {
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	sample := "OPENAI_API_KEY=sk-proj-" + strings.Repeat("x", 40) + "\n"
	if err := os.WriteFile(filepath.Join(tr.app.Dir, "README.md"), []byte(sample), 0o600); err != nil {
		t.Fatal(err)
	}
	gitAdd(t, tr.app.Dir, "README.md")
	c := exec.Command("git", "commit", "-q", "-m", "docs")
	c.Dir = tr.app.Dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatal(err, string(out))
	}
	rep, _ := runDoctorJSON(t, tr, "--check", "git.history")
	h := checkByID(rep, "git.history")
	if h.Status != "pass" || h.Data["ignored"] != 1 {
		t.Fatalf("git.history = %s, data %v: %s", h.Status, h.Data, h.Summary)
	}
}
