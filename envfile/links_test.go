package envfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
}

// A .gitignore linking out of the work tree is never written, dry run or
// not; one linking inside it is written through.
func TestEnsureIgnoredLinkedGitignore(t *testing.T) {
	cases := []struct {
		name   string
		repo   bool
		target string // relative to the repository folder
		want   error  // nil: written through
	}{
		{"repo, tracked link to a file outside", true, "../bashrc", ErrOutside},
		{"repo, link to a file inside", true, "config/gitignore", ErrLinkedGitignore},
		{"no repo, link out of the folder", false, "../bashrc", ErrOutside},
		{"no repo, link inside the folder", false, "config/gitignore", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			isolateGit(t)
			top := t.TempDir()
			dir := filepath.Join(top, "repo")
			target := filepath.Join(dir, c.target)
			writeTestFile(t, target, "# mine\n")
			os.MkdirAll(dir, 0o755)
			symlink(t, c.target, filepath.Join(dir, ".gitignore"))
			if c.repo {
				git(t, dir, "init", "-q")
				git(t, dir, "add", ".gitignore")
			}
			env := filepath.Join(dir, ".env")
			for _, dry := range []bool{true, false} {
				res, err := EnsureIgnored(context.Background(), env, Options{DryRun: dry})
				if c.want != nil {
					if !errors.Is(err, c.want) || !strings.Contains(err.Error(), filepath.Join(dir, ".gitignore")) || res.Written {
						t.Errorf("dry %v: err = %v, written %v; want %v", dry, err, res.Written, c.want)
					}
					if c.want == ErrOutside && !strings.Contains(err.Error(), target) {
						t.Errorf("error does not name the target %s: %v", target, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("dry %v: %v", dry, err)
				}
			}
			got := readTestFile(t, target)
			if c.want != nil && got != "# mine\n" {
				t.Errorf("target changed: %q", got)
			}
			if c.want == nil && !strings.Contains(got, "/.env\n") {
				t.Errorf("inside target not written: %q", got)
			}
		})
	}
}

// A .env link is written through; an outside target is flagged; a link git
// tracks is refused even with Force.
func TestUpdateLinkedEnv(t *testing.T) {
	cases := []struct {
		name    string
		target  string // relative to the repository folder
		track   bool
		outside bool
		refused bool
	}{
		{"link inside", "secrets/app.env", false, false, false},
		{"link outside", "../../home/secrets/app.env", false, true, false},
		{"tracked link", "secrets/app.env", true, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(gitRepo(t), "app")
			target := filepath.Join(dir, c.target)
			writeTestFile(t, target, "A=1\n")
			os.MkdirAll(dir, 0o755)
			env := filepath.Join(dir, ".env")
			symlink(t, c.target, env)
			if c.track {
				git(t, dir, "add", ".env")
			}
			plan, err := Update(context.Background(), env, Options{DryRun: true, Force: true}, Edit{keyName, newKey})
			if c.refused {
				if !errors.Is(err, ErrTrackedLink) || !strings.Contains(err.Error(), env) {
					t.Errorf("err = %v, want ErrTrackedLink naming %s", err, env)
				}
				if _, err := Update(context.Background(), env, Options{Force: true}, Edit{keyName, newKey}); !errors.Is(err, ErrTrackedLink) {
					t.Errorf("write: err = %v", err)
				}
				if got := readTestFile(t, target); got != "A=1\n" {
					t.Errorf("target written: %q", got)
				}
				return
			}
			if err != nil || plan.Outside != c.outside || plan.Target != target {
				t.Fatalf("plan = %+v, %v; want outside %v, target %s", plan, err, c.outside, target)
			}
			res, err := Update(context.Background(), env, Options{}, Edit{keyName, newKey})
			if err != nil || !res.Written || res.Outside != c.outside {
				t.Fatalf("res = %+v, %v", res, err)
			}
			if got := readTestFile(t, target); got != "A=1\n"+keyName+"="+newKey+"\n" {
				t.Errorf("target = %q", got)
			}
		})
	}
}
