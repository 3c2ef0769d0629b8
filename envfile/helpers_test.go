package envfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// requireTool skips when a tool is missing locally, and fails under CI,
// where .ci/run installs every tool these tests use.
func requireTool(t *testing.T, what string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; CI must install it (see .ci/run)", what)
	}
	t.Skipf("skipped: %s is missing, and this test compares our reading of .env files with it (CONTRIBUTING.md says how to install it; CI=true makes this a failure)", what)
}

// isolateGit keeps the user's and the system's git config (global
// excludes in particular) out of a test.
func isolateGit(t *testing.T) {
	t.Helper()
	_, err := exec.LookPath("git")
	requireTool(t, "git", err == nil)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
}

// gitRepo makes a fresh repository and returns its folder.
func gitRepo(t *testing.T) string {
	t.Helper()
	isolateGit(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
