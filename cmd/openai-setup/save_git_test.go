package main

import (
	"os"
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
