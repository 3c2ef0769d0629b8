//go:build unix

package ciworkflows

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe called ci.yml is skipped unread: opening it would block.
func TestScanSkipsFIFO(t *testing.T) {
	root := t.TempDir()
	wf := filepath.Join(root, ".github", "workflows")
	if err := os.MkdirAll(wf, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(wf, "ci.yml"), 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	rep := Scan(root)
	if len(rep.Unread) != 1 || rep.Unread[0].Why != "not a regular file" || len(rep.Files) != 1 {
		t.Errorf("report %+v", rep)
	}
}
