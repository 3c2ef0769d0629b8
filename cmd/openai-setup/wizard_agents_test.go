package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/tui"
)

// With CLAUDE.md in the work tree, the Save screen's plan offers the deny
// rule for the .env, and a save with the toggle writes it after the key.
func TestWizardAgentsDeny(t *testing.T) {
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	if err := os.WriteFile(filepath.Join(tr.app.Dir, "CLAUDE.md"), []byte("# notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true})
	key := apikey.New(fakeapi.Key("ok"))
	plan, err := opts.PlanSave(".env", key)
	if err != nil {
		t.Fatal(err)
	}
	a := plan.Agents
	if a == nil || a.Agent != "Claude Code" || a.Sign != "CLAUDE.md" || a.Err != "" ||
		len(a.Lines) != 1 || !strings.Contains(a.Lines[0], "Read(./.env)") || !strings.Contains(a.Lines[0], filepath.Join(".claude", "settings.local.json")) {
		t.Fatalf("Agents = %+v", a)
	}
	rep, err := opts.SaveWith(".env", key, tui.SaveChoice{AgentsDeny: true})
	if err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(tr.app.Dir, ".claude", "settings.local.json")
	got, err := os.ReadFile(settings)
	if err != nil || !strings.Contains(string(got), `"Read(./.env)"`) {
		t.Fatalf("settings: %q %v", got, err)
	}
	if env, _ := os.ReadFile(filepath.Join(tr.app.Dir, ".env")); !strings.Contains(string(env), "OPENAI_API_KEY=") {
		t.Error("the key was not saved")
	}
	if !strings.Contains(strings.Join(rep.Files, " "), filepath.Join(".claude", "settings.local.json")) ||
		len(rep.Agents) != 1 || !strings.Contains(rep.Agents[0], "Read(./.env) to .claude") {
		t.Errorf("report = %+v", rep)
	}
	assertNoLeak(t, fakeapi.Key("ok"), strings.Join(append(append(rep.Lines, rep.Agents...), a.Lines...), "\n"))

	// Covered now: nothing more to offer.
	if plan, err = opts.PlanSave(".env", key); err != nil || plan.Agents != nil {
		t.Errorf("after the save: Agents %+v, err %v", plan.Agents, err)
	}
}

// Unticked, nothing but the key and .gitignore is written.
func TestWizardAgentsDenyOff(t *testing.T) {
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	if err := os.Mkdir(filepath.Join(tr.app.Dir, ".claude"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true})
	key := apikey.New(fakeapi.Key("ok"))
	if plan, err := opts.PlanSave(".env", key); err != nil || plan.Agents == nil {
		t.Fatalf("no offer with .claude/: %+v %v", plan.Agents, err)
	}
	if _, err := opts.SaveWith(".env", key, tui.SaveChoice{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".claude", "settings.local.json")); err == nil {
		t.Error("deny rules written with the toggle off")
	}
}

// No agent, no offer; an invalid settings file is an offer that says why
// it cannot be taken.
func TestWizardAgentsDenyOffers(t *testing.T) {
	tr := newTestRun(t)
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true})
	key := apikey.New(fakeapi.Key("ok"))
	if plan, err := opts.PlanSave(".env", key); err != nil || plan.Agents != nil {
		t.Errorf("no agent: Agents %+v, err %v", plan.Agents, err)
	}
	local := filepath.Join(tr.app.Dir, ".claude", "settings.local.json")
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(local, []byte("{\"permissions\": {\"deny\": [],}}"), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, err := opts.PlanSave(".env", key)
	if err != nil || plan.Agents == nil || !strings.Contains(plan.Agents.Err, "not valid JSON") || len(plan.Agents.Lines) != 0 {
		t.Errorf("invalid settings: Agents %+v, err %v", plan.Agents, err)
	}
}
