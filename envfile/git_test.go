package envfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpdateTrackedUnknownRefused: with a .git entry above the file and no
// answer from git, a write is refused (never "not tracked") unless forced.
func TestUpdateTrackedUnknownRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) string // returns the repository folder
	}{
		{"corrupt .git file", func(t *testing.T) string {
			isolateGit(t)
			dir := t.TempDir()
			writeTestFile(t, filepath.Join(dir, ".git"), "gitdir: /nonexistent/elsewhere\n")
			return dir
		}},
		{"git not on PATH", func(t *testing.T) string {
			dir := gitRepo(t)
			t.Setenv("PATH", t.TempDir())
			return dir
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t)
			p := filepath.Join(dir, ".env")
			writeTestFile(t, p, "A=1\n")
			for _, dry := range []bool{true, false} {
				res, err := Update(context.Background(), p, Options{DryRun: dry}, Edit{keyName, newKey})
				if !errors.Is(err, ErrTrackedUnknown) || res.Written {
					t.Fatalf("dry run %v: res %+v, err %v; want ErrTrackedUnknown", dry, res, err)
				}
				if strings.Contains(err.Error(), newKey) {
					t.Fatal("the error holds the value")
				}
			}
			if got := readTestFile(t, p); got != "A=1\n" {
				t.Errorf("refused write changed the file: %q", got)
			}
			res, err := Update(context.Background(), p, Options{Force: true}, Edit{keyName, newKey})
			if err != nil || !res.Written {
				t.Fatalf("forced: res %+v, err %v", res, err)
			}
		})
	}
}

// TestEnsureIgnoredWithoutGitAnswer: when git cannot answer, the folder's
// .gitignore is still read and written, as outside a repository.
func TestEnsureIgnoredWithoutGitAnswer(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, ".git"), "gitdir: /nonexistent/elsewhere\n")
	res, err := EnsureIgnored(context.Background(), filepath.Join(dir, ".env"), Options{})
	if err != nil || res.InRepo || !res.Written {
		t.Fatalf("res %+v, err %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		t.Fatal(err)
	}
}

// TestWorkTreeFoundOnceIsUsed: a save passes the work tree it found once
// (Options.WorkTree) and every step uses that answer instead of asking git
// again, as a stale "in no work tree" answer shows.
func TestWorkTreeFoundOnceIsUsed(t *testing.T) {
	dir := gitRepo(t)
	env := filepath.Join(dir, ".env")
	wt := FindWorkTree(context.Background(), dir)
	if wt.Top == "" {
		t.Fatal("FindWorkTree found no work tree in a repository")
	}
	res, err := EnsureIgnored(context.Background(), env, Options{DryRun: true, WorkTree: wt})
	if err != nil || !res.InRepo {
		t.Fatalf("with the work tree: %+v, %v", res, err)
	}
	res, err = EnsureIgnored(context.Background(), env, Options{DryRun: true, WorkTree: &WorkTree{}})
	if err != nil || res.InRepo {
		t.Fatalf("told there is no work tree, it asked git anyway: %+v, %v", res, err)
	}
}
