package checks

import (
	"path/filepath"
	"strings"
	"testing"
)

// dtLayout builds a tree under root: paths relative to root, with "~/" for
// the fake home.
func dtLayout(t *testing.T, root, home string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if rest, ok := strings.CutPrefix(name, "~/"); ok {
			p = filepath.Join(home, filepath.FromSlash(rest))
		}
		gtWrite(t, p, content, 0o600)
	}
}
