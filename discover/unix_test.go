//go:build !windows

package discover

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/setupkit/openai-setup/envfile"
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

// A FIFO at .env (some secret managers serve one) is recorded as unread.
func TestDiscoverRecordsFIFO(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, ".env")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	inv := Run(Options{Dir: root})
	want := UnreadFile{Path: path, Kind: SourceDotenv, Outcome: envfile.ReadSpecial, Why: "a named pipe, not read"}
	if len(inv.UnreadFiles) != 1 || inv.UnreadFiles[0] != want {
		t.Errorf("UnreadFiles = %+v, want %+v", inv.UnreadFiles, want)
	}
}

// A .env the user cannot read is recorded with the reason.
func TestDiscoverRecordsUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	root := t.TempDir()
	path := filepath.Join(root, ".env")
	if err := os.WriteFile(path, []byte("OPENAI_API_KEY=x\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	inv := Run(Options{Dir: root})
	if len(inv.UnreadFiles) != 1 || inv.UnreadFiles[0].Outcome != envfile.ReadFailed || inv.UnreadFiles[0].Why != "could not be read: permission denied" {
		t.Errorf("UnreadFiles = %+v", inv.UnreadFiles)
	}
}
