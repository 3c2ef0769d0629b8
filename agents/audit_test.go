package agents

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/gitignore"
)

// fakeEnv is an environment lookup over a map: tests never see the real home.
func fakeEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// writeFiles creates each relative path under root with its content; a
// name ending in "/" is a folder.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []Agent
	}{
		{"none", map[string]string{"README.md": ""}, nil},
		{"claude folder", map[string]string{".claude/": ""}, []Agent{Claude}},
		{"CLAUDE.md", map[string]string{"CLAUDE.md": ""}, []Agent{Claude}},
		{"cursor rules", map[string]string{".cursorrules": ""}, []Agent{Cursor}},
		{"aider prefix", map[string]string{".aider.conf.yml": ""}, []Agent{Aider}},
		{"AGENTS.md is codex", map[string]string{"AGENTS.md": ""}, []Agent{Codex}},
		{"all, in report order", map[string]string{".codex/": "", ".cursor/": "", ".aider.chat.history.md": "", "CLAUDE.md": ""},
			[]Agent{Claude, Cursor, Aider, Codex}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			var got []Agent
			for _, s := range Detect(root) {
				got = append(got, s.Agent)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckClaude(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // under the work tree
		user    string            // ~/.claude/settings.json
		dotenv  string            // relative dotenv path holding a key
		covered string            // suffix of CoveredBy; "" = not covered
		add     string
		into    string
	}{
		{"no settings", map[string]string{"CLAUDE.md": ""}, "", ".env", "", "Read(./.env)", ClaudeLocalSettings},
		{"project rule", map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read(./.env)"]}}`}, "", ".env",
			"settings.json: Read(./.env)", "", ""},
		{"local rule", map[string]string{".claude/settings.local.json": `{"permissions":{"deny":["Read(./.env.*)"]}}`}, "", ".env.local",
			"settings.local.json: Read(./.env.*)", "", ""},
		{"user rule, any depth", map[string]string{"CLAUDE.md": ""}, `{"permissions":{"deny":["Read(**/.env*)"]}}`, "web/.env",
			"settings.json: Read(**/.env*)", "", ""},
		{"unanchored name matches any depth", map[string]string{"CLAUDE.md": ""}, `{"permissions":{"deny":["Read(.env)"]}}`, "web/.env",
			"Read(.env)", "", ""},
		{"./ anchors to the root", map[string]string{"CLAUDE.md": ""}, `{"permissions":{"deny":["Read(./.env)"]}}`, "web/.env",
			"", "Read(./web/.env)", ClaudeLocalSettings},
		{"bare Read denies everything", map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read"]}}`}, "", ".env",
			"settings.json: Read", "", ""},
		{"Edit rule does not cover reads; shared list gets the new rule",
			map[string]string{".claude/settings.json": `{"permissions":{"deny":["Edit(./.env)"]}}`}, "", ".env",
			"", "Read(./.env)", ClaudeProjectSettings},
		{"other file's rule", map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read(./secrets/**)"]}}`}, "", ".env",
			"", "Read(./.env)", ClaudeProjectSettings},
		{"folder rule covers files inside", map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read(./config/)"]}}`}, "", "config/.env",
			"Read(./config/)", "", ""},
		{"invalid settings are not counted", map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read(./.env)",]}}`}, "", ".env",
			"", "Read(./.env)", ClaudeLocalSettings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, home := t.TempDir(), t.TempDir()
			writeFiles(t, root, tt.files)
			if tt.user != "" {
				writeFiles(t, home, map[string]string{".claude/settings.json": tt.user})
			}
			f := filepath.Join(root, filepath.FromSlash(tt.dotenv))
			a := Check(Options{Root: root, Files: []string{f}, Getenv: fakeEnv(map[string]string{"HOME": home})})
			if len(a.Exposures) != 1 {
				t.Fatalf("exposures %+v", a.Exposures)
			}
			e := a.Exposures[0]
			if e.Agent != Claude || e.File != f {
				t.Errorf("exposure %+v", e)
			}
			if tt.covered == "" && e.Covered() || tt.covered != "" && !strings.HasSuffix(e.CoveredBy, tt.covered) {
				t.Errorf("CoveredBy = %q, want suffix %q", e.CoveredBy, tt.covered)
			}
			wantInto := ""
			if tt.into != "" {
				wantInto = filepath.Join(root, filepath.FromSlash(tt.into))
			}
			if e.Add != tt.add || e.Into != wantInto {
				t.Errorf("Add, Into = %q, %q; want %q, %q", e.Add, e.Into, tt.add, wantInto)
			}
		})
	}
}

func TestCheckClaudeConfigDir(t *testing.T) {
	root, cfg := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{"CLAUDE.md": ""})
	writeFiles(t, cfg, map[string]string{"settings.json": `{"permissions":{"deny":["Read(./.env)"]}}`})
	f := filepath.Join(root, ".env")
	a := Check(Options{Root: root, Files: []string{f}, Getenv: fakeEnv(map[string]string{"HOME": t.TempDir(), EnvClaudeConfigDir: cfg})})
	if !a.Exposures[0].Covered() {
		t.Errorf("CLAUDE_CONFIG_DIR/settings.json not read: %+v", a.Exposures[0])
	}
}

func TestCheckIgnoreFiles(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		dotenv string
		agent  Agent
		cover  string // rule text that covers; "" = not covered
		add    string
	}{
		{"cursor, no ignore file", map[string]string{".cursor/": ""}, ".env", Cursor, "", "/.env"},
		{"cursor, covered", map[string]string{".cursorrules": "", ".cursorignore": "# secrets\n.env*\n"}, "web/.env.local", Cursor, ".env*", ""},
		{"cursor, negated", map[string]string{".cursorrules": "", ".cursorignore": ".env*\n!.env.local\n"}, ".env.local", Cursor, "", "/.env.local"},
		{"cursor, anchored elsewhere", map[string]string{".cursorrules": "", ".cursorignore": "/web/.env\n"}, ".env", Cursor, "", "/.env"},
		{"aider, CRLF file", map[string]string{".aider.conf.yml": "", ".aiderignore": "node_modules/\r\n.env\r\n"}, ".env", Aider, ".env", ""},
		{"aider, folder ignored", map[string]string{".aiderignore": "config/\n"}, "config/.env", Aider, "config/", ""},
		{"aider, special characters escaped", map[string]string{".aiderignore": ""}, "a[1]/.env", Aider, "", `/a\[1\]/.env`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			f := filepath.Join(root, filepath.FromSlash(tt.dotenv))
			a := Check(Options{Root: root, Files: []string{f}})
			if len(a.Exposures) != 1 || a.Exposures[0].Agent != tt.agent {
				t.Fatalf("exposures %+v", a.Exposures)
			}
			e := a.Exposures[0]
			if tt.cover == "" && e.Covered() || tt.cover != "" && !strings.HasSuffix(e.CoveredBy, ": "+tt.cover) {
				t.Errorf("CoveredBy = %q, want rule %q", e.CoveredBy, tt.cover)
			}
			if e.Add != tt.add {
				t.Errorf("Add = %q, want %q", e.Add, tt.add)
			}
			if e.Add != "" { // the suggested line must cover the file it is for
				rules := gitignore.Parse(e.Add)
				if gitignore.IgnoredBy(rules, tt.dotenv) == nil {
					t.Errorf("suggested %q does not cover %s", e.Add, tt.dotenv)
				}
			}
		})
	}
}

func TestCheckCodexHasNoDenyList(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"AGENTS.md": ""})
	f := filepath.Join(root, ".env")
	a := Check(Options{Root: root, Files: []string{f}})
	want := []Exposure{{Agent: Codex, File: f}}
	if !slices.Equal(a.Exposures, want) {
		t.Errorf("got %+v, want %+v", a.Exposures, want)
	}
}

func TestClaudeRuleCoversItsFile(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{filepath.Join(root, ".env"), filepath.Join(root, "a*b", ".env.local"), "/elsewhere/x/.env"} {
		rule := ClaudeRule(root, p)
		d, ok := parseReadDeny(rule, "s", root, "")
		if !ok || !d.covers(p) {
			t.Errorf("%s: rule %q does not cover it", p, rule)
		}
		if other := filepath.Join(root, "zz", ".env"); d.covers(other) {
			t.Errorf("rule %q also covers %s", rule, other)
		}
	}
}
