package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// reportStyles are doctor's text styles. Marks carry the meaning on their
// own ([✓] [!] [✗] [-]), so NO_COLOR output loses nothing.
type reportStyles struct {
	heading, pass, warn, fail, skip, dim, id lipgloss.Style
}

func newReportStyles() reportStyles {
	return reportStyles{
		heading: lipgloss.NewStyle().Bold(true),
		pass:    lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		warn:    lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
		fail:    lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true),
		skip:    lipgloss.NewStyle().Faint(true),
		dim:     lipgloss.NewStyle().Faint(true),
		id:      lipgloss.NewStyle().Bold(true),
	}
}

func (s reportStyles) mark(st checks.Status) string {
	switch st {
	case checks.Pass:
		return s.pass.Render("[✓]")
	case checks.Warn:
		return s.warn.Render("[!]")
	case checks.Fail:
		return s.fail.Render("[✗]")
	}
	return s.skip.Render("[-]")
}

type textOptions struct {
	Width     int // terminal width to wrap at; 0 = no wrapping (piped)
	Verbose   bool
	KeyLabel  string // when set, replaces the sources table: the key came from here
	Elapsed   time.Duration
	Dir, Home string
}

// writeTextReport prints the "which key is used" table, one line per check
// with the fix indented under each problem, and a summary line.
func writeTextReport(w io.Writer, rep checks.Report, o textOptions) {
	s := newReportStyles()
	if o.KeyLabel != "" {
		fmt.Fprintf(w, "%s %s (%s)\n", s.heading.Render("Key"), rep.Inventory.Key.Fingerprint(), o.KeyLabel)
	} else {
		writeSourcesTable(w, rep, s, o)
	}

	fmt.Fprintln(w)
	head := s.heading.Render("Checks")
	if rep.BaseURL != "" {
		head += s.dim.Render(fmt.Sprintf("  (%s, model %s)", show(openai.MaskURL(rep.BaseURL), rep), show(rep.Model, rep)))
	}
	fmt.Fprintln(w, head)
	idWidth := 0
	for _, r := range rep.Results {
		idWidth = max(idWidth, len(r.ID))
	}
	counts := map[checks.Status]int{}
	for _, r := range rep.Results {
		counts[r.Status]++
		indentCols := 4 + idWidth + 2
		indent := strings.Repeat(" ", indentCols)
		wrap := func(text string, first int) string { return wrapIndent(text, first, indentCols, o.Width) }
		fmt.Fprintf(w, "%s %s  %s\n", s.mark(r.Status), s.id.Render(fmt.Sprintf("%-*s", idWidth, r.ID)), wrap(show(r.Summary, rep), indentCols))
		problem := r.Status == checks.Fail || r.Status == checks.Warn
		if problem && r.Code != "" {
			fmt.Fprintf(w, "%s%s\n", indent, s.dim.Render("code: "+string(r.Code)))
		}
		if problem || o.Verbose {
			if r.Fix != "" {
				fmt.Fprintf(w, "%sfix: %s\n", indent, wrap(show(r.Fix, rep), indentCols+5))
			}
			if r.URL != "" {
				fmt.Fprintf(w, "%s%s\n", indent, show(r.URL, rep))
			}
			if r.RequestID != "" {
				fmt.Fprintf(w, "%s%s\n", indent, s.dim.Render("request id (quote it to OpenAI support): "+show(r.RequestID, rep)))
			}
			for _, f := range r.Findings {
				fmt.Fprintf(w, "%s• %s\n", indent, wrap(show(findingLine(f), rep), indentCols+2))
			}
		}
		if o.Verbose {
			for _, d := range r.Detail {
				fmt.Fprintf(w, "%s%s\n", indent, s.dim.Render(wrap(show(d, rep), indentCols)))
			}
		}
	}

	fmt.Fprintln(w)
	var parts []string
	for _, p := range []struct {
		st   checks.Status
		word string
		sty  lipgloss.Style
	}{{checks.Fail, "failed", s.fail}, {checks.Warn, "warning", s.warn}, {checks.Pass, "passed", s.pass}, {checks.Skip, "skipped", s.skip}} {
		if n := counts[p.st]; n > 0 {
			word := p.word
			if p.st == checks.Warn && n > 1 {
				word = "warnings"
			}
			parts = append(parts, p.sty.Render(fmt.Sprintf("%d %s", n, word)))
		}
	}
	verdict := s.pass.Render("No problems found.")
	if counts[checks.Fail] > 0 {
		verdict = s.fail.Render("Problems found: fix the [✗] lines above, then run openai-setup doctor again.")
	} else if keyUnread(rep) {
		verdict = s.warn.Render("No key found in what doctor could read: see the [!] lines above.")
	} else if counts[checks.Warn] > 0 {
		verdict = s.warn.Render("Working, with warnings.")
	}
	fmt.Fprintf(w, "%s  %s%s\n", verdict, strings.Join(parts, ", "), s.dim.Render(fmt.Sprintf("  (%.2fs)", o.Elapsed.Seconds())))
}

// keyUnread reports whether key.found warned that no key was found while a
// file was not read whole: nothing was checked, so "working" would be false.
func keyUnread(rep checks.Report) bool {
	return slices.ContainsFunc(rep.Results, func(r checks.Result) bool {
		return r.ID == checks.KeyFound && r.Code == checks.CodeUnreadFile
	})
}

func writeSourcesTable(w io.Writer, rep checks.Report, s reportStyles, o textOptions) {
	fmt.Fprintln(w, s.heading.Render("Which key is used"))
	var rows [][3]string
	for _, src := range rep.Inventory.Sources {
		where := show(displaySource(src, o), rep)
		val := src.Plain
		if src.Name == "OPENAI_API_KEY" {
			val = src.Value.Fingerprint()
		}
		state := ""
		if src.Wins {
			state = "← used"
		}
		if src.Note != "" {
			state = strings.TrimSpace(state + "  " + src.Note)
		}
		rows = append(rows, [3]string{where, show(src.Name+"="+val, rep), show(state, rep)})
	}
	unread := rep.Inventory.UnreadFiles
	switch {
	case len(rows) == 0 && len(unread) > 0:
		fmt.Fprintln(w, s.dim.Render("  no OPENAI_* settings found in the environment or in the files doctor read whole"))
	case len(rows) == 0:
		fmt.Fprintln(w, s.dim.Render("  no OPENAI_* settings found in the environment, dotenv files or shell start-up files"))
	}

	w0, w1 := 0, 0
	for _, r := range rows {
		w0, w1 = max(w0, lipgloss.Width(r[0])), max(w1, lipgloss.Width(r[1]))
	}
	for _, r := range rows {
		noteCol := 2 + w0 + 2 + w1 + 2
		note := r[2]
		if noteCol < o.Width/2 {
			note = wrapIndent(note, noteCol, noteCol, o.Width)
		}
		line := fmt.Sprintf("  %-*s  %-*s  %s", w0, r[0], w1, r[1], note)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	for _, f := range unread { // a setting in them is unknown to doctor
		fmt.Fprintln(w, s.dim.Render("  not read whole: "+show(displaySource(discover.Source{Path: f.Path}, o)+" ("+f.Why+")", rep)))
	}
	base := openai.MaskURL(rep.BaseURL)
	if base != "" {
		fmt.Fprintln(w, s.dim.Render(fmt.Sprintf("  base URL %s (from %s)", show(base, rep), show(rep.BaseFrom, rep))))
	}
}

// displaySource shows paths relative to the working directory, or with ~.
func displaySource(src discover.Source, o textOptions) string {
	if src.Path == "" {
		return string(src.Kind)
	}
	p := src.Path
	if rel, err := filepath.Rel(o.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		p = "." + string(filepath.Separator) + rel
	} else if o.Home != "" && strings.HasPrefix(p, o.Home+string(filepath.Separator)) {
		p = "~" + p[len(o.Home):]
	}
	if src.Line > 0 {
		p = fmt.Sprintf("%s:%d", p, src.Line)
	}
	return p
}

func findingLine(f checks.Finding) string {
	var b strings.Builder
	if f.Commit != "" {
		b.WriteString("commit " + f.Commit + " ")
	}
	if f.Path != "" {
		b.WriteString(f.Path)
		if f.Line > 0 {
			fmt.Fprintf(&b, ":%d", f.Line)
		}
		if f.Fingerprint != "" || f.InUse {
			b.WriteString(" ")
		}
	}
	b.WriteString(f.Fingerprint)
	if f.InUse {
		b.WriteString(" (the key in use)")
	}
	if f.Note != "" {
		b.WriteString(" — " + f.Note)
	}
	return b.String()
}

// show makes outside text fit for the terminal: keys become fingerprints
// and control characters visible escapes (termtext.Safe). JSON uses scrub
// alone: its encoder escapes control characters itself.
func show(text string, rep checks.Report) string {
	return termtext.Safe(scrub(text, rep))
}

// scrub is the last line of defence: any key-looking token in text becomes
// its fingerprint before it reaches the terminal.
func scrub(text string, rep checks.Report) string {
	return apikey.Scrub(text, rep.Key, rep.Inventory.Key, rep.AdminKey)
}
