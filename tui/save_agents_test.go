package tui

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

var claudePlan = &AgentsPlan{Agent: "Claude Code", Sign: "CLAUDE.md", File: ".claude/settings.local.json",
	Lines: []string{"+ Read(./.env) (permissions.deny)  (.claude/settings.local.json, added)"}}

// agentsOptions are fakes whose plan offers plan, and whose SaveWith
// records the choices it was given.
func agentsOptions(f *fakes, plan *AgentsPlan, choices *[]SaveChoice) Options {
	opts := f.options()
	planSave := opts.PlanSave
	opts.PlanSave = func(path string, key apikey.Key) (SavePlan, error) {
		p, err := planSave(path, key)
		p.Agents = plan
		return p, err
	}
	opts.SaveWith = func(path string, key apikey.Key, c SaveChoice) (SaveReport, error) {
		*choices = append(*choices, c)
		return SaveReport{Files: []string{path, ".gitignore", ".claude/settings.local.json"},
			Agents: []string{"Read(./.env) to .claude/settings.local.json (permissions.deny)"}}, nil
	}
	return opts
}

func TestSaveAgentsToggle(t *testing.T) {
	f := &fakes{results: passResults()}
	var choices []SaveChoice
	m := toChecks(t, newTest(t, agentsOptions(f, claudePlan, &choices)), goodKey)
	m, _ = keys(t, m, "enter")
	s := flat(screen(m))
	if !strings.Contains(s, "[ ] Also keep Claude Code's Read tool off the key files (CLAUDE.md is here): ctrl+t") || strings.Contains(s, "Read(./.env)") {
		t.Fatalf("save screen before the toggle:\n%s", screen(m))
	}
	if !m.activeKeys().Toggle.Enabled() {
		t.Fatal("ctrl+t is not enabled")
	}
	m, _ = keys(t, m, "ctrl+t")
	s = flat(screen(m))
	if !strings.Contains(s, "[x] Also keep") || !strings.Contains(s, "+ Read(./.env) (permissions.deny) (.claude/settings.local.json, added)") {
		t.Fatalf("the rules are not in the plan once ticked:\n%s", screen(m))
	}
	if m.path.Value() != ".env" {
		t.Errorf("ctrl+t typed into the path: %q", m.path.Value())
	}
	m, _ = keys(t, m, "enter")
	if len(choices) != 1 || choices[0] != (SaveChoice{AgentsDeny: true}) || len(f.saved) != 0 {
		t.Fatalf("SaveWith choices %v, Save calls %v", choices, f.saved)
	}
	d := flat(doneText(m))
	if !strings.Contains(d, "wrote .claude/settings.local.json") || !strings.Contains(d, "added Read(./.env) to .claude/settings.local.json") {
		t.Errorf("Done does not say what was written:\n%s", doneText(m))
	}
}

// Unticked (or ticked twice), the save is the plain one.
func TestSaveAgentsToggleOff(t *testing.T) {
	f := &fakes{results: passResults()}
	var choices []SaveChoice
	m := toChecks(t, newTest(t, agentsOptions(f, claudePlan, &choices)), goodKey)
	_, _ = keys(t, m, "enter", "ctrl+t", "ctrl+t", "enter")
	if len(choices) != 0 || len(f.saved) != 1 {
		t.Errorf("SaveWith %v, Save %v", choices, f.saved)
	}
}

// Without an offer (no agent here, or the command cannot write the rules),
// no toggle; an unusable settings file is said, with no toggle.
func TestSaveAgentsNotOffered(t *testing.T) {
	var choices []SaveChoice
	m := toChecks(t, newTest(t, agentsOptions(&fakes{results: passResults()}, nil, &choices)), goodKey)
	m, _ = keys(t, m, "enter")
	if strings.Contains(screen(m), "Claude") || m.activeKeys().Toggle.Enabled() {
		t.Errorf("toggle without an offer:\n%s", screen(m))
	}
	bad := &AgentsPlan{Agent: "Claude Code", Sign: ".claude", Err: ".claude/settings.local.json: not valid JSON; fix it by hand, then run again"}
	m = toChecks(t, newTest(t, agentsOptions(&fakes{results: passResults()}, bad, &choices)), goodKey)
	m, _ = keys(t, m, "enter", "ctrl+t", "enter")
	if s := flat(screen(m)); !strings.Contains(flat(doneText(m)), "Your key is saved") || len(choices) != 0 {
		t.Errorf("choices %v; %s", choices, s)
	}
	m = toChecks(t, newTest(t, agentsOptions(&fakes{results: passResults()}, bad, &choices)), goodKey)
	m, _ = keys(t, m, "enter")
	if s := flat(screen(m)); !strings.Contains(s, "Claude Code is used here (.claude), but its deny rules cannot be added") {
		t.Errorf("the refusal is not said:\n%s", screen(m))
	}
}

// After "git could not say", y saves anyway with the ticked rules.
func TestSaveAgentsAnyway(t *testing.T) {
	f := &fakes{results: passResults()}
	var choices []SaveChoice
	opts := agentsOptions(f, claudePlan, &choices)
	planSave := opts.PlanSave
	opts.PlanSave = func(path string, key apikey.Key) (SavePlan, error) {
		p, err := planSave(path, key)
		p.TrackedUnknown = "git timed out"
		return p, err
	}
	m := toChecks(t, newTest(t, opts), goodKey)
	_, _ = keys(t, m, "enter", "ctrl+t", "enter", "y")
	if len(choices) != 1 || choices[0] != (SaveChoice{Anyway: true, AgentsDeny: true}) {
		t.Errorf("choices %v", choices)
	}
}
