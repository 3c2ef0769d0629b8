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
