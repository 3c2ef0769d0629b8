package checks

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// htRepo makes a real git repository with the given files written (not
// committed) and returns its root.
func htRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	gtIsolateGit(t)
	root := t.TempDir()
	gtGit(t, root, "init", "-q")
	for name, content := range files {
		gtWrite(t, filepath.Join(root, filepath.FromSlash(name)), content, 0o600)
	}
	return root
}

func htOnly(ids ...string) func(string) bool {
	return func(id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
}

func TestEnvGitignoreAndTracked(t *testing.T) {
	keyLine := "OPENAI_API_KEY=" + gtProj + "\n"
	tests := []struct {
		name     string
		files    map[string]string
		setup    func(t *testing.T, root string)
		cwd      string
		ignore   string // "status code"
		tracked  string
		fixHas   []string // in env.gitignore's or env.tracked's fix ({root} replaced)
		noRepo   bool
		noKeyEnv bool
	}{
		{
			name:    "not ignored",
			files:   map[string]string{".env": keyLine},
			ignore:  "fail not_ignored",
			tracked: "pass",
			fixHas:  []string{"`openai-setup`", "add the line .env to {root}/.gitignore"},
		},
		{
			name:    "ignored by the repo's .gitignore",
			files:   map[string]string{".env": keyLine, ".gitignore": "node_modules/\n.env\n"},
			ignore:  "pass",
			tracked: "pass",
		},
		{
			name:    "ignored from a subfolder's point of view",
			files:   map[string]string{"app/.env": keyLine, "app/.env.local": "OPENAI_API_KEY=" + gtProj2 + "\n", ".gitignore": ".env*\n!.env.local\n"},
			cwd:     "app",
			ignore:  "fail negated",
			tracked: "pass",
			fixHas:  []string{"delete line 2 (!.env.local) of {root}/.gitignore"},
		},
		{
			name:  "tracked and committed",
			files: map[string]string{".env": keyLine},
			setup: func(t *testing.T, root string) {
				gtGit(t, root, "add", ".env")
				gtGit(t, root, "commit", "-q", "-m", "oops")
				gtWrite(t, filepath.Join(root, ".gitignore"), ".env\n", 0o644)
			},
			ignore:  "pass", // ignored now, but still tracked: env.tracked says so
			tracked: "fail tracked",
			fixHas:  []string{"git rm --cached {root}/.env", "git commit", "`openai-setup rotate`"},
		},
		{
			name:    "staged, never committed",
			files:   map[string]string{".env": keyLine},
			setup:   func(t *testing.T, root string) { gtGit(t, root, "add", ".env") },
			ignore:  "fail not_ignored",
			tracked: "fail staged",
			fixHas:  []string{"git rm --cached {root}/.env before committing"},
		},
		{
			name:    "no file holds a key",
			files:   map[string]string{".env": "DEBUG=1\n"},
			ignore:  "pass",
			tracked: "pass",
		},
		{
			name:    "outside a repository",
			files:   map[string]string{".env": keyLine},
			noRepo:  true,
			ignore:  "pass",
			tracked: "pass",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var root string
			if tt.noRepo {
				root = t.TempDir()
				dtLayout(t, root, "", tt.files)
			} else {
				root = htRepo(t, tt.files)
			}
			if tt.setup != nil {
				tt.setup(t, root)
			}
			dir := filepath.Join(root, filepath.FromSlash(tt.cwd))
			inv := Discover(DiscoverOptions{Dir: dir})
			got := hygieneChecks(context.Background(), inv, dir, htOnly(EnvGitignore, EnvTracked))
			if len(got) != 2 {
				t.Fatalf("got %d results", len(got))
			}
			var fixes string
			for i, want := range []string{tt.ignore, tt.tracked} {
				r := got[i]
				if sc := strings.TrimSpace(string(r.Status) + " " + r.Code); sc != want {
					t.Errorf("%s = %q, want %q: %s / %s", r.ID, sc, want, r.Summary, r.Fix)
				}
				if r.Status == Fail && r.Fix == "" {
					t.Errorf("%s fails without a fix", r.ID)
				}
				fixes += r.Fix + "\n"
			}
			for _, s := range tt.fixHas {
				s = strings.ReplaceAll(s, "--cached {root}/.env", "--cached "+hygShellQuote(filepath.Join(root, ".env")))
				if s = strings.ReplaceAll(s, "{root}", root); !strings.Contains(fixes, s) {
					t.Errorf("fixes %q\nwant %q", fixes, s)
				}
			}
			gtAssertNoLeak(t, gtDump(t, got), gtAllKeys...)
		})
	}
}

func TestTrackedStartupFileInDotfilesRepo(t *testing.T) {
	home := htRepo(t, map[string]string{".zshrc": "export OPENAI_API_KEY=" + gtProj + "\n"})
	gtGit(t, home, "add", ".zshrc")
	gtGit(t, home, "commit", "-q", "-m", "dotfiles")
	inv := Discover(DiscoverOptions{Dir: t.TempDir(), Home: home})
	r := hygTracked(context.Background(), inv)
	if r.Status != Fail || r.Code != "tracked" || !strings.Contains(r.Summary, filepath.Join(home, ".zshrc")) {
		t.Errorf("got %+v, want the tracked .zshrc", r)
	}
}

func TestHygieneWithoutGit(t *testing.T) {
	root := htRepo(t, map[string]string{".env": "OPENAI_API_KEY=" + gtProj + "\n"})
	inv := Discover(DiscoverOptions{Dir: root})
	t.Setenv("PATH", t.TempDir())
	got := hygieneChecks(context.Background(), inv, root, htOnly(EnvGitignore, EnvTracked, GitHistory))
	for _, r := range got {
		if r.Status != Skip || !strings.Contains(r.Summary, "git is not installed") {
			t.Errorf("%s = %s %q, want a skip naming the missing git", r.ID, r.Status, r.Summary)
		}
	}
}

func TestEnvPerms(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("mode bits do not apply")
	}
	tests := []struct {
		modes map[string]os.FileMode
		want  string
		fix   string
	}{
		{map[string]os.FileMode{".env": 0o600}, "pass", ""},
		{map[string]os.FileMode{".env": 0o640}, "warn group_readable", "chmod 600 {root}/.env"},
		{map[string]os.FileMode{".env": 0o644, ".env.local": 0o640}, "warn world_readable", "chmod 600 {root}/.env {root}/.env.local"},
	}
	for _, tt := range tests {
		root := t.TempDir()
		for name, mode := range tt.modes {
			gtWrite(t, filepath.Join(root, name), "OPENAI_API_KEY="+gtProj+"\n", mode)
		}
		inv := Discover(DiscoverOptions{Dir: root})
		r := hygPerms(inv.KeyFiles)
		if sc := strings.TrimSpace(string(r.Status) + " " + r.Code); sc != tt.want {
			t.Errorf("modes %v: got %q, want %q (%s)", tt.modes, sc, tt.want, r.Summary)
		}
		fix := strings.ReplaceAll(tt.fix, "{root}", root)
		if tt.fix != "" && !strings.HasPrefix(r.Fix, fix) {
			t.Errorf("fix = %q, want %q", r.Fix, fix)
		}
	}
}
