package tui

import tea "charm.land/bubbletea/v2"

// copiedMsg is the local clipboard's answer for a copy.
type copiedMsg struct{ err error }

// copyLink copies url: always to the terminal's clipboard (OSC 52, which a
// terminal may ignore), and to this machine's clipboard when the command
// allows it (not over SSH). The status line says which really happened.
func (m Model) copyLink(url string) (Model, tea.Cmd) {
	osc := tea.SetClipboard(url)
	if m.opts.CopyLocal == nil {
		m.notice = "Link sent to your terminal's clipboard; if pasting does not give it, your terminal does not allow that: select the link on screen."
		return m, osc
	}
	m.notice = "Copying the link…"
	fn := m.opts.CopyLocal
	return m, tea.Batch(osc, func() tea.Msg { return copiedMsg{err: fn(url)} })
}

// copied says what the local copy did.
func (m Model) copied(msg copiedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.notice = "Could not copy to the clipboard here (" + msg.err.Error() + "); the link was sent to your terminal's clipboard, which may not allow it."
	} else {
		m.notice = "Link copied to the clipboard."
	}
	return m, nil
}
