package tui

import (
	"image/color"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/setupkit/openai-setup/chart"
	"github.com/setupkit/openai-setup/usage"
)

// The daily chart stacks the grouping's biggest spenders, each in a colour
// of its own, and draws the rest as "other" in the plain bar colour. The
// table marks those groups' rows in the same colours. Without colour
// (NO_COLOR, a terminal that has none) stacks could not be told apart, so
// the chart is one plain bar per day and there is no legend.

// usageMark is the legend's and the table's colour swatch.
const usageMark = "■"

// stackColors are the stacked groups' colours, biggest first: the brand's
// accent, the link blue, an orange; none of them the pass/warn/fail colours.
func stackColors(dark bool) []lipgloss.Style {
	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	return []lipgloss.Style{
		lipgloss.NewStyle().Foreground(c("#6B3FD6", "#B69CFF")),
		lipgloss.NewStyle().Foreground(c("#1E63C4", "#7AB8FF")),
		lipgloss.NewStyle().Foreground(c("#BC4C00", "#F0883E")),
	}
}

// stacked is how many of the report's first rows (the biggest spenders)
// get a colour: up to 3, 2 on a narrow terminal, none without colour or
// for rows that cost nothing.
func (m UsageModel) stacked() int {
	if !m.colour {
		return 0
	}
	k := 3
	if m.width < 80 {
		k = 2
	}
	k = min(k, len(m.report.Rows))
	for k > 0 && !m.report.Rows[k-1].USD.IsPositive() {
		k--
	}
	return k
}

// dailyChart is the chart of spend per day: the first k rows stacked in
// their colours under "other" (the rest), or plain bars when k is 0.
func (m UsageModel) dailyChart(k, width, height int) string {
	days := m.report.Days
	if k == 0 {
		return chart.Bars{Values: dayValues(days), Labels: dayLabels(days), Width: width, Height: height, YLabel: chartDollars}.Render()
	}
	series := make([][]float64, k+1)
	for g, r := range m.report.Rows[:k] {
		series[g] = r.Daily
	}
	other := make([]float64, len(days))
	for _, r := range m.report.Rows[k:] {
		for i, v := range r.Daily {
			other[i] += v
		}
	}
	series[k] = other
	colors := stackColors(m.dark)
	paint := func(g int, s string) string {
		if g < k {
			return colors[g].Render(s)
		}
		return s // other: the plain bar colour
	}
	return chart.Stacked{Series: series, Labels: dayLabels(days), Width: width, Height: height, YLabel: chartDollars, Paint: paint}.Render()
}

// legend names the k stacked groups and "other" (when the rest spent
// anything) in one line of at most width cells, long names clipped.
func (m UsageModel) legend(k, width int) string {
	var names, short []string
	for _, r := range m.report.Rows[:k] {
		names = append(names, safeLabel(r.Label))
		short = append(short, safeLabel(m.shortLabel(r)))
	}
	other := slices.ContainsFunc(m.report.Rows[k:], func(r usage.Row) bool { return r.USD.IsPositive() })
	items, budget := k, width-2*k // "■ " before each name
	if other {
		items, budget = items+1, budget-lipgloss.Width(usageMark+" other")
	}
	budget -= 2 * (items - 1) // two spaces between items
	if lipgloss.Width(strings.Join(names, "")) > budget {
		names = short
	}
	names = fitNames(names, budget)
	colors := stackColors(m.dark)
	var parts []string
	for g, n := range names {
		n = strings.ReplaceAll(n, "……", "…") // a clipped fingerprint
		parts = append(parts, colors[g].Render(usageMark)+" "+n)
	}
	if other {
		parts = append(parts, usageMark+" other")
	}
	return strings.Join(parts, "  ")
}

// fitNames clips names to fit budget cells together: short names keep
// their width, and the long ones share what is left equally.
func fitNames(names []string, budget int) []string {
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return lipgloss.Width(names[a]) - lipgloss.Width(names[b]) })
	out := make([]string, len(names))
	left := budget
	for j, i := range order {
		share := max(2, left/(len(names)-j))
		out[i] = usage.Clip(names[i], share)
		left -= lipgloss.Width(out[i])
	}
	return out
}

// shortLabel is a row's name for a crowded legend: a key's name and the
// last characters of its fingerprint ("ci …Ab3d"), not its project.
func (m UsageModel) shortLabel(r usage.Row) string {
	k, ok := m.data.Names.Keys[r.Group]
	if m.report.By != usage.ByKey || !ok {
		return r.Label
	}
	fp := []rune(k.Redacted)
	return strings.TrimSpace(k.Name + " …" + string(fp[max(0, len(fp)-4):]))
}
