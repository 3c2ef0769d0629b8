//go:build unix

package checks

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/setupkit/openai-setup/discover"
)

// A FIFO .env is not read, so key.found warns instead of failing with
// no_key, and says why.
func TestKeyFoundFIFO(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, ".env")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	inv := discover.Run(discover.Options{Dir: root})
	r := kcFound(inv)
	if r.Status != Warn || r.Code != CodeUnreadFile {
		t.Fatalf("key.found = %s/%s: %s", r.Status, r.Code, r.Summary)
	}
	for _, want := range []string{path + " (a named pipe, not read)", "a key there would be missed"} {
		if !strings.Contains(r.Summary, want) {
			t.Errorf("summary %q lacks %q", r.Summary, want)
		}
	}
	if !strings.Contains(r.Fix, "does not open named pipes") {
		t.Errorf("fix %q", r.Fix)
	}
}
