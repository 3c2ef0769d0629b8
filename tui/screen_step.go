package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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
		return m.copyLink(st.URL)
	}
	return m, nil
}

func (m Model) viewStep() []string {
	s := m.styles
	w := m.contentWidth()
	st := m.steps[m.cur().step]
	// The page comes right under the title, so it stays in view on small
	// windows; what to do there follows.
	out := []string{s.Title.Render(st.Title)}
	out = append(out, m.linkLines(st.URL)...)
	for _, p := range st.Body {
		if len(p) > 2 && p[:2] == "- " {
			out = append(out, hang(w, "• ", p[2:])...)
			continue
		}
		out = append(out, "")
		out = append(out, wrap(w, p)...)
	}
	if len(st.More) > 0 {
		out = append(out, "")
	}
	for _, l := range st.More {
		out = append(out, link(s.Faint.Render(l.Label+": "), l.URL, w, s.URL))
	}
	return out
}

// linkLines show a page's address on one line and what opening it did.
func (m Model) linkLines(url string) []string {
	s := m.styles
	w := m.contentWidth()
	out := []string{link(s.Faint.Render("Page: "), url, w, s.URL)}
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

// link is label and url on one line, never wrapped: the text shown is cut
// in the middle to fit w, and the whole address is an OSC 8 hyperlink, so a
// click (or c) still gets all of it.
func link(label, url string, w int, st lipgloss.Style) string {
	room := max(8, w-lipgloss.Width(label))
	shown := middleCut(url, room)
	return label + ansi.SetHyperlink(url) + st.Render(shown) + ansi.ResetHyperlink()
}

// middleCut shortens s to n columns by replacing its middle with "…",
// keeping the host and the end of the path.
func middleCut(s string, n int) string {
	if ansi.StringWidth(s) <= n {
		return s
	}
	head := (n - 1) / 2
	tail := n - 1 - head
	r := []rune(s)
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}
