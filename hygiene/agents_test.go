package hygiene

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/agents"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/testkit"
)

func TestEnvAgents(t *testing.T) {
	keyLine := "OPENAI_API_KEY=" + testkit.ProjKey + "\n"
	tests := []struct {
		name  string
		files map[string]string // in the repository
		home  map[string]string // in the fake home
		admin string            // OPENAI_ADMIN_KEY in the environment
		want  string            // "status code"
		has   []string          // in summary + fix ({root} and {home} replaced)
	}{
		{name: "no agent", files: map[string]string{".env": keyLine}, want: "pass", has: []string{"no coding agent"}},
		{name: "claude without a deny rule", files: map[string]string{".env": keyLine, "CLAUDE.md": "# notes\n"},
			want: "warn agent_readable",
			has: []string{"Claude Code (CLAUDE.md) can read .env", `add "Read(./.env)" to permissions.deny in {root}/.claude/settings.local.json`,
				"--agents-deny", "`cat .env`"}},
		{name: "claude covered by the user's settings", files: map[string]string{".env": keyLine, ".claude/settings.local.json": "{}"},
			home: map[string]string{".claude/settings.json": `{"permissions":{"deny":["Read(./.env)"]}}`},
			want: "pass", has: []string{"covered by the agents' deny rules"}},
		{name: "cursor and codex", files: map[string]string{".env.local": keyLine, ".cursorrules": "", "AGENTS.md": ""},
			want: "warn agent_readable",
			has:  []string{"add the line /.env.local to {root}/.cursorignore", "Codex has no deny mechanism", "outside the work tree"}},
		{name: "current key in a Claude Code transcript", files: map[string]string{".env": keyLine},
			home: map[string]string{"{claude}/s.jsonl": `{"cwd":"{root}"}` + "\n" + `{"tool":"Read","out":"` + keyLine[:len(keyLine)-1] + `"}` + "\n"},
			want: "fail agent_transcript",
			has:  []string{"configured now", "Claude Code's transcript", "{claude}/s.jsonl:2", "openai-setup rotate"}},
		{name: "admin key in aider's history", files: map[string]string{".aider.chat.history.md": "> " + testkit.AdminKey + "\n", ".aiderignore": ".env\n", ".env": keyLine},
			admin: testkit.AdminKey, want: "fail agent_transcript", has: []string{"aider's transcript", "{root}/.aider.chat.history.md:1"}},
		{name: "old key from a leftover write in a transcript, readable too",
			files: map[string]string{".env": keyLine, ".env.tmp-42": "OPENAI_API_KEY=" + testkit.ProjKey2 + "\n", "CLAUDE.md": "",
				".aider.chat.history.md": "x\n" + testkit.ProjKey2 + "\n"},
			want: "warn agent_readable",
			has:  []string{"Read(./.env)", "also: an old key " + apikey.Fingerprint(testkit.ProjKey2), ".aider.chat.history.md:2", "revoked"}},
		{name: "placeholder key is not searched", files: map[string]string{".env": "OPENAI_API_KEY=sk-proj-YOUR-KEY-HERE-0000000000000000000\n",
			".aider.chat.history.md": "sk-proj-YOUR-KEY-HERE-0000000000000000000\n", ".aiderignore": ".env\n"},
			want: "pass"},
		{name: "transcript without a known key", files: map[string]string{".env": keyLine, ".aider.chat.history.md": "hello\n", ".aiderignore": ".env\n"},
			want: "pass", has: []string{"covered by the agents' deny rules", "no known key in the 1 agent transcript of this work tree read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := htRepo(t, tt.files)
			if real, err := filepath.EvalSymlinks(root); err == nil {
				root = real
			}
			home := t.TempDir()
			claudeDir := agents.ClaudeProjectDir(filepath.Join(home, ".claude"), root)
			expand := func(s string) string {
				return strings.NewReplacer("{root}", root, "{home}", home, "{claude}", claudeDir).Replace(s)
			}
			for name, content := range tt.home {
				p := expand(name)
				if !filepath.IsAbs(p) {
					p = filepath.Join(home, p)
				}
				testkit.Write(t, p, expand(content), 0o600)
			}
			env := []string{"HOME=" + home}
			if tt.admin != "" {
				env = append(env, "OPENAI_ADMIN_KEY="+tt.admin)
			}
			o := discover.Options{Dir: root, Environ: env}
			inv := discover.Run(o)
			r := agentsCheck(context.Background(), inv, o, leftovers(inv.DotenvFiles))
			if got := strings.TrimSpace(string(r.Status) + " " + string(r.Code)); got != tt.want {
				t.Errorf("got %s, want %s: %+v", got, tt.want, r)
			}
			text := r.Summary + "\n" + r.Fix + "\n" + strings.Join(r.Detail, "\n")
			for _, h := range tt.has {
				if !strings.Contains(text, expand(h)) {
					t.Errorf("result lacks %q:\n%s", expand(h), text)
				}
			}
			if len(r.Findings) > 0 && strings.Contains(text, "no known key") {
				t.Errorf("claims no known key beside a finding:\n%s", text)
			}
			if strings.Contains(text, "excluded") {
				t.Errorf("claims a file is excluded:\n%s", text)
			}
			testkit.AssertNoLeak(t, fmt.Sprintf("%+v %#v", r, r), testkit.AllKeys...)
		})
	}
}
