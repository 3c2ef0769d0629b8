package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"strings"
)

// snippets read OPENAI_API_KEY from the environment (or .env); none holds
// the key itself.
var snippets = []struct{ lang, code string }{ // {env} is the saved file
	{"Python", `from dotenv import load_dotenv; load_dotenv("{env}"); from openai import OpenAI; client = OpenAI()`},
	{"Node", `node --env-file={env} app.js  # then: const client = new OpenAI();`},
	{"Go", `key := os.Getenv("OPENAI_API_KEY") // after godotenv.Load("{env}")`},
	{"curl", `set -a; . ./{env}; set +a; curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"`},
}

func (m Model) updateDone(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if key.Matches(msg, k.Next) {
		return m, tea.Quit
	}
	return m, nil
}

func (m Model) viewDone() []string {
	if m.rotating() {
		return m.viewRotateDone()
	}
	s := m.styles
	w := m.contentWidth()
	var out []string
	if m.outcome.Kept {
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render("Your key is kept"), "")
		src := ""
		if e := m.opts.Existing; e != nil && e.Source != "" {
			src = " in " + e.Source
		}
		out = append(out, wrap(w, "Key "+s.Bold.Render(m.key.Fingerprint())+src+". Nothing was written.")...)
	} else {
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render("Your key is saved"), "")
		out = append(out, wrap(w, "Key "+s.Bold.Render(m.key.Fingerprint()))...)
		for _, f := range m.report.Files {
			out = append(out, hang(w, "  wrote ", f)...)
		}
		for _, l := range m.report.Warnings {
			out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", l)...)
		}
	}
	out = append(out, "")
	out = append(out, wrap(w, "Use it from your code; each reads OPENAI_API_KEY:")...)
	for _, sn := range snippets {
		out = append(out, hang(w, "  "+padRight(sn.lang, 7), s.Code.Render(strings.ReplaceAll(sn.code, "{env}", m.envPath())))...)
	}
	out = append(out, "")
	out = append(out, wrap(w, "Check your setup any time: "+s.Bold.Render("openai-setup doctor"))...)
	return out
}

// viewDoneText is the done screen's whole text, for tests that look past
// the window's height.
func (m Model) viewDoneText() string { return strings.Join(m.viewDone(), "\n") }
