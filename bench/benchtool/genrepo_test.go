package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/history"
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
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull) // for history.Scan's git
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	const commits = 300
	var stream bytes.Buffer
	plants, err := genRepo(&stream, repoSpec{Commits: commits, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(plants), 4*len(keyFormats); got != want {
		t.Fatalf("plants = %d, want %d", got, want)
	}
	dir := filepath.Join(t.TempDir(), "repo")
	git(t, "", nil, "init", "-q", "-b", "main", dir)
	git(t, dir, &stream, "fast-import", "--quiet")

	if got := strings.TrimSpace(git(t, dir, nil, "rev-list", "--all", "--count")); got != strconv.Itoa(commits+hiddenCommits) {
		t.Errorf("rev-list --all --count = %s, want %d", got, commits+hiddenCommits)
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
	regular, hidden := plants[:3*len(keyFormats)], plants[3*len(keyFormats):]
	for _, p := range regular {
		if !added[p.Key] {
			t.Errorf("%s key %s (%s) not in any added line", p.Format, apikey.Fingerprint(p.Key), p.Path)
		}
	}
	// The hidden places hold keys no added line of the branches shows
	// (the older stash's untracked commit is only reachable from its ref
	// here, before bench/run stores it).
	for _, p := range hidden {
		if added[p.Key] && p.Branch != "stash@{1}" {
			t.Errorf("%s key in %s (%s) shows in git log -p --all", p.Format, p.Path, p.Branch)
		}
	}
	storeStashes(t, dir)
	if got := strings.Count(git(t, dir, nil, "stash", "list"), "\n"); got != 2 {
		t.Errorf("stash list has %d entries, want 2", got)
	}
	res, err := history.Scan(context.Background(), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range res.Found {
		found[f.Key.Reveal()] = true
	}
	for _, p := range plants {
		if !found[p.Key] {
			t.Errorf("history.Scan missed the %s key in %s (%s)", p.Format, p.Path, p.Branch)
		}
	}
	if len(res.Found) != len(plants) || res.Ignored != 0 {
		t.Errorf("history.Scan found %d keys (%d ignored), want %d", len(res.Found), res.Ignored, len(plants))
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

// storeStashes does what bench/run does after the import: the generated
// stash entries go into the stash reflog, oldest first, and their refs go.
func storeStashes(t *testing.T, dir string) {
	t.Helper()
	refs := strings.Fields(git(t, dir, nil, "for-each-ref", "--sort=refname", "--format=%(refname)", stashRefPrefix))
	for _, ref := range refs {
		if !strings.HasSuffix(ref, "-untracked") {
			git(t, dir, nil, "stash", "store", "-q", "-m", "WIP on main: bench", ref)
		}
	}
	for _, ref := range refs {
		git(t, dir, nil, "update-ref", "-d", ref)
	}
}

func git(t *testing.T, dir string, stdin *bytes.Buffer, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_COMMITTER_NAME=Bench", "GIT_COMMITTER_EMAIL=bench@example.invalid")
	if stdin != nil {
		cmd.Stdin = stdin
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
