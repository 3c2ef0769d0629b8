package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"
)

// regionalFix is the Checks screen's offer for api.auth regional_hostname:
// write the OPENAI_BASE_URL line the API asks for into the dotenv file
// (Options.WriteBaseURL), then check again against that base URL.
type regionalFix struct {
	url     string // the base URL written or being written
	path    string // the dotenv file it went to
	writing bool
	written bool // WriteBaseURL succeeded: report says what it changed
	report  SaveReport
	err     error // why the last write failed
}

// baseURLWrittenMsg is WriteBaseURL's answer.
type baseURLWrittenMsg struct {
	report SaveReport
	err    error
}

// regionalOffer is the base URL the Checks screen offers to write, or "":
// a failed result the command says it fixes (Options.RegionalBaseURL: only
// a regional OpenAI host the server named), not written already.
func (m Model) regionalOffer() string {
	if m.rotating() {
		return m.rotRegionalOffer() // rotate checks there first (regional_rotate.go)
	}
	if m.opts.RegionalBaseURL == nil || m.opts.WriteBaseURL == nil || m.busy() || m.regional.writing {
		return ""
	}
	for _, r := range m.failures() {
		if u := m.opts.RegionalBaseURL(r); u != "" && !(m.regional.written && m.regional.url == u) {
			return u
		}
	}
	return ""
}

// writeRegional starts writing the offered line into the Save path's file.
func (m Model) writeRegional() (Model, tea.Cmd) {
	if m.rotating() {
		return m.recheckRegional()
	}
	u := m.regionalOffer()
	if u == "" {
		return m, nil
	}
	m.regional = regionalFix{url: u, path: m.envPath(), writing: true}
	write, path := m.opts.WriteBaseURL, m.envPath()
	return m, func() tea.Msg {
		rep, err := write(path, u)
		return baseURLWrittenMsg{report: rep, err: err}
	}
}

// updateBaseURLWritten records the write and, when it worked, runs the
// checks again (the command now runs them against the written base URL).
func (m Model) updateBaseURLWritten(msg baseURLWrittenMsg) (tea.Model, tea.Cmd) {
	if m.rotating() {
		return m.rotBaseURLWritten(msg)
	}
	if !m.regional.writing {
		return m, nil
	}
	m.regional.writing = false
	if msg.err != nil {
		m.regional.err = msg.err
		return m, nil
	}
	m.regional.written, m.regional.report = true, msg.report
	for _, f := range msg.report.Files {
		if !slices.Contains(m.outcome.Files, f) {
			m.outcome.Files = append(append([]string(nil), m.outcome.Files...), f)
		}
	}
	if m.cur().stage != stageChecks {
		return m, nil
	}
	return m.startChecks(m.checkRun.free)
}

// regionalStatus says what writing the line did (above the results: it
// says which base URL they are for).
func (m Model) regionalStatus() []string {
	if m.rotating() {
		return m.rotRegionalStatus()
	}
	s := m.styles
	w := m.contentWidth()
	r := m.regional
	line := "OPENAI_BASE_URL=" + r.url
	var out []string
	switch {
	case r.writing:
		out = append(out, s.Faint.Render("Writing "+line+" to "+r.path+"…"))
	case r.err != nil:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Could not write "+line+" to "+r.path+": "+sentence(r.err.Error()))...)
	case r.written && len(r.report.Files) == 0:
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", r.path+" already held "+line+"; the checks below use "+r.url+".")...)
	case r.written:
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "Wrote "+line+" to "+r.path+"; the checks below use "+r.url+".")...)
	}
	if r.written {
		for _, warn := range r.report.Warnings {
			out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", warn)...)
		}
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	return out
}

// regionalOfferLines offer the fix, below the results.
func (m Model) regionalOfferLines() []string {
	if m.rotating() {
		return m.rotRegionalLines()
	}
	u := m.regionalOffer()
	if u == "" {
		return nil
	}
	return wrap(m.contentWidth(), "Press w to write OPENAI_BASE_URL="+u+" to "+m.envPath()+" (the line the API asks for) and check again.")
}

// regionalDoneLines name the base URL line on the Done screen.
func (m Model) regionalDoneLines() []string {
	r := m.regional
	if !r.written || len(r.report.Files) == 0 {
		return nil
	}
	return hang(m.contentWidth(), "  set ", "OPENAI_BASE_URL="+r.url+" in "+r.path)
}
