package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestGenRepoDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := genRepo(&a, repoSpec{Commits: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := genRepo(&b, repoSpec{Commits: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two streams from one spec differ")
	}
}

func TestGenRepoTooSmall(t *testing.T) {
	if _, err := genRepo(&bytes.Buffer{}, repoSpec{Commits: 10, Seed: 1}); err == nil {
		t.Error("genRepo(10 commits) = nil error, want one")
	}
}

// TestGenRepoImports feeds the stream to git fast-import and checks the
// result: commit count, both branches, and every planted key present in
// the added lines of `git log -p --all`.
func TestGenRepoImports(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	const commits = 300
	var stream bytes.Buffer
	plants, err := genRepo(&stream, repoSpec{Commits: commits, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(plants), 3*len(keyFormats); got != want {
		t.Fatalf("plants = %d, want %d", got, want)
	}
	dir := filepath.Join(t.TempDir(), "repo")
	git(t, "", nil, "init", "-q", "-b", "main", dir)
	git(t, dir, &stream, "fast-import", "--quiet")

	if got := strings.TrimSpace(git(t, dir, nil, "rev-list", "--all", "--count")); got != strconv.Itoa(commits) {
		t.Errorf("rev-list --all --count = %s, want %d", got, commits)
	}
	branches := git(t, dir, nil, "for-each-ref", "--format=%(refname)", "refs/heads")
	for _, ref := range []string{mainRef, featureRef} {
		if !strings.Contains(branches, ref) {
			t.Errorf("branches %q lack %s", branches, ref)
		}
	}
	added := map[string]bool{}
	for _, line := range strings.Split(git(t, dir, nil, "log", "-p", "--all", "--format=", "--unified=0"), "\n") {
		if strings.HasPrefix(line, "+") {
			for _, k := range apikey.FindAll(line) {
				added[k] = true
			}
		}
	}
	for _, p := range plants {
		if !added[p.Key] {
			t.Errorf("%s key %s (%s) not in any added line", p.Format, apikey.Fingerprint(p.Key), p.Path)
		}
	}
	if got := len(added); got != len(plants) {
		t.Errorf("distinct keys in history = %d, want %d", got, len(plants))
	}
	// Removed keys are gone from the tip of their branch.
	for _, p := range plants {
		if p.RemovedAt < 0 {
			continue
		}
		ref := mainRef
		if p.Branch != "main" {
			ref = featureRef
		}
		if body := git(t, dir, nil, "show", ref+":"+p.Path); strings.Contains(body, p.Key) {
			t.Errorf("%s key %s still in %s at the tip of %s", p.Format, apikey.Fingerprint(p.Key), p.Path, ref)
		}
	}
}

func git(t *testing.T, dir string, stdin *bytes.Buffer, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if stdin != nil {
		cmd.Stdin = stdin
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
