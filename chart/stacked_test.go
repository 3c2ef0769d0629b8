package chart

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"
)

// groups is three series over n days: a big one, a middle one, a small
// one; day 3 spends nothing.
func groups(n int) [][]float64 {
	s := make([][]float64, 3)
	for g := range s {
		s[g] = make([]float64, n)
	}
	for i := range n {
		if i == 3 {
			continue
		}
		s[0][i] = float64(4 + (i*37)%11)
		s[1][i] = float64(1 + (i*13)%7)
		s[2][i] = float64((i * 5) % 4)
	}
	return s
}

// owners paints each cell with its series' number, so a golden shows
// which cell went to which series.
func owners(series int, s string) string {
	return strings.Repeat(fmt.Sprint(series), utf8.RuneCountInString(s))
}

func TestStackedGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string
		series  [][]float64
		w, h    int
		noLabel bool
	}{
		{"3series_31days_78x12", groups(31), 78, 12, false},
		{"3series_31days_40x8", groups(31), 40, 8, false},
		{"3series_31days_20x6", groups(31), 20, 6, false}, // fewer columns than days: the last ones
		{"3series_7days_60x10", groups(7), 60, 10, false},
		// Day 3: the small group's 0.2 of 10 is under half a cell and gets
		// no cell; day 1's 2 is worth one cell and keeps it.
		{"small_rounds_away_30x7", [][]float64{{8, 6, 9.8}, {0, 0, 0}, {2, 4, 0.2}}, 30, 7, false},
		{"zero_40x6", [][]float64{{0, 0, 0}, {0, 0, 0}}, 40, 6, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var labels []string
			if !tc.noLabel {
				for i := range tc.series[0] {
					labels = append(labels, fmt.Sprint(i+1))
				}
			}
			c := Stacked{Series: tc.series, Labels: labels, Width: tc.w, Height: tc.h, YLabel: dollars}
			plain := c.Render()
			c.Paint = owners
			painted := c.Render()
			for _, out := range []string{plain, painted} {
				lines := strings.Split(out, "\n")
				if len(lines) != tc.h {
					t.Errorf("%d lines, want %d", len(lines), tc.h)
				}
				for _, l := range lines {
					if utf8.RuneCountInString(l) > tc.w {
						t.Errorf("line wider than %d: %q", tc.w, l)
					}
				}
			}
			golden.RequireEqual(t, []byte(plain+"\n\n"+painted+"\n"))
		})
	}
}

// TestStackedHeightIsTheTotal: whatever the split, a stacked bar is as
// tall as a plain bar of the day's total.
func TestStackedHeightIsTheTotal(t *testing.T) {
	for _, n := range []int{3, 7, 31} {
		for _, sz := range [][2]int{{78, 12}, {40, 8}, {20, 6}, {119, 15}} {
			s := groups(n)
			totals := make([]float64, n)
			for _, g := range s {
				for i, v := range g {
					totals[i] += v
				}
			}
			got := Stacked{Series: s, Width: sz[0], Height: sz[1], YLabel: dollars}.Render()
			want := Bars{Values: totals, Width: sz[0], Height: sz[1], YLabel: dollars}.Render()
			if got != want {
				t.Errorf("%d days at %dx%d: stacked\n%s\nplain bars of the totals\n%s", n, sz[0], sz[1], got, want)
			}
		}
	}
}

// TestStackedOrderBottomUp: on each bar the series' cells go up in
// series order, each in one run, and the partial cell is only at the top.
func TestStackedOrderBottomUp(t *testing.T) {
	c := Stacked{Series: groups(31), Width: 78, Height: 14, Paint: owners}
	plain := c
	plain.Paint = nil
	lines, plainLines := strings.Split(c.Render(), "\n"), strings.Split(plain.Render(), "\n")
	rows := c.Height - 2
	at := func(lines []string, r, col int) rune {
		l := []rune(lines[r])
		if col >= len(l) {
			return ' '
		}
		return l[col]
	}
	for col := 0; col < c.Width; col++ {
		prev := '0'
		for r := rows - 1; r >= 0; r-- { // bottom up
			ch := at(lines, r, col)
			if ch == ' ' || ch == '┤' || ch > '9' {
				continue
			}
			if ch < prev {
				t.Fatalf("column %d row %d: series %c above series %c", col, r, ch, prev)
			}
			prev = ch
			if at(plainLines, r, col) != '█' && r > 0 && at(lines, r-1, col) != ' ' {
				t.Fatalf("column %d row %d: a partial cell under another cell", col, r)
			}
		}
	}
}
