package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// requestPlan asks what saving to the current path would change; an answer
// for an older path is dropped by its id.
func (m Model) requestPlan() (Model, tea.Cmd) {
	m.planID++
	m.planning = true
	m.planErr = nil
	m.plan = SavePlan{}
	return m, planSave(m.opts.PlanSave, m.planID, m.envPath(), m.key)
}

// pastePath takes a pasted path, on one line.
func (m Model) pastePath(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	msg.Content = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(msg.Content, "\r", ""), "\n", ""))
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	m, plan := m.requestPlan()
	return m, tea.Batch(cmd, plan)
}

func (m Model) updateSave(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Next):
		m.saving = true
		m.saveErr = nil
		return m, saveKey(m.opts.Save, m.envPath(), m.key)
	case key.Matches(msg, k.Back):
		// Back to the results already shown, without asking the API again.
		m.path.Blur()
		m.pos--
		m.scroll = 0
		return m, nil
	}
	before := m.path.Value()
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	if m.path.Value() != before {
		m.saveErr = nil
		var plan tea.Cmd
		m, plan = m.requestPlan()
		return m, tea.Batch(cmd, plan)
	}
	return m, cmd
}

func (m Model) updateSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	if !m.saving {
		return m, nil
	}
	m.saving = false
	if msg.err != nil {
		m.saveErr = msg.err
		return m, nil
	}
	m.report = msg.report
	m.unsaved = false
	m.outcome.Saved = true
	m.outcome.Fingerprint = m.key.Fingerprint()
	m.outcome.Files = append([]string(nil), msg.report.Files...)
	return m.goTo(m.indexOf(stageDone))
}

func (m Model) viewSave() []string {
	s := m.styles
	w := m.contentWidth()
	out := []string{s.Title.Render("Save your key " + m.key.Fingerprint()), ""}
	out = append(out, wrap(w, "Where should it go? Edit the path if you like; most tools read .env in the project folder.")...)
	out = append(out, "", m.path.View(), "")
	switch {
	case m.planning:
		out = append(out, s.Faint.Render("Working out what will change…"))
	case m.planErr != nil:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Cannot save there: "+sentence(m.planErr.Error()))...)
	default:
		out = append(out, s.Bold.Render("What will change:"))
		for _, l := range m.plan.Lines {
			out = append(out, hang(w, "  ", l)...)
		}
		if len(m.plan.Lines) == 0 {
			out = append(out, s.Faint.Render("  nothing: the key is already there"))
		}
	}
	out = append(out, "")
	switch {
	case m.saving:
		out = append(out, s.Faint.Render("Saving…"))
	case m.saveErr != nil:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Could not save: "+sentence(m.saveErr.Error())+" Press enter to try again, or change the path.")...)
	default:
		out = append(out, wrap(w, s.Faint.Render("Nothing is written until you press enter."))...)
	}
	return out
}
