package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/chart"
	"github.com/setupkit/openai-setup/usage"
)

// The smallest terminal the usage view draws in.
const usageMinW, usageMinH = 60, 16

func (m UsageModel) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m UsageModel) render() string {
	if m.width == 0 {
		return ""
	}
	if m.width < usageMinW || m.height < usageMinH {
		return fmt.Sprintf("Make the terminal at least %dx%d to see usage (q quits).", usageMinW, usageMinH)
	}
	s, rep := m.styles, m.report
	var top []string
	top = append(top, s.Brand.Render("openai-setup")+s.Faint.Render(" · usage · ")+s.Bold.Render(rep.Period.String())+s.Faint.Render(" (UTC)"))
	top = append(top, m.headline())
	if len(m.focus) > 0 {
		top = append(top, m.focusLine())
	}
	switch {
	case m.loading != nil:
		top = append(top, s.Faint.Render("Fetching "+m.loading.String()+"…"))
	case m.failed != "":
		top = append(top, s.Fail.Render(iconFail+" "+usage.Clip("Could not fetch that period: "+m.failed, m.width-2)))
	case rep.TodayEmpty:
		top = append(top, s.Faint.Render("Nothing for today yet: usage can take a few minutes to appear."))
	default:
		top = append(top, "")
	}
	if l := rep.LimitLine(); l != "" {
		top = append(top, usage.Clip(l, m.width-1))
	}
	const balance = "Prepaid balance (no API gives it): "
	if len(balance)+len(m.opts.BillingURL) < m.width {
		top = append(top, s.Faint.Render(balance)+s.URL.Render(m.opts.BillingURL))
	} else { // a clipped link opens nothing: the address gets a line of its own
		top = append(top, s.Faint.Render(strings.TrimSuffix(balance, " ")), s.URL.Render(usage.Clip(m.opts.BillingURL, m.width-1)))
	}

	k := m.stacked()
	legendH := min(k, 1) // a legend line under a stacked chart
	chartH := max(5, min(14, (m.height-len(top)-4-legendH)/2))
	c := m.dailyChart(k, m.width-1, chartH)
	if legendH > 0 {
		c += "\n" + m.legend(k, m.width-1)
	}
	tableRows := m.height - len(top) - 1 - chartH - legendH - 1 - 1 // blank, chart, legend, blank, help (the table is n lines)
	table, marked := m.table(tableRows, k)
	help := s.Faint.Render(m.keys(marked))
	return strings.Join(top, "\n") + "\n\n" + c + "\n\n" + table + "\n" + help
}

func (m UsageModel) headline() string {
	return m.styles.Bold.Render(usage.Dollars(m.report.Total)) + " spent · " + m.report.Comparison()
}

// focusLine says which rows were entered: "Only project Web app ›
// model gpt-4o · esc back".
func (m UsageModel) focusLine() string {
	var parts []string
	for _, f := range m.focus {
		parts = append(parts, string(f.By)+" "+safeLabel(f.Label))
	}
	line := usage.Clip("Only "+strings.Join(parts, " › "), m.width-12)
	return m.styles.Bold.Render(line) + m.styles.Faint.Render(" · esc back")
}

// keys is the help line: what fits of it, the marker's meaning first.
func (m UsageModel) keys(marked bool) string {
	parts := []string{"↑/↓ row", "enter only this", "tab grouping", "←/→ period", "q quit"}
	if len(m.focus) > 0 {
		parts = slices.Insert(parts, 2, "esc back")
	}
	if marked {
		parts = slices.Insert(parts, 0, "← this folder's key")
	}
	for _, drop := range []string{"↑/↓ row", "←/→ period", "tab grouping"} {
		if lipgloss.Width(strings.Join(parts, " · ")) < m.width {
			break
		}
		parts = slices.DeleteFunc(parts, func(p string) bool { return p == drop })
	}
	return usage.Clip(strings.Join(parts, " · "), m.width-1)
}

// Table columns: each number column's width, the label column's least
// width beside a sparkline, and the sparkline's most days.
const (
	usageNumW      = 11
	usageMinLabelW = 16
	usageSparkDays = 14
)

// table is the groups' rows in at most n lines (header included), the
// cursor's row marked and in view; marked says whether a row shown is
// this folder's key. The first k rows, stacked in the chart, carry its
// colour's mark beside their share.
func (m UsageModel) table(n, k int) (_ string, marked bool) {
	rep := m.report
	if n < 2 {
		return "", false
	}
	if len(rep.Rows) == 0 {
		return m.styles.Faint.Render("Nothing was used in this period."), false
	}
	cols := []string{"SPEND", "SHARE", "TOKENS IN", "TOKENS OUT", "REQUESTS"}
	if m.width < 100 {
		cols = []string{"SPEND", "SHARE", "TOKENS IN", "REQUESTS"} // narrow: tokens out goes (--json has it)
	}
	labelW := m.width - 1 - len(cols)*usageNumW
	// The sparkline takes only room the labels shown do not need, so it is
	// the first thing a narrow terminal loses.
	need := usageMinLabelW
	for _, r := range rep.Rows[:min(len(rep.Rows), n)] {
		need = max(need, lipgloss.Width(safeLabel(r.Label))+5) // cursor, marker, gap
	}
	sparkW := min(usageSparkDays, len(rep.Days), labelW-need-2)
	if sparkW < 5 {
		sparkW = 0
	} else {
		labelW -= sparkW + 2
	}
	header := "  " + pad(strings.ToUpper(string(rep.By)), labelW-2)
	for _, c := range cols {
		header += lpad(c, usageNumW)
	}
	if sparkW > 0 {
		header += "  " + pad("DAILY", sparkW)
	}
	lines := []string{m.styles.Bold.Render(strings.TrimRight(header, " "))}
	rows, first := rep.Rows, 0
	if len(rows) > n-1 { // a last line says where the window is
		shown := n - 2
		first = max(0, min(m.cursor-shown/2, len(rows)-shown))
		rows = rows[first : first+shown]
	}
	for i, r := range rows {
		label := safeLabel(r.Label)
		if r.ThisFolder {
			label, marked = "← "+label, true
		}
		cur := "  "
		if first+i == m.cursor {
			cur = "› "
		}
		line := cur + pad(usage.Clip(label, labelW-3), labelW-2)
		vals := map[string]string{"SPEND": usage.Dollars(r.USD), "SHARE": strconv.FormatFloat(r.Share*100, 'f', 1, 64) + "%",
			"TOKENS IN": tokens(r, r.InputTokens), "TOKENS OUT": tokens(r, r.OutputTokens), "REQUESTS": tokens(r, r.Requests)}
		markAt := -1 // where the row's colour mark goes, in bytes
		for _, c := range cols {
			if c == "SHARE" && first+i < k {
				markAt = len(line) + 3 // "   ■  50.2%": the marks in one column
			}
			line += lpad(vals[c], usageNumW)
		}
		if sparkW > 0 {
			line += "  " + chart.Spark(r.Daily, sparkW)
		}
		line = strings.TrimRight(line, " ")
		var mark lipgloss.Style
		if markAt >= 0 {
			mark = stackColors(m.dark)[first+i]
		}
		lines = append(lines, markRow(line, markAt, mark, m.styles.Bold, first+i == m.cursor))
	}
	if len(rows) < len(rep.Rows) {
		lines = append(lines, m.styles.Faint.Render(fmt.Sprintf("rows %d–%d of %d (↑/↓; --json lists them all)", first+1, first+len(rows), len(rep.Rows))))
	}
	return strings.Join(lines, "\n"), marked
}

// markRow puts the colour mark over the blank at byte at of line (none
// when at < 0), and bolds the cursor's row around it: a mark inside a
// bold line would end the bold with its reset.
func markRow(line string, at int, mark, bold lipgloss.Style, cursor bool) string {
	hasMark := at >= 0 && at < len(line) && line[at] == ' '
	switch {
	case !hasMark && cursor:
		return bold.Render(line)
	case !hasMark:
		return line
	case cursor:
		return bold.Render(line[:at]) + mark.Inherit(bold).Render(usageMark) + bold.Render(line[at+1:])
	}
	return line[:at] + mark.Render(usageMark) + line[at+1:]
}

func tokens(r usage.Row, v int64) string {
	if !r.HasTokens {
		return "–"
	}
	return compact(v)
}

// compact writes a count in at most 6 characters: 987, 12.3k, 4.5M.
func compact(v int64) string {
	switch {
	case v < 10_000:
		return strconv.FormatInt(v, 10)
	case v < 1_000_000:
		return strconv.FormatFloat(float64(v)/1e3, 'f', 1, 64) + "k"
	case v < 1_000_000_000:
		return strconv.FormatFloat(float64(v)/1e6, 'f', 1, 64) + "M"
	}
	return strconv.FormatFloat(float64(v)/1e9, 'f', 1, 64) + "G"
}

func chartDollars(v float64) string {
	if v >= 1000 {
		return "$" + strconv.FormatFloat(v/1000, 'f', 1, 64) + "k"
	}
	return "$" + strconv.FormatFloat(v, 'f', 2, 64)
}

func dayValues(days []usage.Day) []float64 {
	out := make([]float64, len(days))
	for i, d := range days {
		out[i] = d.USD.InexactFloat64() // bar heights only; the numbers shown are exact
	}
	return out
}

// dayLabels are days of the month; the 1st is named by its month.
func dayLabels(days []usage.Day) []string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = strconv.Itoa(d.Date.Day())
		if d.Date.Day() == 1 {
			out[i] = d.Date.Format("Jan")
		}
	}
	return out
}

func pad(s string, w int) string  { return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s))) }
func lpad(s string, w int) string { return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s }

// safeLabel keeps names from the API (which could carry terminal escapes
// or a pasted key) to printable characters, nothing key-shaped.
func safeLabel(s string) string {
	return apikey.Scrub(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}
