package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The plan screen: a few editable fields, and what a run would make, read
// from the organization without changing it. enter asks for the plan of
// the fields as typed; once it is shown, enter makes it.

func (m Model) enterPlan() (Model, tea.Cmd) {
	focus := m.prov.in.fields[m.prov.focus].Focus()
	if m.prov.planCurrent() || m.prov.planning {
		return m, focus
	}
	m, plan := m.planRequest()
	return m, tea.Batch(focus, plan)
}

func (m Model) updatePlan(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	p := &m.prov
	switch {
	case key.Matches(msg, k.Next):
		switch {
		case p.planning:
			return m, nil
		case p.planCurrent():
			return m.next() // the Create screen starts the run
		}
		return m.planRequest()
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.NextFile):
		return m.focusField((p.focus + 1) % fieldCount)
	case msg.String() == "shift+tab":
		return m.focusField((p.focus + fieldCount - 1) % fieldCount)
	case msg.String() == "ctrl+v":
		m.notice = ctrlVHelp
		return m, nil
	}
	if p.swallow && keyChar(msg.Text) {
		return m, nil // the rest of a refused key
	}
	p.swallow = false
	var cmd tea.Cmd
	p.in.fields[p.focus], cmd = p.in.fields[p.focus].Update(msg)
	m.refuseKeyInField()
	return m, cmd
}

// pastePlanField takes a paste into the focused field, on one line.
func (m Model) pastePlanField(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	msg.Content = strings.TrimSpace(strings.NewReplacer("\r", "", "\n", " ", "\t", " ").Replace(msg.Content))
	if keyShaped.MatchString(msg.Content) {
		m.prov.fieldErr = "That looks like a key, not a name: it was not put in the field."
		return m, nil
	}
	var cmd tea.Cmd
	m.prov.in.fields[m.prov.focus], cmd = m.prov.in.fields[m.prov.focus].Update(msg)
	m.prov.fieldErr = ""
	return m, cmd
}

// refuseKeyInField empties a field that starts to hold a key: names are
// shown on screen and sent to the API.
func (m *Model) refuseKeyInField() {
	p := &m.prov
	if keyShaped.MatchString(p.in.fields[p.focus].Value()) {
		p.in.fields[p.focus].SetValue("")
		p.fieldErr = "That looks like a key, not a name: the field was emptied."
		p.swallow = true
		return
	}
	if p.in.fields[p.focus].Value() != "" {
		p.fieldErr = ""
	}
}

// focusField moves the focus to field i.
func (m Model) focusField(i int) (tea.Model, tea.Cmd) {
	m.prov.in.fields[m.prov.focus].Blur()
	m.prov.focus, m.prov.swallow = i, false
	return m, m.prov.in.fields[i].Focus()
}

func (m Model) viewPlan() []string {
	s := m.styles
	w := m.contentWidth()
	p := m.prov
	out := []string{s.Title.Render("What to make"), ""}
	out = append(out, wrap(w, "With the admin key "+s.Bold.Render(p.admin.Fingerprint())+". Edit a field if you like (tab moves); empty ones are left out.")...)
	out = append(out, "")
	for i := range p.in.fields {
		out = append(out, p.in.fields[i].View())
	}
	if p.fieldErr != "" {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", p.fieldErr)...)
	}
	out = append(out, "")
	switch {
	case p.planning:
		out = append(out, s.Faint.Render("Reading your organization (nothing is changed)…"))
	case p.planErr != "":
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", p.planErr)...)
		out = append(out, wrap(w, "Nothing was made. Change a field and press enter, or esc to use another admin key.")...)
	case !p.planCurrent():
		out = append(out, wrap(w, s.Faint.Render("Press enter to see what will be made with these values."))...)
	default:
		out = append(out, s.Bold.Render("What will be made:"))
		for _, l := range p.plan.Lines {
			out = append(out, hang(w, "  • ", l)...)
		}
		for _, n := range p.plan.Notes {
			out = append(out, hang(w, "  "+s.Warn.Render(iconWarn)+" ", n)...)
		}
		out = append(out, "")
		out = append(out, wrap(w, s.Faint.Render("Nothing is made until you press enter. Each change is then listed as it is made."))...)
	}
	return out
}
