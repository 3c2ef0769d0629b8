package main

import (
	"bytes"
	"context"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// testRun is one command run against buffers, a temp working directory and
// an empty home, with no process environment leaking in.
type testRun struct {
	app      *app
	out, err *bytes.Buffer
	opened   []string
}

func newTestRun(t *testing.T, env ...string) *testRun {
	t.Helper()
	tr := &testRun{out: &bytes.Buffer{}, err: &bytes.Buffer{}}
	tr.app = &app{
		In: strings.NewReader(""), Out: tr.out, Err: tr.err,
		Environ:    append([]string{"PATH=/usr/bin:/bin", "NO_COLOR=1"}, env...),
		Dir:        t.TempDir(),
		Home:       t.TempDir(),
		NewClient:  func(timeout time.Duration) *http.Client { return newHTTPClient(timeout) },
		OpenURL:    func(url string) error { tr.opened = append(tr.opened, url); return nil },
		ReadSecret: func() (string, error) { return "", nil },
	}
	return tr
}

func (tr *testRun) run(t *testing.T, args ...string) int {
	t.Helper()
	return run(context.Background(), args, tr.app)
}

// gitInit makes dir a git repository with an identity, for hygiene checks.
func gitInit(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"config", "user.email", "t@example.com"}, {"config", "user.name", "t"}} {
		c := exec.Command("git", args...)
		c.Dir = dir
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// gitAdd stages path in the repository at dir.
func gitAdd(t *testing.T, dir, path string) {
	t.Helper()
	c := exec.Command("git", "add", path)
	c.Dir = dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git add %s: %v\n%s", path, err, out)
	}
}

// assertNoLeak fails if text holds the key or any 12-character slice of its
// secret part.
func assertNoLeak(t *testing.T, key, text string) {
	t.Helper()
	body := key[8:]
	for i := 0; i+12 <= len(body); i++ {
		if strings.Contains(text, body[i:i+12]) {
			t.Fatalf("output leaks part of the key:\n%s", text)
		}
	}
}
