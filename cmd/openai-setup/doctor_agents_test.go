package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/agents"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// agentsFixture is a repository with a .env holding key and CLAUDE.md, and
// the real path of its root (git reports that one).
func agentsFixture(t *testing.T, tr *testRun, key string) string {
	t.Helper()
	gitInit(t, tr.app.Dir)
	root, err := filepath.EvalSymlinks(tr.app.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{".env": "OPENAI_API_KEY=" + key + "\n", ".gitignore": ".env\n", "CLAUDE.md": "# notes\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestDoctorEnvAgentsReadable(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	root := agentsFixture(t, tr, key)

	rep, code := runDoctorJSON(t, tr, "--check", "env.agents")
	c := checkByID(rep, "env.agents")
	wantFix := `add "Read(./.env)" to permissions.deny in ` + filepath.Join(root, ".claude", "settings.local.json")
	if code != exitOK || c.Status != "warn" || c.Code != "agent_readable" || !strings.Contains(c.Fix, wantFix) || !strings.Contains(c.Fix, "`cat .env`") {
		t.Errorf("exit %d, env.agents = %+v; want a warning whose fix says %q", code, c, wantFix)
	}

	tr2 := newTestRun(t)
	tr2.app.Dir, tr2.app.Home = tr.app.Dir, tr.app.Home
	if code := tr2.run(t, "doctor", "--check", "env.agents"); code != exitOK {
		t.Errorf("text exit %d", code)
	}
	for _, want := range []string{"[!] env.agents", "Claude Code (CLAUDE.md) can read .env", "Read(./.env)"} {
		if !strings.Contains(tr2.out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, tr2.out)
		}
	}
	if strings.Contains(tr.out.String()+tr2.out.String(), key) {
		t.Error("the key leaked into the output")
	}
}

func TestDoctorEnvAgentsTranscript(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	root := agentsFixture(t, tr, key)
	session := filepath.Join(agents.ClaudeProjectDir(filepath.Join(tr.app.Home, ".claude"), root), "s.jsonl")
	if err := os.MkdirAll(filepath.Dir(session), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(session, []byte(`{"cwd":"`+root+`"}`+"\n"+`{"content":"OPENAI_API_KEY=`+key+`"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	rep, code := runDoctorJSON(t, tr, "--check", "env.agents")
	c := checkByID(rep, "env.agents")
	if code != exitFailed || c.Status != "fail" || c.Code != "agent_transcript" || !strings.Contains(c.Fix, "openai-setup rotate") {
		t.Fatalf("exit %d, env.agents = %+v; want agent_transcript failing", code, c)
	}
	if len(c.Findings) != 1 || c.Findings[0].Path != session || c.Findings[0].Line != 2 || !c.Findings[0].InUse {
		t.Errorf("findings %+v; want %s line 2, in use", c.Findings, session)
	}
	if strings.Contains(tr.out.String(), key) || strings.Contains(tr.out.String(), "OPENAI_API_KEY=sk") {
		t.Error("the key or the transcript's line leaked into the output")
	}
}

// TestManPageNamesAgentHomes: the man page's ENVIRONMENT names the agents'
// folders env.agents reads.
func TestManPageNamesAgentHomes(t *testing.T) {
	page := manPage(newRootCmd(newTestRun(t).app))
	for _, name := range []string{"CLAUDE_CONFIG_DIR", "CODEX_HOME"} {
		if !strings.Contains(page, name) {
			t.Errorf("the man page does not name %s", name)
		}
	}
}
