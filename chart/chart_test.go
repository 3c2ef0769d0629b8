package chart

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/exp/golden"
)

func days(n int) ([]float64, []string) {
	vals, labels := make([]float64, n), make([]string, n)
	for i := range n {
		vals[i] = float64((i*37)%11) * 1.5
		labels[i] = fmt.Sprint(i + 1)
	}
	return vals, labels
}

func dollars(v float64) string { return fmt.Sprintf("$%.2f", v) }

func TestBarsGolden(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n, w, h       int
		zero, noLabel bool
	}{
		{"31days_78x10", 31, 78, 10, false, false},
		{"31days_40x8", 31, 40, 8, false, false},
		{"7days_118x14", 7, 118, 14, false, false},
		{"zero_40x6", 5, 40, 6, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vals, labels := days(tc.n)
			if tc.zero {
				vals = make([]float64, tc.n)
			}
			out := Bars{Values: vals, Labels: labels, Width: tc.w, Height: tc.h, YLabel: dollars}.Render()
			lines := strings.Split(out, "\n")
			if len(lines) != tc.h {
				t.Errorf("%d lines, want %d", len(lines), tc.h)
			}
			for _, l := range lines {
				if utf8.RuneCountInString(l) > tc.w {
					t.Errorf("line wider than %d: %q", tc.w, l)
				}
			}
			golden.RequireEqual(t, []byte(out+"\n"))
		})
	}
}

// TestBarsTinySpendShows: a value far below the top still gets a sliver,
// so a day with spend never looks like a day without.
func TestBarsTinySpendShows(t *testing.T) {
	out := Bars{Values: []float64{1000, 0.001, 0}, Width: 20, Height: 5}.Render()
	base := strings.Split(out, "\n")[2]
	if !strings.Contains(base, "▁") {
		t.Errorf("the tiny value has no bar:\n%s", out)
	}
}

// TestLabelsThinnedWithoutOverlap: with one column per bar, labels two
// characters wide go every third bar, ending at the last.
func TestLabelsThinnedWithoutOverlap(t *testing.T) {
	got := xLabels([]string{"10", "11", "12", "13", "14", "15", "16"}, 7, 1, 8)
	if got != "10 13 16" {
		t.Errorf("xLabels = %q, want %q", got, "10 13 16")
	}
}

func TestSpark(t *testing.T) {
	for _, tc := range []struct {
		values []float64
		width  int
		want   string
	}{
		{[]float64{0, 1, 2, 4, 8}, 5, " ▁▂▄█"},
		{[]float64{9, 9, 0, 0.001, 8}, 3, " ▁█"}, // the last three, scaled to them
		{[]float64{0, 0}, 4, "  "},
		{[]float64{3}, 0, ""},
	} {
		if got := Spark(tc.values, tc.width); got != tc.want {
			t.Errorf("Spark(%v, %d) = %q, want %q", tc.values, tc.width, got, tc.want)
		}
	}
}
