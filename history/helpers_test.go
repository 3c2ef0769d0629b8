package history

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testKey builds a well-formed fake key; seed makes keys distinct.
func testKey(prefix string, seed int) string {
	alpha := "AbCdEfGhIjKlMnOpQrStUvWz0123456789aBcDeFgHiJkLmNoPqRsTuVwZ"
	var l, r strings.Builder
	for i := range 40 {
		l.WriteByte(alpha[(i*7+seed*13+3)%len(alpha)])
		r.WriteByte(alpha[(i*11+seed*17+5)%len(alpha)])
	}
	return prefix + l.String() + "T3BlbkFJ" + r.String()
}

// isolateGit keeps the user's and system git configuration out of a test.
func isolateGit(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not installed")
	}
	tb.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	tb.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	tb.Setenv("GIT_AUTHOR_NAME", "Test")
	tb.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	tb.Setenv("GIT_COMMITTER_NAME", "Test")
	tb.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
}

// git runs git in dir and fails the test on error.
func git(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("git", append([]string{"-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("git %v: %v: %s", args, err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

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

// assertNoLeak fails when out holds any 12-character slice of a key's
// secret part.
func assertNoLeak(t *testing.T, out string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		body := k[min(len(k), 11):]
		for i := 0; i+12 <= len(body); i++ {
			if strings.Contains(out, body[i:i+12]) {
				t.Fatalf("output leaks part of a key (%s): %.300s", k[:8], out)
			}
		}
	}
}
