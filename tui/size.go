package tui

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Layout: a header line and a blank line, the screen's body (scrolled when
// it does not fit), then a blank line and the help bar at the bottom.
const (
	minWidth     = 40
	minHeight    = 12
	maxTextWidth = 88 // long lines are hard to read on wide terminals
	headerHeight = 2
	padLeft      = 1
)

// setSize stores the window size and sizes what depends on it.
func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	cw := m.contentWidth()
	m.help.SetWidth(cw)
	m.input.SetWidth(max(1, cw-lipgloss.Width(m.input.Prompt)-1))
	m.path.SetWidth(max(1, cw-lipgloss.Width(m.path.Prompt)-1))
	m.confirm.SetWidth(max(1, cw-lipgloss.Width(m.confirm.Prompt)-1))
	m.prov.setWidth(cw)
	m.scroll = min(m.scroll, m.maxScroll())
}

// size is the window size, 80x24 until the terminal has told us.
func (m Model) size() (int, int) {
	if m.width <= 0 || m.height <= 0 {
		return 80, 24
	}
	return m.width, m.height
}

// fullWidth is the whole window's width inside the left margin, for code
// blocks that must not wrap.
func (m Model) fullWidth() int {
	return max(10, m.textArea()-2*padLeft)
}

// textArea is the columns the body may use: the window, less the rail.
func (m Model) textArea() int {
	w, _ := m.size()
	if m.railShown() {
		w -= railWidth
	}
	return w
}

// contentWidth is the width text is wrapped to.
func (m Model) contentWidth() int {
	return max(10, min(m.textArea(), maxTextWidth)-2*padLeft)
}

// body is the current screen's lines, before scrolling.
func (m Model) body() []string {
	if m.confirmQuit {
		return m.viewConfirm()
	}
	var out []string
	switch m.cur().stage {
	case stageWelcome:
		out = m.viewWelcome()
	case stageStep:
		out = m.viewStep()
	case stagePaste:
		out = m.viewPaste()
	case stageChecks:
		out = m.viewChecks()
	case stageSave:
		out = m.viewSave()
	case stageDone:
		out = m.viewDone()
	case stageRotIntro:
		out = m.viewRotIntro()
	case stageReplace:
		out = m.viewReplace()
	case stageRevoke:
		out = m.viewRevoke()
	case stageAdminKey:
		out = m.viewAdminKey()
	case stageProvPlan:
		out = m.viewPlan()
	case stageProvRun:
		out = m.viewRun()
	}
	if m.notice != "" {
		out = append(out, "")
		out = append(out, wrap(m.contentWidth(), m.styles.Faint.Render(m.notice))...)
	}
	return out
}

// footer is the help bar for keys k, preceded by a blank line.
func (m Model) footer(k keyMap) []string {
	var h string
	if m.showHelp {
		h = m.help.FullHelpView(k.FullHelp())
	} else {
		h = m.shortHelp(k)
	}
	lines := strings.Split(h, "\n")
	for i, l := range lines {
		// help lets a last item overflow when no ellipsis fits: clip.
		lines[i] = ansi.Truncate(l, m.contentWidth(), "…")
	}
	return append([]string{""}, lines...)
}

// shortHelp is the one-line help bar. When it does not fit and ? shows
// the rest, it drops the least needed keys (quit, copy, clear, skip), then
// keys from its end, keeping "? more" last; otherwise it is cut with "…".
func (m Model) shortHelp(k keyMap) string {
	if !k.Help.Enabled() {
		return m.help.ShortHelpView(k.ShortHelp())
	}
	var bs []key.Binding
	for _, b := range k.ShortHelp() {
		if b.Enabled() && b.Help() != k.Help.Help() {
			bs = append(bs, b)
		}
	}
	hm := m.help
	hm.SetWidth(0) // measure untruncated
	view := func() string { return hm.ShortHelpView(append(slices.Clone(bs), k.Help)) }
	for _, spare := range []key.Binding{k.Quit, k.Copy, k.Clear, k.Skip} {
		if ansi.StringWidth(view()) <= m.contentWidth() {
			break
		}
		bs = slices.DeleteFunc(bs, func(b key.Binding) bool { return b.Help() == spare.Help() })
	}
	for ansi.StringWidth(view()) > m.contentWidth() && len(bs) > 1 {
		bs = bs[:len(bs)-1]
	}
	return view()
}

// frame is one screen's layout, computed once per frame: the body, the
// keys that work, the help bar and how far the body scrolls.
type frame struct {
	body      []string
	keys      keyMap
	footer    []string
	rows      int // rows the body may use
	maxScroll int // 0 when the body fits
}

// layout renders the body once and derives the rest from it. The help bar
// is measured with the scroll keys on, so turning them on never changes
// the rows.
func (m Model) layout() frame {
	_, h := m.size()
	f := frame{body: m.body(), keys: m.screenKeys()}
	withScroll := f.keys
	m.scrollKeys(&withScroll)
	f.rows = h - headerHeight - len(m.footer(withScroll))
	if n := len(f.body); n > f.rows && f.rows >= 2 {
		f.maxScroll = n - (f.rows - 1)
		f.keys = withScroll
	}
	f.footer = m.footer(f.keys)
	return f
}

// maxScroll is how far the body can scroll; 0 when it fits. When it does
// not, the last body row says there is more.
func (m Model) maxScroll() int { return m.layout().maxScroll }

// render lays out the whole screen.
func (m Model) render() string {
	w, h := m.size()
	if w < minWidth || h < minHeight {
		msg := fmt.Sprintf("Make the window larger:\nat least %d×%d (now %d×%d).", minWidth, minHeight, w, h)
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, msg)
	}
	s := m.styles
	head := s.Brand.Render("openai-setup")
	if m.rotating() {
		head = s.Brand.Render("openai-setup rotate")
	}
	if p := m.progress(); p != "" && !m.confirmQuit && !m.railShown() {
		head += s.Progress.Render("  ·  " + p)
	}
	lines := []string{head, ""}

	f := m.layout()
	body, rows := f.body, f.rows
	if ms := f.maxScroll; ms > 0 {
		top := min(m.scroll, ms)
		body = append(body[top:top+rows-1:top+rows-1], s.Faint.Render(moreLine(top, ms)))
	}
	for len(body) < rows {
		body = append(body, "")
	}
	if rail := m.rail(); m.railShown() && len(rail) > 0 { // none on Welcome
		for i := range body {
			r := ""
			if i < len(rail) {
				r = rail[i]
			}
			body[i] = padRight(r, railWidth) + body[i]
		}
	}
	lines = append(lines, body...)
	lines = append(lines, f.footer...)
	pad := strings.Repeat(" ", padLeft)
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}

func moreLine(top, max int) string {
	switch {
	case top == 0:
		return "↓ more below"
	case top >= max:
		return "↑ more above"
	}
	return "↑↓ more"
}

// wrap wraps styled text to width w at spaces only, so a fingerprint, a
// flag or a command is never split at its hyphens; only a word wider than
// w is cut. Styles are carried over line breaks.
func wrap(w int, s string) []string {
	w = max(1, w)
	var b strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for j, word := range strings.Split(para, " ") {
			ww := ansi.StringWidth(word)
			if j > 0 {
				if col+1+ww <= w {
					b.WriteByte(' ')
					col++
				} else {
					b.WriteByte('\n')
					col = 0
				}
			}
			if ww > w-col {
				if col > 0 {
					b.WriteByte('\n')
				}
				word = ansi.Wrap(word, w, "/") // at a slash or hyphen when it can
				ww = ansi.StringWidth(word[strings.LastIndexByte(word, '\n')+1:])
				col = 0
			}
			b.WriteString(word)
			col += ww
		}
	}
	var out bytes.Buffer
	ww := lipgloss.NewWrapWriter(&out)
	_, _ = io.WriteString(ww, b.String())
	_ = ww.Close()
	return strings.Split(out.String(), "\n")
}

// hang wraps text after prefix, indenting the following lines under it.
func hang(w int, prefix, text string) []string {
	pw := lipgloss.Width(prefix)
	lines := wrap(max(1, w-pw), text)
	indent := strings.Repeat(" ", pw)
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return lines
}

// padRight pads s with spaces to n columns.
func padRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-lipgloss.Width(s)))
}
