package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (m Model) updateWelcome(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Next):
		if m.opts.Existing != nil {
			// Enter keeps the existing key: check it where it is.
			m.keepOld = true
			m.key = m.opts.Existing.Key
			return m.jump(stageChecks)
		}
		return m.next()
	case key.Matches(msg, k.Replace):
		m.keepOld = false
		return m.next()
	}
	return m, nil
}

func (m Model) viewWelcome() []string {
	s := m.styles
	w := m.contentWidth()
	var out []string
	out = append(out, s.Title.Render("Get a working OpenAI API key"), "")
	out = append(out, wrap(w, "This wizard takes you from no account to a checked key saved in "+m.envPath()+
		", in about five minutes (seconds if you have a key already):")...)
	for i, st := range m.steps {
		out = append(out, hang(w, fmt.Sprintf("  %d. ", i+1), st.Title)...)
	}
	n := len(m.steps)
	out = append(out,
		fmt.Sprintf("  %d. Paste the key here", n+1),
		fmt.Sprintf("  %d. Check it against the API", n+2),
		fmt.Sprintf("  %d. Save it, with .env kept out of git", n+3),
		"")
	out = append(out, wrap(w, "Each page opens in your browser and its link is shown here too. Your key is never shown in full, only its fingerprint.")...)
	if e := m.opts.Existing; e != nil {
		out = append(out, "")
		src := e.Source
		if src == "" {
			src = "your environment"
		}
		out = append(out, wrap(w, s.Bold.Render("You already have a key: ")+e.Fingerprint+" in "+src+".")...)
		out = append(out, wrap(w, "Press enter to keep it and check it in place, or r to replace it with a new one.")...)
	}
	return out
}

// envPath is the path shown in texts, the save path once edited.
func (m Model) envPath() string {
	if p := strings.TrimSpace(m.path.Value()); p != "" {
		return p
	}
	return ".env"
}
