// Package chart draws a vertical bar chart in text: a y-axis with labels
// the caller formats (dollars), one bar per value in eighth-block steps
// (or stacked from several series, each cell marked with its series so the
// caller can colour it), and x labels thinned so they never overlap.
//
// It exists because the libraries at hand do not fit: asciigraph draws
// line plots only, and ntcharts depends on the v1 Charm stack (Bubble Tea
// and Lip Gloss v1) while this program uses v2. It has no dependencies.
package chart

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Bars is a bar chart of Values, one bar per value, Labels under them.
type Bars struct {
	Values []float64
	Labels []string // one per value; "" for none
	// Width and Height are the whole chart's size in cells: the y-axis,
	// the plot, the baseline and the row of x labels.
	Width, Height int
	// YLabel formats an axis value ("$1.20"); nil prints none.
	YLabel func(float64) string
}

var eighths = []string{"", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// Render draws the chart as Height lines of at most Width cells. When
// there are more values than columns, the last ones that fit are drawn.
func (b Bars) Render() string {
	return Stacked{Series: [][]float64{b.Values}, Labels: b.Labels, Width: b.Width, Height: b.Height, YLabel: b.YLabel}.Render()
}

// Stacked is a bar chart whose bars are stacks: Series[g][i] is group g's
// value on bar i, stacked bottom-up in group order (series may be shorter
// than the longest; the missing values are 0). The axis is scaled to the
// largest bar's total.
//
// A bar's total height is rounded to eighths of a cell, as in Bars, and is
// true to the bar's total; the split between series is in whole cells,
// because one cell cannot be two colours. Only the top cell of a bar may
// be a partial (eighth) block, and it belongs to the series that reaches
// it. So each series' share is rounded to whole cells: a series worth
// less than half a cell on a bar may get no cell there (its spend is in
// the total's height, drawn in a neighbour's colour).
type Stacked struct {
	Series [][]float64
	Labels []string // one per bar; "" for none
	// Width and Height are the whole chart's size in cells: the y-axis,
	// the plot, the baseline and the row of x labels.
	Width, Height int
	// YLabel formats an axis value ("$1.20"); nil prints none.
	YLabel func(float64) string
	// Paint styles a run of cells of one series (for colour); nil leaves
	// them plain. The chart itself stays free of styles: the caller owns
	// them, and a run's width is its number of runes.
	Paint func(series int, s string) string
}

// Render draws the chart as Height lines of at most Width cells. When
// there are more bars than columns, the last ones that fit are drawn.
func (c Stacked) Render() string {
	rows := c.Height - 2 // the baseline and the labels
	n := 0
	for _, s := range c.Series {
		n = max(n, len(s))
	}
	if rows < 1 || c.Width < 4 || n == 0 {
		return ""
	}
	totals := make([]float64, n)
	for _, s := range c.Series {
		for i, v := range s {
			if v > 0 {
				totals[i] += v
			}
		}
	}
	top := 0.0
	for _, v := range totals {
		top = math.Max(top, v)
	}
	yl := func(v float64) string {
		if c.YLabel == nil {
			return ""
		}
		return c.YLabel(v)
	}
	axisLabels := map[int]string{0: yl(top), rows - 1 - (rows-1)/2: yl(top / 2)}
	switch {
	case top <= 0:
		axisLabels = map[int]string{} // nothing spent: only the baseline's 0
	case rows < 3:
		axisLabels = map[int]string{0: yl(top)}
	}
	yw := utf8.RuneCountInString(yl(0))
	for _, l := range axisLabels {
		yw = max(yw, utf8.RuneCountInString(l))
	}
	plotW := c.Width - yw - 1
	if plotW < 1 {
		return ""
	}
	first, labels := 0, c.Labels
	if n > plotW {
		first, labels = n-plotW, tail(labels, plotW)
	}
	shown := n - first
	colW := plotW / shown
	barW := colW - 1 // a gap between bars when there is room
	if barW < 1 {
		barW = 1
	}
	barW = min(barW, 3)
	stacks := make([]stack, shown)
	for i := range stacks {
		stacks[i] = c.stack(first+i, totals[first+i], top, rows)
	}

	var out strings.Builder
	line := make([]cell, 0, shown*colW)
	for r := 0; r < rows; r++ {
		out.WriteString(pad(axisLabels[r], yw))
		out.WriteString("┤")
		line = line[:0]
		for _, st := range stacks {
			cl := st.at(rows - 1 - r)
			for i := 0; i < colW; i++ {
				if i < barW {
					line = append(line, cl)
				} else {
					line = append(line, blank)
				}
			}
		}
		c.write(&out, line)
		out.WriteString("\n")
	}
	out.WriteString(pad(yl(0), yw) + "└" + strings.Repeat("─", shown*colW) + "\n")
	out.WriteString(strings.Repeat(" ", yw+1) + xLabels(labels, shown, colW, plotW))
	return strings.TrimRight(out.String(), " ")
}

// cell is one character of the plot and the series it draws (-1: none).
type cell struct {
	s      string
	series int
}

var blank = cell{" ", -1}

// stack is one bar: its height in eighths of a cell, and for each whole
// cell from the bottom the series it belongs to.
type stack struct {
	units  int
	owners []int
}

// at is the bar's cell at height row (0 = bottom).
func (st stack) at(row int) cell {
	filled := st.units - row*8
	switch {
	case filled <= 0 || row >= len(st.owners):
		return blank
	case filled >= 8:
		return cell{eighths[8], st.owners[row]}
	}
	return cell{eighths[filled], st.owners[row]}
}

// stack splits bar i of the given total into whole cells per series: each
// series ends at its cumulative share of the bar, rounded to a cell.
func (c Stacked) stack(i int, total, top float64, rows int) stack {
	if top <= 0 || total <= 0 {
		return stack{}
	}
	units := int(math.Round(total / top * float64(rows*8)))
	if units == 0 {
		units = 1 // any spend shows
	}
	cells := (units + 7) / 8
	owners := make([]int, cells)
	from, cum, last := 0, 0.0, -1
	for g, s := range c.Series {
		if i >= len(s) || s[i] <= 0 {
			continue
		}
		cum += s[i]
		last = g
		to := min(cells, int(math.Round(cum/total*float64(units)/8)))
		for ; from < to; from++ {
			owners[from] = g
		}
	}
	for ; from < cells; from++ {
		owners[from] = last // rounding left the top: the last series present
	}
	return stack{units: units, owners: owners}
}

// write puts a line of cells, trailing blanks dropped, each run of one
// series painted once.
func (c Stacked) write(out *strings.Builder, line []cell) {
	for len(line) > 0 && line[len(line)-1] == blank {
		line = line[:len(line)-1]
	}
	for len(line) > 0 {
		j := 1
		for j < len(line) && line[j].series == line[0].series {
			j++
		}
		var run strings.Builder
		for _, cl := range line[:j] {
			run.WriteString(cl.s)
		}
		if c.Paint != nil && line[0].series >= 0 {
			out.WriteString(c.Paint(line[0].series, run.String()))
		} else {
			out.WriteString(run.String())
		}
		line = line[j:]
	}
}

// xLabels places labels under their bars, every k-th one from the last
// backwards, with k the smallest step at which none overlaps the next, in
// at most room cells: a last label too wide for the room ends at its edge,
// and a label that would then touch the one after it is left out.
func xLabels(labels []string, n, colW, room int) string {
	widest := 0
	for _, l := range labels {
		widest = max(widest, utf8.RuneCountInString(l))
	}
	if widest == 0 {
		return ""
	}
	step := 1
	for step*colW < widest+1 && step < n {
		step++
	}
	line := []rune(strings.Repeat(" ", max(room, n*colW)))
	next := len(line) + 1 // where the label to the right starts
	for i := n - 1; i >= 0; i -= step {
		if i >= len(labels) {
			continue
		}
		l := []rune(labels[i])
		at := min(i*colW, room-len(l))
		if at < 0 || at+len(l) >= next {
			continue
		}
		copy(line[at:], l)
		next = at
	}
	return strings.TrimRight(string(line[:min(len(line), room)]), " ")
}

func pad(s string, w int) string {
	return strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s))) + s
}

func tail(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// Spark draws the last width values as a one-line sparkline, one cell per
// value scaled to the largest of them: nothing spent is a blank, any spend
// at least the lowest block. Fewer values than width give a shorter line.
func Spark(values []float64, width int) string {
	if width < 1 {
		return ""
	}
	if len(values) > width {
		values = values[len(values)-width:]
	}
	top := 0.0
	for _, v := range values {
		top = math.Max(top, v)
	}
	var b strings.Builder
	for _, v := range values {
		if v <= 0 || top <= 0 {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(eighths[max(1, int(math.Round(v/top*8)))])
	}
	return b.String()
}
