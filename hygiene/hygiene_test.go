package hygiene

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// htRepo makes a real git repository with the given files written (not
// committed) and returns its root.
func htRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	testkit.IsolateGit(t)
	root := t.TempDir()
	testkit.Git(t, root, "init", "-q")
	for name, content := range files {
		testkit.Write(t, filepath.Join(root, filepath.FromSlash(name)), content, 0o600)
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
	keyLine := "OPENAI_API_KEY=" + testkit.ProjKey + "\n"
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
			files:   map[string]string{"app/.env": keyLine, "app/.env.local": "OPENAI_API_KEY=" + testkit.ProjKey2 + "\n", ".gitignore": ".env*\n!.env.local\n"},
			cwd:     "app",
			ignore:  "fail negated",
			tracked: "pass",
			fixHas:  []string{"delete line 2 (!.env.local) of {root}/.gitignore"},
		},
		{
			name:  "tracked and committed",
			files: map[string]string{".env": keyLine},
			setup: func(t *testing.T, root string) {
				testkit.Git(t, root, "add", ".env")
				testkit.Git(t, root, "commit", "-q", "-m", "oops")
				testkit.Write(t, filepath.Join(root, ".gitignore"), ".env\n", 0o644)
			},
			ignore:  "pass", // ignored now, but still tracked: env.tracked says so
			tracked: "fail tracked",
			fixHas:  []string{"git rm --cached {root}/.env", "git commit", "`openai-setup rotate`"},
		},
		{
			name:    "staged, never committed",
			files:   map[string]string{".env": keyLine},
			setup:   func(t *testing.T, root string) { testkit.Git(t, root, "add", ".env") },
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
				testkit.Layout(t, root, "", tt.files)
			} else {
				root = htRepo(t, tt.files)
			}
			if tt.setup != nil {
				tt.setup(t, root)
			}
			dir := filepath.Join(root, filepath.FromSlash(tt.cwd))
			inv := discover.Run(discover.Options{Dir: dir})
			got := hygieneChecks(context.Background(), inv, dir, leftovers(inv.DotenvFiles), htOnly(checks.EnvGitignore, checks.EnvTracked))
			if len(got) != 2 {
				t.Fatalf("got %d results", len(got))
			}
			var fixes string
			for i, want := range []string{tt.ignore, tt.tracked} {
				r := got[i]
				if sc := strings.TrimSpace(string(r.Status) + " " + string(r.Code)); sc != want {
					t.Errorf("%s = %q, want %q: %s / %s", r.ID, sc, want, r.Summary, r.Fix)
				}
				if r.Status == checks.Fail && r.Fix == "" {
					t.Errorf("%s fails without a fix", r.ID)
				}
				fixes += r.Fix + "\n"
			}
			for _, s := range tt.fixHas {
				s = strings.ReplaceAll(s, "--cached {root}/.env", "--cached "+termtext.ShellQuote(filepath.Join(root, ".env")))
				if s = strings.ReplaceAll(s, "{root}", root); !strings.Contains(fixes, s) {
					t.Errorf("fixes %q\nwant %q", fixes, s)
				}
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, got), testkit.AllKeys...)
		})
	}
}

func TestTrackedStartupFileInDotfilesRepo(t *testing.T) {
	home := htRepo(t, map[string]string{".zshrc": "export OPENAI_API_KEY=" + testkit.ProjKey + "\n"})
	testkit.Git(t, home, "add", ".zshrc")
	testkit.Git(t, home, "commit", "-q", "-m", "dotfiles")
	inv := discover.Run(discover.Options{Dir: t.TempDir(), Home: home})
	r := trackedCheck(context.Background(), inv)
	if r.Status != checks.Fail || r.Code != "tracked" || !strings.Contains(r.Summary, filepath.Join(home, ".zshrc")) {
		t.Errorf("got %+v, want the tracked .zshrc", r)
	}
}

func TestHygieneWithoutGit(t *testing.T) {
	root := htRepo(t, map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"})
	inv := discover.Run(discover.Options{Dir: root})
	t.Setenv("PATH", t.TempDir())
	got := hygieneChecks(context.Background(), inv, root, leftovers(inv.DotenvFiles), htOnly(checks.EnvGitignore, checks.EnvTracked, checks.GitHistory))
	for _, r := range got {
		if r.Status != checks.Skip || !strings.Contains(r.Summary, "git is not installed") {
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
			testkit.Write(t, filepath.Join(root, name), "OPENAI_API_KEY="+testkit.ProjKey+"\n", mode)
		}
		inv := discover.Run(discover.Options{Dir: root})
		r := permsCheck(inv.KeyFiles)
		if sc := strings.TrimSpace(string(r.Status) + " " + string(r.Code)); sc != tt.want {
			t.Errorf("modes %v: got %q, want %q (%s)", tt.modes, sc, tt.want, r.Summary)
		}
		fix := strings.ReplaceAll(tt.fix, "{root}", root)
		if tt.fix != "" && !strings.HasPrefix(r.Fix, fix) {
			t.Errorf("fix = %q, want %q", r.Fix, fix)
		}
	}
}

func TestEnvGitignoreLeftoverTemp(t *testing.T) {
	keyLine := "OPENAI_API_KEY=" + testkit.ProjKey + "\n"
	halfWritten := "# app\nOPENAI_API_KEY=" + testkit.ProjKey2 + "\nDEB" // killed mid-write
	tests := []struct {
		name   string
		files  map[string]string
		want   string // "status code"
		found  bool   // the leftover is reported (summary and fix, or a detail line)
		detail bool   // reported as a detail line, under another finding
	}{
		{
			name:  "ignored .env, leftover with a key",
			files: map[string]string{".env": keyLine, ".gitignore": ".env\n", ".env.tmp-42": halfWritten},
			want:  "warn leftover_temp", found: true,
		},
		{
			name:  "leftover without a key",
			files: map[string]string{".env": keyLine, ".gitignore": ".env\n", ".env.tmp-42": "# app\nDEBUG=1\n"},
			want:  "pass",
		},
		{
			name:  "leftover with another provider's key",
			files: map[string]string{".env": keyLine, ".gitignore": ".env\n", ".env.tmp-42": "ANTHROPIC_API_KEY=sk-ant-api03-" + strings.Repeat("x", 40) + "\n"},
			want:  "pass",
		},
		{
			name:  "no key left in .env, but one in its leftover",
			files: map[string]string{".env": "DEBUG=1\n", ".gitignore": ".env\n", ".env.tmp-42": halfWritten},
			want:  "warn leftover_temp", found: true,
		},
		{
			name:  "not a temp name",
			files: map[string]string{".env": keyLine, ".gitignore": ".env\n", ".env.tmp-old": halfWritten},
			want:  "pass",
		},
		{
			name:  "the failure stays, the leftover is a detail",
			files: map[string]string{".env": keyLine, ".env.tmp-42": halfWritten},
			want:  "fail not_ignored", found: true, detail: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := htRepo(t, tt.files)
			left := filepath.Join(root, ".env.tmp-42")
			inv := discover.Run(discover.Options{Dir: root})
			got := hygieneChecks(context.Background(), inv, root, leftovers(inv.DotenvFiles), htOnly(checks.EnvGitignore))
			if len(got) != 1 {
				t.Fatalf("got %d results", len(got))
			}
			r := got[0]
			if sc := strings.TrimSpace(string(r.Status) + " " + string(r.Code)); sc != tt.want {
				t.Errorf("%s = %q, want %q: %s / %s", r.ID, sc, tt.want, r.Summary, r.Fix)
			}
			all := testkit.Dump(t, got)
			testkit.AssertNoLeak(t, all, testkit.AllKeys...)
			if !tt.found {
				if strings.Contains(all, ".tmp-") {
					t.Errorf("a leftover without an OpenAI key is reported: %s", all)
				}
				return
			}
			fix := "rm " + termtext.ShellQuote(left)
			where := r.Summary + "\n" + r.Fix
			if tt.detail {
				where = strings.Join(r.Detail, "\n")
				if strings.Contains(r.Summary+r.Fix, ".tmp-") {
					t.Errorf("the leftover took the place of the failure: %s / %s", r.Summary, r.Fix)
				}
			}
			if !strings.Contains(where, left+" holds a key") || !strings.Contains(where, fix) {
				t.Errorf("got %q\nwant it to name %s and the fix %q", where, left, fix)
			}
			if !tt.detail && len(r.Detail) == 0 {
				t.Errorf("the pass it replaced is not kept as a detail")
			}
		})
	}
}

// TestEnvGitignoreLeftoverWithoutGit: a leftover holding a key is reported
// even when git cannot be asked about the ignore rules.
func TestEnvGitignoreLeftoverWithoutGit(t *testing.T) {
	root := htRepo(t, map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n", ".env.local.tmp-7": "OPENAI_API_KEY=" + testkit.ProjKey + "\n", ".env.local": "A=1\n"})
	inv := discover.Run(discover.Options{Dir: root})
	t.Setenv("PATH", t.TempDir())
	r := gitignoreCheck(context.Background(), inv, leftovers(inv.DotenvFiles))
	if r.Status != checks.Warn || r.Code != "leftover_temp" || !strings.Contains(r.Fix, "rm "+filepath.Join(root, ".env.local.tmp-7")) {
		t.Errorf("got %+v, want a leftover_temp warning", r)
	}
	if len(r.Detail) == 0 || !strings.Contains(r.Detail[0], "git is not installed") {
		t.Errorf("the skip's reason is lost: %q", r.Detail)
	}
	if !strings.Contains(r.Summary, "a .gitignore line for .env.local alone") {
		t.Errorf("summary = %q", r.Summary)
	}
}
