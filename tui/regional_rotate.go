package tui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// The regional fix in the rotate flow. As in the scripted rotate's
// --set-base-url, nothing is written on the Checks screen: w checks the
// new key again at the regional host the API named, and only when those
// checks pass may the key replace the old one; the OPENAI_BASE_URL line is
// then written into the files the key went to, right after it (the apps
// reading them still use the old key on the old host until then).

// rotRegional is the rotate flow's regional fix.
type rotRegional struct {
	url string     // the regional base URL the checks run against ("": the configured one)
	key apikey.Key // the new key it was asked for: another key starts over

	writing bool
	written bool       // RotateOptions.WriteBaseURL succeeded: report says what it changed
	report  SaveReport // its answer
	err     error      // why the last write failed: the files hold the key without the line
}

// active is whether the checks of key run at the regional host, and the
// line goes with it into the files.
func (r rotRegional) active(key apikey.Key) bool { return r.url != "" && r.key.Equal(key) }

// pending is whether the files hold the new key but not yet the line.
func (r rotRegional) pending() bool { return r.writing || r.err != nil }

// rotRegionalURL is the regional base URL a shown failure asks for
// (Options.RegionalBaseURL: a regional OpenAI host only), or "".
func (m Model) rotRegionalURL() string {
	ro := m.rot.opts
	if m.opts.RegionalBaseURL == nil || ro.CheckNewAt == nil || ro.WriteBaseURL == nil || m.busy() {
		return ""
	}
	for _, r := range m.failures() {
		if u := m.opts.RegionalBaseURL(r); u != "" {
			return u
		}
	}
	return ""
}

// rotRegionalBlocker says why the line would not be used by apps here
// (--base-url given, the shell's environment sets it), or "".
func (m Model) rotRegionalBlocker(u string) string {
	if f := m.rot.opts.RegionalBlocker; f != nil {
		return f(u)
	}
	return ""
}

// rotRegionalOffer is the base URL w checks the new key at, or "": asked
// for by a failure, not blocked, not checked there already.
func (m Model) rotRegionalOffer() string {
	u := m.rotRegionalURL()
	if u == "" || m.rotRegionalBlocker(u) != "" || m.rot.regional.active(m.key) && m.rot.regional.url == u {
		return ""
	}
	return u
}

// recheckRegional runs the new key's checks again at the offered host.
func (m Model) recheckRegional() (Model, tea.Cmd) {
	u := m.rotRegionalOffer()
	if u == "" {
		return m, nil
	}
	m.rot.regional = rotRegional{url: u, key: m.key}
	return m.startChecks(m.checkRun.free)
}

// regionalRunner is the check runner at the regional host once w was
// pressed for this key; nil otherwise.
func (m Model) regionalRunner() func(context.Context, apikey.Key, func(checks.Result)) {
	r := m.rot.regional
	if !m.rotating() || !r.active(m.key) || m.rot.opts.CheckNewAt == nil {
		return nil
	}
	at, u := m.rot.opts.CheckNewAt, r.url
	return func(ctx context.Context, key apikey.Key, onResult func(checks.Result)) { at(ctx, key, u, onResult) }
}

// line is the OPENAI_BASE_URL line.
func (r rotRegional) line() string { return "OPENAI_BASE_URL=" + r.url }

// rotRegionalStatus says, above the results, which host they are for.
func (m Model) rotRegionalStatus() []string {
	r := m.rot.regional
	if !r.active(m.key) {
		return nil
	}
	w := m.contentWidth()
	text := "These checks ran again at the regional host " + r.url + ", as the API asked. If they pass, " + r.line() + " is written with the new key into the files you tick."
	return append(wrap(w, m.styles.Faint.Render(text)), "")
}

// rotRegionalLines offer the fix below the results, or say why it is not
// offered.
func (m Model) rotRegionalLines() []string {
	w := m.contentWidth()
	if u := m.rotRegionalOffer(); u != "" {
		return append([]string{""}, wrap(w, "The API asks for the regional host "+u+". Press w to check the new key there; if it passes, OPENAI_BASE_URL="+u+" is written with it into the files you tick.")...)
	}
	if u := m.rotRegionalURL(); u != "" {
		if b := m.rotRegionalBlocker(u); b != "" {
			return append([]string{""}, hang(w, m.styles.Warn.Render(iconWarn)+" ", "The API asks for the regional host "+u+": "+b+".")...)
		}
	}
	return nil
}

// writeRotBaseURL writes the line into the files the key just went to.
func (m Model) writeRotBaseURL() (Model, tea.Cmd) {
	r := &m.rot.regional
	r.writing, r.err = true, nil
	write, paths, u := m.rot.opts.WriteBaseURL, m.rot.tickedPaths(), r.url
	return m, func() tea.Msg {
		rep, err := write(paths, u)
		return baseURLWrittenMsg{report: rep, err: err}
	}
}

// rotBaseURLWritten records the line's write: done, on to Revoke; failed,
// the Replace screen says so and enter tries again.
func (m Model) rotBaseURLWritten(msg baseURLWrittenMsg) (tea.Model, tea.Cmd) {
	r := &m.rot.regional
	if !r.writing {
		return m, nil
	}
	r.writing = false
	if msg.err != nil {
		r.err = msg.err
		m.scroll = m.maxScroll()                       // the failure is last: keep it in view
		m.outcome.Todo = []string{m.rotRegionalTodo()} // said on exit if the user quits here
		return m, nil
	}
	r.written, r.report = true, msg.report
	m.outcome.BaseURL, m.outcome.Todo = r.url, nil
	return m.next()
}

// rotRegionalTodo is the to-do while the files hold the new key without
// the line.
func (m Model) rotRegionalTodo() string {
	return "Set " + m.rot.regional.line() + " where your apps read the new key: its project answers only at that regional host."
}

// rotRegionalReplaceLines say on Replace what goes with the key, and how
// writing it went.
func (m Model) rotRegionalReplaceLines() []string {
	r := m.rot.regional
	if !r.active(m.key) {
		return nil
	}
	s := m.styles
	w := m.contentWidth()
	switch {
	case r.writing:
		return []string{s.Faint.Render("Writing " + r.line() + "…")}
	case r.err != nil:
		return hang(w, s.Fail.Render(iconFail)+" ", "The ticked files hold the new key, but the regional line is missing: "+sentence(r.err.Error())+" Apps reading them send the new key to the global host, which refuses it. Press enter to try again, or s to go on without it (then add the line by hand). Do not revoke the old key before the line is there.")
	}
	return hang(w, s.Pass.Render(iconPass)+" ", "The new key checked out at the regional host, so "+r.line()+" goes with it: enter writes the line right after the key into every ticked file.")
}

// rotRegionalDoneLines name the line on Revoke and Done.
func (m Model) rotRegionalDoneLines(mark string) []string {
	r := m.rot.regional
	if !r.written {
		return nil
	}
	return hang(m.contentWidth(), mark, strings.Join(m.rot.writtenTo, ", ")+" "+plural(len(m.rot.writtenTo), "holds", "hold")+" "+r.line()+" too, the regional host where the new key checked out.")
}
