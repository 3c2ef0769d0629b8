package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
)

// AgentsPlan is the AI-agent deny rules a save could also write, offered
// by the Save screen's toggle when the work tree shows the agent in use.
type AgentsPlan struct {
	Agent string   // e.g. "Claude Code"
	Sign  string   // what showed it, e.g. "CLAUDE.md"
	File  string   // the settings file the rules go in
	Lines []string // the plan's lines, one per rule, as "What will change" shows them
	// Err, when set, is why the rules cannot be added (an unreadable
	// settings file, a link out of the work tree): the toggle is off.
	Err string
}

// SaveChoice is how SaveWith saves: as SaveAnyway (Anyway), and with the
// plan's agent deny rules (AgentsDeny).
type SaveChoice struct {
	Anyway     bool
	AgentsDeny bool
}

// agentsPlan is the shown plan's agent offer, or nil.
func (m Model) agentsPlan() *AgentsPlan {
	if m.opts.SaveWith == nil || m.save.planning() || m.save.planErr != nil {
		return nil
	}
	return m.save.plan.Agents
}

// agentsOffered is whether the toggle works: rules to add, and no error.
func (m Model) agentsOffered() bool {
	p := m.agentsPlan()
	return p != nil && p.Err == "" && len(p.Lines) > 0
}

// agentsOn is whether this save also writes the deny rules.
func (m Model) agentsOn() bool { return m.agentsDeny && m.agentsOffered() }

// saveCmd writes the key as the screen shows it: with the deny rules when
// ticked, through SaveAnyway after the user's yes (anyway).
func (m Model) saveCmd(anyway bool) tea.Cmd {
	switch {
	case m.agentsOn():
		with, path, k := m.opts.SaveWith, m.envPath(), m.key
		return saveKey(func(p string, key apikey.Key) (SaveReport, error) {
			return with(p, key, SaveChoice{Anyway: anyway, AgentsDeny: true})
		}, path, k)
	case anyway:
		return saveKey(m.opts.SaveAnyway, m.envPath(), m.key)
	}
	return saveKey(m.opts.Save, m.envPath(), m.key)
}

// agentsToggleKeys: ctrl+t ticks the rules (letters type into the path).
func (m Model) agentsToggleKeys(k *keyMap) {
	if !m.agentsOffered() || m.askAnyway {
		return
	}
	on(&k.Toggle)
	k.Toggle.SetKeys("ctrl+t")
	k.Toggle.SetHelp("ctrl+t", "agent deny rules")
}

// updateAgentsToggle handles ctrl+t; false when it was another key.
func (m Model) updateAgentsToggle(msg tea.KeyPressMsg, k keyMap) (Model, bool) {
	if !k.Toggle.Enabled() || !key.Matches(msg, k.Toggle) {
		return m, false
	}
	m.agentsDeny = !m.agentsDeny
	return m, true
}

// agentsLines are the Save screen's toggle, and the rules it adds to the
// plan when ticked.
func (m Model) agentsLines() []string {
	p := m.agentsPlan()
	if p == nil {
		return nil
	}
	s := m.styles
	w := m.contentWidth()
	if p.Err != "" {
		return hang(w, s.Warn.Render(iconWarn)+" ", p.Agent+" is used here ("+p.Sign+"), but its deny rules cannot be added: "+sentence(p.Err))
	}
	if len(p.Lines) == 0 {
		return nil
	}
	box := "[ ]"
	if m.agentsDeny {
		box = "[x]"
	}
	out := hang(w, box+" ", "Also keep "+p.Agent+"'s Read tool off the key files ("+p.Sign+" is here): ctrl+t. It does not stop a shell command such as cat .env.")
	return out
}

// agentsPlanLines are the deny rules in "What will change", when ticked.
func (m Model) agentsPlanLines() []string {
	if !m.agentsOn() {
		return nil
	}
	var out []string
	for _, l := range m.agentsPlan().Lines {
		out = append(out, hang(m.contentWidth(), "  ", l)...)
	}
	return out
}

// agentsDoneLines say which deny rules the save wrote.
func (m Model) agentsDoneLines() []string {
	var out []string
	for _, l := range m.save.report.Agents {
		out = append(out, hang(m.contentWidth(), "  added ", l)...)
	}
	return out
}
