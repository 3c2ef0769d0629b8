package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// enterStep has no effect: a page opens only when Enter reaches its step
// (autoOpen), never on s, esc or a Welcome choice.
func (m Model) enterStep() (Model, tea.Cmd) { return m, nil }

// autoOpen opens the current step's page once, when allowed.
func (m Model) autoOpen() (Model, tea.Cmd) {
	if m.cur().stage != stageStep {
		return m, nil
	}
	st := m.steps[m.cur().step]
	if !m.opts.AutoOpen || m.opened[st.ID] || st.URL == "" {
		return m, nil
	}
	m.opened[st.ID] = true
	m.browser[st.URL] = "opening in your browser…"
	return m, openURL(m.opts.OpenURL, st.URL)
}

func (m Model) updateStep(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	st := m.steps[m.cur().step]
	switch {
	case key.Matches(msg, k.Next):
		m, cmd := m.next()
		m, open := m.autoOpen()
		return m, tea.Batch(cmd, open)
	case key.Matches(msg, k.Skip):
		return m.next()
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Open):
		m.browser[st.URL] = "opening in your browser…"
		return m, openURL(m.opts.OpenURL, st.URL)
	case key.Matches(msg, k.Copy):
		m.notice = "Link copied to the clipboard (if your terminal allows it)."
		return m, tea.SetClipboard(st.URL)
	}
	return m, nil
}

func (m Model) viewStep() []string {
	s := m.styles
	w := m.contentWidth()
	st := m.steps[m.cur().step]
	out := []string{s.Title.Render(st.Title), ""}
	for i, p := range st.Body {
		if len(p) > 2 && p[:2] == "- " {
			out = append(out, hang(w, "• ", p[2:])...)
			continue
		}
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, wrap(w, p)...)
	}
	out = append(out, "")
	out = append(out, m.linkLines(st.URL)...)
	for _, l := range st.More {
		out = append(out, wrap(w, s.Faint.Render(l.Label+": ")+s.URL.Render(l.URL))...)
	}
	return out
}

// linkLines shows a page's address and what opening it did.
func (m Model) linkLines(url string) []string {
	s := m.styles
	w := m.contentWidth()
	out := wrap(w, s.Faint.Render("Page: ")+s.URL.Render(url))
	switch status, ok := m.browser[url]; {
	case ok:
		out = append(out, wrap(w, s.Faint.Render(status))...)
	case !m.opts.AutoOpen && m.opts.BrowserNote != "":
		out = append(out, wrap(w, s.Faint.Render(m.opts.BrowserNote))...)
	default:
		out = append(out, wrap(w, s.Faint.Render("o opens it, c copies it"))...)
	}
	return out
}
