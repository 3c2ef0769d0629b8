//go:build !windows

package discover

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO named .env would block a plain read forever; Discover skips it.
func TestDiscoverSkipsFIFO(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, ".env"), 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	inv := Run(Options{Dir: root})
	if len(inv.DotenvFiles) != 0 {
		t.Errorf("read a FIFO: %v", inv.DotenvFiles)
	}
}
