// Package chart draws a vertical bar chart in text: a y-axis with labels
// the caller formats (dollars), one bar per value in eighth-block steps,
// and x labels thinned so they never overlap.
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
	rows := b.Height - 2 // the baseline and the labels
	if rows < 1 || b.Width < 4 || len(b.Values) == 0 {
		return ""
	}
	top := 0.0
	for _, v := range b.Values {
		top = math.Max(top, v)
	}
	yl := func(v float64) string {
		if b.YLabel == nil {
			return ""
		}
		return b.YLabel(v)
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
	plotW := b.Width - yw - 1
	if plotW < 1 {
		return ""
	}
	values, labels := b.Values, b.Labels
	if len(values) > plotW {
		values, labels = values[len(values)-plotW:], tail(labels, plotW)
	}
	colW := plotW / len(values)
	barW := colW - 1 // a gap between bars when there is room
	if barW < 1 {
		barW = 1
	}
	barW = min(barW, 3)

	var out strings.Builder
	for r := 0; r < rows; r++ {
		out.WriteString(pad(axisLabels[r], yw))
		out.WriteString("┤")
		line := make([]string, 0, len(values)*colW)
		for _, v := range values {
			cell := bar(v, top, rows, rows-1-r)
			for i := 0; i < colW; i++ {
				if i < barW {
					line = append(line, cell)
				} else {
					line = append(line, " ")
				}
			}
		}
		out.WriteString(strings.TrimRight(strings.Join(line, ""), " "))
		out.WriteString("\n")
	}
	out.WriteString(pad(yl(0), yw) + "└" + strings.Repeat("─", len(values)*colW) + "\n")
	out.WriteString(strings.Repeat(" ", yw+1) + xLabels(labels, len(values), colW))
	return strings.TrimRight(out.String(), " ")
}

// bar is the cell of a bar at height row (0 = bottom) of rows.
func bar(v, top float64, rows, row int) string {
	if top <= 0 || v <= 0 {
		return " "
	}
	units := int(math.Round(v / top * float64(rows*8)))
	if units == 0 {
		units = 1 // any spend shows
	}
	filled := units - row*8
	switch {
	case filled >= 8:
		return eighths[8]
	case filled <= 0:
		return " "
	}
	return eighths[filled]
}

// xLabels places labels under their bars, every k-th one from the last
// backwards, with k the smallest step at which none overlaps the next.
func xLabels(labels []string, n, colW int) string {
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
	line := []rune(strings.Repeat(" ", n*colW+widest))
	for i := n - 1; i >= 0; i -= step {
		if i >= len(labels) {
			continue
		}
		copy(line[i*colW:], []rune(labels[i]))
	}
	return strings.TrimRight(string(line), " ")
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
