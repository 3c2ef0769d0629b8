package agents

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/jsonedit"
)

func TestPlanClaudeDeny(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		dotenvs  []string
		path     string // settings file edited
		want     string // its content after Apply
		rules    []string
		creating bool
	}{
		{"creates the personal file", map[string]string{"CLAUDE.md": ""}, []string{".env", "web/.env.local"},
			ClaudeLocalSettings,
			"{\n  \"permissions\": {\n    \"deny\": [\n      \"Read(./.env)\",\n      \"Read(./web/.env.local)\"\n    ]\n  }\n}\n",
			[]string{"Read(./.env)", "Read(./web/.env.local)"}, true},
		{"adds to the shared list, keeps the rest",
			map[string]string{".claude/settings.json": "{\n  \"permissions\": {\n    \"deny\": [\"Bash(curl *)\"]\n  },\n  \"model\": \"opus\"\n}\n"},
			[]string{".env"}, ClaudeProjectSettings,
			"{\n  \"permissions\": {\n    \"deny\": [\"Bash(curl *)\", \"Read(./.env)\"]\n  },\n  \"model\": \"opus\"\n}\n",
			[]string{"Read(./.env)"}, false},
		{"covered files are skipped", map[string]string{".claude/settings.local.json": `{"permissions":{"deny":["Read(./.env)"]}}`},
			[]string{".env", ".env.local"}, ClaudeLocalSettings,
			`{"permissions":{"deny":["Read(./.env)","Read(./.env.local)"]}}`, []string{"Read(./.env.local)"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			var files []string
			for _, d := range tt.dotenvs {
				files = append(files, filepath.Join(root, filepath.FromSlash(d)))
			}
			p, err := PlanClaudeDeny(root, files, fakeEnv(nil))
			if err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(root, filepath.FromSlash(tt.path))
			if p.Path != target || !slices.Equal(p.Rules, tt.rules) || p.Created != tt.creating {
				t.Errorf("plan %+v", p)
			}
			for _, r := range tt.rules {
				if !strings.Contains(p.Preview(), `"`+r+`"`) {
					t.Errorf("preview %q lacks %s", p.Preview(), r)
				}
			}
			if _, err := p.Apply(root); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(target)
			if string(got) != tt.want {
				t.Errorf("wrote\n%s\nwant\n%s", got, tt.want)
			}
			if fi, _ := os.Stat(target); tt.creating && runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("new file mode %v, want 0600", fi.Mode().Perm())
			}
			again, err := PlanClaudeDeny(root, files, fakeEnv(nil))
			if err != nil || len(again.Rules) != 0 {
				t.Errorf("second plan %+v, %v: want nothing to do", again.Rules, err)
			}
		})
	}
}

func TestPlanClaudeDenyRefuses(t *testing.T) {
	t.Run("invalid JSON", func(t *testing.T) {
		root := t.TempDir()
		bad := "{\"permissions\": {\"deny\": [],}}\n"
		writeFiles(t, root, map[string]string{".claude/settings.local.json": bad})
		_, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil)
		if !errors.Is(err, jsonedit.ErrInvalid) || !strings.Contains(err.Error(), "settings.local.json") {
			t.Errorf("err = %v", err)
		}
		if got, _ := os.ReadFile(filepath.Join(root, ".claude", "settings.local.json")); string(got) != bad {
			t.Errorf("file changed: %q", got)
		}
	})
	t.Run("symlink out of the work tree", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("symlinks need privileges on Windows")
		}
		root, outside := t.TempDir(), t.TempDir()
		writeFiles(t, root, map[string]string{".claude/": ""})
		if err := os.Symlink(filepath.Join(outside, "s.json"), filepath.Join(root, ".claude", "settings.local.json")); err != nil {
			t.Fatal(err)
		}
		_, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil)
		if err == nil || !strings.Contains(err.Error(), "out of the work tree") {
			t.Errorf("err = %v", err)
		}
		if _, err := os.Stat(filepath.Join(outside, "s.json")); err == nil {
			t.Error("wrote outside the work tree")
		}
	})
	t.Run("symlinked folder out of the work tree", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("symlinks need privileges on Windows")
		}
		root, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(outside, filepath.Join(root, ".claude")); err != nil {
			t.Fatal(err)
		}
		if _, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil); err == nil {
			t.Error("no error")
		}
	})
	t.Run("not a regular file", func(t *testing.T) {
		root := t.TempDir()
		writeFiles(t, root, map[string]string{".claude/settings.local.json/": ""})
		if _, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil); err == nil {
			t.Error("no error")
		}
	})
	t.Run("changed after the plan", func(t *testing.T) {
		root := t.TempDir()
		p, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, root, map[string]string{".claude/settings.local.json": "{}"})
		if _, err := p.Apply(root); err == nil || !strings.Contains(err.Error(), "changed") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestPlanClaudeDenySymlinkInsideIsWrittenThrough(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"config/claude.json": "{}", ".claude/": ""})
	link := filepath.Join(root, ".claude", "settings.local.json")
	if err := os.Symlink(filepath.Join(root, "config", "claude.json"), link); err != nil {
		t.Fatal(err)
	}
	p, err := PlanClaudeDeny(root, []string{filepath.Join(root, ".env")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Apply(root); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "config", "claude.json")); !strings.Contains(string(got), "Read(./.env)") {
		t.Errorf("target not written: %s", got)
	}
}
