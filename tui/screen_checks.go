package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/checks"
)

// checkNames are short labels for the check lines; unknown ids show as is.
var checkNames = map[string]string{
	checks.KeyFound:       "Key found",
	checks.KeyFormat:      "Key format",
	checks.KeySources:     "Key sources",
	checks.NetReach:       "Network",
	checks.APIAuth:        "Authentication",
	checks.APIPermissions: "Permissions",
	checks.APIModel:       "Model access",
	checks.APIBilling:     "Billing",
	checks.APIRateLimit:   "Rate limits",
	checks.EnvGitignore:   ".gitignore",
	checks.EnvTracked:     "Not in git",
	checks.EnvPerms:       "File mode",
	checks.GitHistory:     "Git history",
}

// askOrStart enters the Checks screen: a run already shown for this key
// stays (back from Save); otherwise ask before the paid check when a free
// runner exists, or start at once.
func (m Model) askOrStart() (Model, tea.Cmd) {
	switch {
	case m.checkRun.phase == checkShown || m.checkRun.phase == checkAsking:
		return m, nil
	case m.opts.RunFreeChecks != nil && !m.opts.NoSpend:
		m.checkRun.ask()
		return m, nil
	}
	return m.startChecks(false)
}

// startChecks starts a new run: a new id (older answers become stale), a
// context that back and quit cancel, the spinner and the minimum spin time.
func (m Model) startChecks(free bool) (Model, tea.Cmd) {
	if m.provisioning() {
		return m.startProvisionChecks(free)
	}
	run := m.opts.RunChecks
	if free && m.opts.RunFreeChecks != nil {
		run = m.opts.RunFreeChecks
	}
	if at := m.regionalRunner(); at != nil {
		run = at // rotate, after w: at the regional host
	}
	ctx := m.checkRun.start(m.ctx(), free, m.minSpin <= 0)
	key := m.key
	var cmd tea.Cmd
	m.checkRun.stream, cmd = startStream(ctx, m.checkRun.id, len(m.opts.Checks)+16, func(ctx context.Context, send func(checks.Result)) {
		if run != nil {
			run(ctx, key, send)
		}
	})
	cmds := []tea.Cmd{cmd}
	if !m.checkRun.minShown {
		cmds = append(cmds, minSpinTimer(m.minSpin, m.checkRun.id))
	}
	cmds = append(cmds, m.spinCmd())
	return m, tea.Batch(cmds...)
}

// spinCmd starts the spinner's ticks unless they are running already.
func (m *Model) spinCmd() tea.Cmd {
	if !m.animate || m.spinning {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// stopChecks cancels the running checks, if any. Their late answers carry
// an old run id and are dropped.
func (m *Model) stopChecks() { m.checkRun.stop() }

func (m Model) updateCheckMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case streamItem[checks.Result]:
		if m.checkRun.add(msg.id, msg.value) {
			return m, m.checkRun.stream.next()
		}
	case streamEnd[checks.Result]:
		m.checkRun.end(msg.id)
	case minSpinMsg:
		m.checkRun.spun(msg.run)
	}
	return m, nil
}

// backFromChecks leaves the Checks screen backwards: to Welcome when the
// existing key was being checked, else to Paste with an empty field.
func (m Model) backFromChecks() (Model, tea.Cmd) {
	m.checkRun.reset()
	if m.keepOld {
		m.keepOld = false
		return m.jump(stageWelcome)
	}
	m.clearPaste()
	return m.back()
}

func (m Model) updateChecks(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if m.checkRun.phase == checkAsking {
		switch {
		case key.Matches(msg, k.Next):
			return m.startChecks(false)
		case key.Matches(msg, k.Free):
			return m.startChecks(true)
		case key.Matches(msg, k.Back):
			return m.backFromChecks()
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return m.backFromChecks()
	case key.Matches(msg, k.Rerun):
		return m.startChecks(m.checkRun.free)
	case key.Matches(msg, k.Next) && m.provisioning():
		return m.finishProvision()
	case key.Matches(msg, k.Next):
		if m.keepOld {
			m.outcome.Kept = true
			m.outcome.Fingerprint = m.key.Fingerprint()
			m.outcome.Snippets = snippetLines(m.envPath())
			return m.jump(stageDone)
		}
		return m.next()
	case key.Matches(msg, k.Open):
		u := m.failedURL()
		m.browser[u] = "opening in your browser…"
		return m, openURL(m.opts.OpenURL, u)
	case key.Matches(msg, k.Copy):
		return m.copyLink(m.failedURL())
	case key.Matches(msg, k.Fix):
		return m.writeRegional()
	}
	return m, nil
}

// shownResults are the results in the order of Options.Checks, with only
// those that arrived and whose spinner has been up long enough.
func (m Model) shownResults() []checks.Result {
	var out []checks.Result
	if !m.checkRun.minShown {
		return nil
	}
	for _, id := range m.checkIDs() {
		if r, ok := m.checkRun.results[id]; ok {
			out = append(out, r)
		}
	}
	return out
}

// checkIDs are the ids the screen lists: Options.Checks, or whatever came
// when no list was given.
func (m Model) checkIDs() []string {
	var ids []string
	for _, s := range m.opts.Checks {
		ids = append(ids, s.ID)
	}
	if len(ids) == 0 {
		ids = append(ids, checksOrder(m.checkRun.results)...)
	}
	return ids
}

// busy is whether the checks screen still shows spinners.
func (m Model) busy() bool { return m.checkRun.busy() }

// spinnersVisible is whether any line still shows a spinner.
func (m Model) spinnersVisible() bool {
	switch m.cur().stage {
	case stageChecks:
		return m.busy()
	case stageRotIntro:
		return !m.rot.oldDone
	case stageRevoke:
		return m.rot.wait.waiting()
	case stageDone:
		return m.pushing()
	case stageProvRun:
		return m.prov.inFlight() || m.prov.deleting
	}
	return false
}

func (m Model) anyFailed() bool {
	for _, r := range m.shownResults() {
		if r.Status == checks.Fail {
			return true
		}
	}
	return false
}

// failedURL is the dashboard page of the first failure or warning, or "".
func (m Model) failedURL() string {
	if m.busy() {
		return ""
	}
	for _, want := range []checks.Status{checks.Fail, checks.Warn} {
		for _, r := range m.shownResults() {
			if r.Status == want && r.URL != "" {
				return r.URL
			}
		}
	}
	return ""
}

func (m Model) viewChecks() []string {
	s := m.styles
	w := m.contentWidth()
	title := "Checking your key " + m.key.Fingerprint()
	if m.rotating() || m.provisioning() {
		title = "Checking the new key " + m.key.Fingerprint()
	}
	out := wrap(w, s.Title.Render(title))
	out = append(out, "")
	if m.checkRun.phase == checkAsking {
		out = append(out, wrap(w, "The checks ask the API whether this key works. One of them (model access) sends the smallest real request, which costs under a cent; the others are free.")...)
		out = append(out, "")
		out = append(out, wrap(w, "Press enter to run every check, or n to run them without the paid one (model access is then not proven).")...)
		return out
	}
	out = append(out, m.regionalStatus()...)
	shown := map[string]checks.Result{}
	for _, r := range m.shownResults() {
		shown[r.ID] = r
	}
	warn, fail := 0, 0
	for _, id := range m.checkIDs() {
		name := checkNames[id]
		if name == "" {
			name = id
		}
		r, ok := shown[id]
		if !ok {
			mark := m.spin.View()
			if !m.busy() {
				mark = s.Faint.Render(iconSkip)
				out = append(out, hang(w, mark+" ", s.Faint.Render(name+": not run"))...)
				continue
			}
			out = append(out, hang(w, mark+" ", name+s.Faint.Render(" …"))...)
			continue
		}
		var mark string
		switch r.Status {
		case checks.Pass:
			mark = s.Pass.Render(iconPass)
		case checks.Warn:
			mark, warn = s.Warn.Render(iconWarn), warn+1
		case checks.Fail:
			mark, fail = s.Fail.Render(iconFail), fail+1
		default:
			mark = s.Faint.Render(iconSkip)
		}
		out = append(out, hang(w, mark+" ", s.Bold.Render(name)+": "+resultWords(r, m.shownResults()))...)
		if r.Status == checks.Fail || r.Status == checks.Warn {
			if r.Fix != "" {
				out = append(out, hang(w, "    Fix: ", inWords(r.Fix))...)
			}
			if r.URL != "" {
				out = append(out, hang(w, "    ", s.URL.Render(r.URL))...)
			}
		}
	}
	out = append(out, "")
	switch {
	case m.busy():
		out = append(out, s.Faint.Render("Asking the API…"))
		out = append(out, m.provisionCheckNote()...)
	case fail > 0 && m.rotating():
		out = append(out, wrap(w, s.Fail.Render(iconFail+" Some checks failed, so this key cannot replace the old one.")+" Fix what they say and press r, or press esc to paste another key. Nothing was changed.")...)
	case fail > 0:
		out = append(out, wrap(w, s.Fail.Render(iconFail+" Some checks failed.")+" Fix what they say, or press esc to paste another key.")...)
	case warn > 0:
		out = append(out, wrap(w, s.Warn.Render(iconWarn+" The key works, with warnings."))...)
	default:
		out = append(out, wrap(w, s.Pass.Render(iconPass+" Every check passed."))...)
	}
	out = append(out, m.regionalOfferLines()...)
	if u := m.failedURL(); u != "" {
		if st, ok := m.browser[u]; ok {
			out = append(out, wrap(w, s.Faint.Render(st))...)
		}
	}
	return out
}
