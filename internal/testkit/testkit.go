// Package testkit holds the helpers the packages' tests share: fake keys of
// every format, a leak assertion, and a git isolated from the user's
// configuration. Only tests import it.
package testkit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Key builds a well-formed fake key of the given prefix: side characters on
// each side of the T3BlbkFJ marker; seed makes keys distinct.
func Key(prefix string, side, seed int) string {
	alpha := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ"
	var l, r strings.Builder
	for i := range side {
		l.WriteByte(alpha[(i*7+seed*13+3)%len(alpha)])
		r.WriteByte(alpha[(i*11+seed*17+5)%len(alpha)])
	}
	return prefix + l.String() + "T3BlbkFJ" + r.String()
}

// AssertNoLeak fails when out holds any 12-character slice of a key's
// secret part (what follows its first 11 characters).
func AssertNoLeak(tb testing.TB, out string, keys ...string) {
	tb.Helper()
	for _, k := range keys {
		body := k[min(len(k), 11):]
		for i := 0; i+12 <= len(body); i++ {
			if strings.Contains(out, body[i:i+12]) {
				tb.Fatalf("output leaks part of a key (%s): %.300s", k[:min(len(k), 8)], out)
			}
		}
	}
}

// Dump renders values every way a caller might print them.
func Dump(tb testing.TB, vs ...any) string {
	tb.Helper()
	var b strings.Builder
	for _, v := range vs {
		js, err := json.Marshal(v)
		if err != nil {
			tb.Fatalf("json: %v", err)
		}
		fmt.Fprintf(&b, "%v\n%+v\n%#v\n%s\n", v, v, v, js)
	}
	return b.String()
}

// IsolateGit keeps the user's and system git configuration out of the test
// (a global excludes file could ignore .env), and skips without git.
func IsolateGit(tb testing.TB) {
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

// Git runs git in dir and fails the test on error; it returns stdout trimmed.
func Git(tb testing.TB, dir string, args ...string) string {
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

// Write writes a file with exactly mode (the umask is undone), creating its
// folders.
func Write(tb testing.TB, path, content string, mode os.FileMode) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		tb.Fatal(err)
	}
}

// Fake keys of every format, distinct (see Key): the set the scanners'
// tests share.
var (
	ProjKey   = Key("sk-proj-", 74, 1)
	ProjKey2  = Key("sk-proj-", 74, 2)
	SvcKey    = Key("sk-svcacct-", 74, 3)
	LegacyKey = Key("sk-", 20, 4)
	NoneKey   = Key("sk-None-", 20, 5)
	AdminKey  = Key("sk-admin-", 58, 6)
	AllKeys   = []string{ProjKey, ProjKey2, SvcKey, LegacyKey, NoneKey, AdminKey}
)

// Commit writes files into the repository dir, commits them (an empty
// commit without files) and returns the commit id.
func Commit(tb testing.TB, dir, msg string, files map[string]string) string {
	tb.Helper()
	for name, content := range files {
		Write(tb, filepath.Join(dir, name), content, 0o644)
		Git(tb, dir, "add", "--", name)
	}
	Git(tb, dir, "commit", "-q", "--allow-empty", "-m", msg)
	return Git(tb, dir, "rev-parse", "HEAD")
}

// Layout builds a tree of files (mode 0600): names are relative to root,
// or to home with a "~/" prefix.
func Layout(tb testing.TB, root, home string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if rest, ok := strings.CutPrefix(name, "~/"); ok {
			p = filepath.Join(home, filepath.FromSlash(rest))
		}
		Write(tb, p, content, 0o600)
	}
}
