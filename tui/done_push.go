package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// PushOffer is a place the key can go next, found in the work tree (a
// GitHub Actions workflow folder): the Done screen shows its command, and
// p runs it through Options.Push.
type PushOffer struct {
	Target  string // the push target's name, e.g. "github"
	Label   string // for people, e.g. "GitHub Actions secrets"
	Sign    string // what showed it, e.g. ".github/workflows"
	Command string // the command line, e.g. "openai-setup push github" (see pushCommand)
}

// PushResult is what a push did. Every line is safe to show: the key only
// as its fingerprint, the CLI's words scrubbed and escaped.
type PushResult struct {
	Verified bool     // stored, and the read-back showed it
	Pushed   bool     // the write succeeded (the read-back may not have)
	Summary  string   // one sentence: what happened
	Fix      string   // what to do, when not Verified
	Detail   []string // the CLI's own words on failure; what to know after success
}

// pushState is one offer's push on the Done screen.
type pushState struct {
	running bool
	done    bool
	result  PushResult
}

// pushedMsg is Options.Push's answer for offer i.
type pushedMsg struct {
	i      int
	result PushResult
}

// pushOffers are the offers the Done screen shows: only for a key that
// passed its checks and that apps get, and only when the command can push.
func (m Model) pushOffers() []PushOffer {
	if m.opts.Push == nil || m.rotating() || m.recheck.checking || m.recheck.result.Shadow != nil || len(m.failures()) > 0 {
		return nil
	}
	if !m.outcome.Saved && !m.outcome.Kept {
		return nil
	}
	return m.opts.PushOffers
}

// nextPush is the offer p runs: the first not pushed yet, or -1 (also
// while one runs).
func (m Model) nextPush() int {
	for i := range m.pushOffers() {
		st := m.pushState(i)
		if st.running {
			return -1
		}
		if !st.result.Verified {
			return i
		}
	}
	return -1
}

func (m Model) pushState(i int) pushState {
	if i < len(m.pushes) {
		return m.pushes[i]
	}
	return pushState{}
}

// pushing is whether a push runs (its line shows the spinner).
func (m Model) pushing() bool {
	for _, st := range m.pushes {
		if st.running {
			return true
		}
	}
	return false
}

// startPush runs offer i's push in a command; the key goes only to
// Options.Push, which hands it to the CLI on its standard input.
func (m Model) startPush(i int) (Model, tea.Cmd) {
	for len(m.pushes) <= i {
		m.pushes = append(m.pushes, pushState{})
	}
	m.pushes = append([]pushState(nil), m.pushes...) // Update returns a new model: never share the slice
	m.pushes[i] = pushState{running: true}
	push, ctx, target, k := m.opts.Push, m.ctx(), m.opts.PushOffers[i].Target, m.key
	cmd := func() tea.Msg { return pushedMsg{i: i, result: push(ctx, target, k)} }
	return m, tea.Batch(cmd, m.spinCmd())
}

// updatePushed stores a push's answer, and a verified push in the outcome.
func (m Model) updatePushed(msg pushedMsg) (tea.Model, tea.Cmd) {
	if msg.i >= len(m.pushes) || !m.pushes[msg.i].running {
		return m, nil
	}
	m.pushes = append([]pushState(nil), m.pushes...)
	m.pushes[msg.i] = pushState{done: true, result: msg.result}
	if msg.result.Verified {
		m.outcome.Pushed = append(append([]string(nil), m.outcome.Pushed...), msg.result.Summary)
	}
	return m, nil
}

// updateDonePush handles p on the Done screen; false when it was not p.
func (m Model) updateDonePush(msg tea.KeyPressMsg, k keyMap) (Model, tea.Cmd, bool) {
	if !key.Matches(msg, k.Push) {
		return m, nil, false
	}
	i := m.nextPush()
	if i < 0 {
		return m, nil, true
	}
	m, cmd := m.startPush(i)
	return m, cmd, true
}

// pushKeys enables p while an offer is left to push. While a push runs,
// enter and q wait for its answer (ctrl+c still ends at once).
func (m Model) pushKeys(k *keyMap) {
	if m.pushing() {
		k.Next.SetEnabled(false)
		k.Quit.SetEnabled(false)
	}
	if i := m.nextPush(); i >= 0 {
		on(&k.Push)
		label(&k.Push, "push to "+m.opts.PushOffers[i].Target)
	}
}

// pushLines are the Done screen's "Next" section: each offer's command,
// then what p did.
func (m Model) pushLines() []string {
	offers := m.pushOffers()
	if len(offers) == 0 {
		return nil
	}
	s := m.styles
	w := m.contentWidth()
	out := []string{"", s.Bold.Render("Next: put the key where your app runs")}
	for i, o := range offers {
		out = append(out, hang(w, "• ", o.Label+" ("+o.Sign+" is here):")...)
		out = append(out, hang(w, "    ", s.Code.Render(m.pushCommand(o)))...)
		st := m.pushState(i)
		switch {
		case st.running:
			out = append(out, hang(w, "  "+m.spin.View()+" ", "Pushing with "+o.Target+"…")...)
		case st.done:
			out = append(out, m.pushResultLines(st.result)...)
		}
	}
	if i := m.nextPush(); i >= 0 {
		verb := "Press p to run it now"
		if m.pushState(i).done {
			verb = "Press p to try again"
		}
		out = append(out, wrap(w, s.Faint.Render(verb+": the key goes to the CLI on its standard input, never in its arguments."))...)
	}
	return out
}

// pushCommand is offer o's exact command: push takes the key doctor finds,
// so a key saved to another file than .env is named with --from-env-file.
func (m Model) pushCommand(o PushOffer) string {
	if p := m.envPath(); m.outcome.Saved && p != ".env" {
		return o.Command + " --from-env-file " + termtext.ShellQuote(termtext.Safe(p))
	}
	return o.Command
}

// pushResultLines say what one push did, with the fix when it failed.
func (m Model) pushResultLines(r PushResult) []string {
	s := m.styles
	w := m.contentWidth()
	mark := s.Fail.Render(iconFail)
	switch {
	case r.Verified:
		mark = s.Pass.Render(iconPass)
	case r.Pushed:
		mark = s.Warn.Render(iconWarn)
	}
	out := hang(w, "  "+mark+" ", r.Summary)
	if r.Fix != "" {
		out = append(out, hang(w, "      Fix: ", r.Fix)...)
	}
	for _, d := range r.Detail {
		out = append(out, hang(w, "      ", d)...)
	}
	return out
}
