package hygiene

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/testkit"
)

// Fake keys of every format, distinct (see testkit.Key).
var (
	gtProj    = testkit.Key("sk-proj-", 74, 1)
	gtProj2   = testkit.Key("sk-proj-", 74, 2)
	gtSvc     = testkit.Key("sk-svcacct-", 74, 3)
	gtLegacy  = testkit.Key("sk-", 20, 4)
	gtNone    = testkit.Key("sk-None-", 20, 5)
	gtAdmin   = testkit.Key("sk-admin-", 58, 6)
	gtAllKeys = []string{gtProj, gtProj2, gtSvc, gtLegacy, gtNone, gtAdmin}
)

// Short names for the shared test helpers.
var (
	gtDump         = testkit.Dump
	gtWrite        = testkit.Write
	gtAssertNoLeak = testkit.AssertNoLeak
	gtIsolateGit   = testkit.IsolateGit
	gtGit          = testkit.Git
)

// gtCommit writes files and commits them.
func gtCommit(t testing.TB, dir, msg string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		gtWrite(t, filepath.Join(dir, name), content, 0o644)
		gtGit(t, dir, "add", "--", name)
	}
	gtGit(t, dir, "commit", "-q", "--allow-empty", "-m", msg)
	return gtGit(t, dir, "rev-parse", "HEAD")
}

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
