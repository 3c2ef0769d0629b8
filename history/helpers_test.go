package history

import (
	"github.com/setupkit/openai-setup/internal/testkit"

	"os"
	"path/filepath"
	"testing"
)

// write writes a file, creating folders.
func write(tb testing.TB, dir, name, content string) {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// commit writes files, commits them and returns the commit id.
func commit(tb testing.TB, dir, msg string, files map[string]string) string {
	tb.Helper()
	for name, content := range files {
		write(tb, dir, name, content)
		git(tb, dir, "add", "--", name)
	}
	git(tb, dir, "commit", "-q", "--allow-empty", "-m", msg)
	return git(tb, dir, "rev-parse", "HEAD")
}

// newRepo makes an empty repository.
func newRepo(tb testing.TB) string {
	tb.Helper()
	isolateGit(tb)
	dir := tb.TempDir()
	git(tb, dir, "init", "-q")
	return dir
}

// utf16LE encodes s the way PowerShell's ">" writes a file: a byte-order
// mark, then UTF-16 little-endian.
func utf16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, r := range s { // ASCII only in these tests
		b = append(b, byte(r), 0)
	}
	return string(b)
}

// Shared helpers (internal/testkit) under this package's short names.
var (
	isolateGit   = testkit.IsolateGit
	git          = testkit.Git
	assertNoLeak = testkit.AssertNoLeak
)

// testKey builds a well-formed fake key; seed makes keys distinct.
func testKey(prefix string, seed int) string { return testkit.Key(prefix, 40, seed) }
