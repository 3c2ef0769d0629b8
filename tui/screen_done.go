package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/steps"
)

func (m Model) updateDone(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if key.Matches(msg, k.Next) {
		return m, tea.Quit
	}
	if m, cmd, ok := m.updateDonePush(msg, k); ok {
		return m, cmd
	}
	return m, nil
}

// doneTodo is what remains after the save, in the order to do it: make apps
// get the saved key, then fix what the checks found.
func (m Model) doneTodo() []string {
	var out []string
	if sh := m.recheck.result.Shadow; sh != nil {
		out = append(out, "Your app gets "+sh.Fingerprint+" from "+sh.From+", not the saved key "+m.key.Fingerprint()+". Run or do:")
		for _, c := range sh.Commands {
			out = append(out, "  "+c)
		}
	}
	for _, r := range m.failures() {
		out = append(out, checkName(r.ID)+" failed: "+inWords(r.Summary)+doneFix(r))
	}
	if e := m.opts.Existing; e != nil && !m.keepOld && !e.Key.Equal(m.key) {
		out = append(out, "The old key "+e.Fingerprint+" stays live until you revoke it on the API keys page ("+steps.APIKeysURL+"); openai-setup rotate replaces it everywhere and waits for the revocation.")
	}
	for _, r := range m.recheck.result.Results {
		if r.Status != checks.Fail && r.Status != checks.Warn {
			continue
		}
		if r.ID == checks.KeySources && m.recheck.result.Shadow != nil {
			continue // said above, with the exact commands
		}
		out = append(out, checkName(r.ID)+": "+inWords(r.Summary)+doneFix(r))
	}
	return out
}

func doneFix(r checks.Result) string {
	if r.Fix == "" {
		return "."
	}
	return "; fix: " + strings.TrimSuffix(inWords(r.Fix), ".") + "."
}

func (m Model) viewDone() []string {
	if m.rotating() {
		return m.viewRotateDone()
	}
	s := m.styles
	w := m.contentWidth()
	var out []string
	switch {
	case m.outcome.Kept:
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render("Your key is kept"), "")
		src := ""
		if e := m.opts.Existing; e != nil && e.Source != "" {
			src = " in " + e.Source
		}
		out = append(out, wrap(w, "Key "+s.Bold.Render(m.key.Fingerprint())+src+". Nothing was written.")...)
	case m.recheck.checking:
		// No snippets yet: they might load another key.
		return []string{s.Title.Render("Saved. Checking what your app will get…")}
	case m.recheck.result.Shadow != nil:
		out = append(out, s.Fail.Render(iconFail+" Your app will not get this key"), "")
		out = append(out, m.todoLines()...)
		out = append(out, "")
		out = append(out, m.wroteLines()...)
	case len(m.failures()) > 0:
		out = append(out, s.Warn.Render(iconWarn+" Your key is saved, but it failed a check"), "")
		out = append(out, m.wroteLines()...)
		out = append(out, "", s.Bold.Render("Still to do:"))
		out = append(out, m.todoLines()...)
	default:
		title := "Your key is saved"
		if m.opts.CheckSaved != nil {
			title = "Your key is saved, and your app will get it"
		}
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render(title), "")
		out = append(out, m.wroteLines()...)
		if todo := m.todoLines(); len(todo) > 0 {
			out = append(out, "", s.Bold.Render("Still to do:"))
			out = append(out, todo...)
		}
	}
	out = append(out, m.pushLines()...)
	out = append(out, "")
	out = append(out, wrap(w, "Use it from your code; each reads OPENAI_API_KEY:")...)
	out = append(out, m.snippetBlock(m.fullWidth())...)
	out = append(out, "")
	out = append(out, wrap(w, "Check your setup any time: "+s.Bold.Render("openai-setup doctor"))...)
	return out
}

// wroteLines say which key went where.
func (m Model) wroteLines() []string {
	s := m.styles
	w := m.contentWidth()
	out := wrap(w, "Key "+s.Bold.Render(m.key.Fingerprint()))
	for _, f := range m.save.report.Files {
		out = append(out, hang(w, "  wrote ", f)...)
	}
	out = append(out, m.regionalDoneLines()...)
	out = append(out, m.agentsDoneLines()...)
	for _, l := range m.save.report.Warnings {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", l)...)
	}
	return out
}

// todoLines are todo's items, commands in the code style.
func (m Model) todoLines() []string {
	s := m.styles
	w := m.contentWidth()
	var out []string
	for _, t := range m.doneTodo() {
		if strings.HasPrefix(t, "  ") {
			out = append(out, hang(w, "    ", s.Code.Render(strings.TrimSpace(t)))...)
			continue
		}
		out = append(out, hang(w, "• ", t)...)
	}
	return out
}
