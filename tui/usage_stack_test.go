package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/chart"
)

// colourUsage is the 80x24 view of 12 keys over 31 days at a terminal with
// the given colour profile.
func colourUsage(t *testing.T, p colorprofile.Profile) UsageModel {
	t.Helper()
	m := usageModel(12, 31, nil)
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = usageUpdate(t, m, tea.ColorProfileMsg{Profile: p})
	return m
}

// legendLine is the screen's legend: the line after the chart's x labels.
func legendLine(t *testing.T, m UsageModel) string {
	t.Helper()
	lines := strings.Split(usageScreen(m), "\n")
	for i, l := range lines {
		if strings.Contains(l, "└") && i+2 < len(lines) {
			return lines[i+2]
		}
	}
	t.Fatalf("no chart on screen:\n%s", usageScreen(m))
	return ""
}

// TestUsageNoColourPlainBars: without colour (NO_COLOR, or none to show)
// the chart is today's plain bars, with no legend and no marks.
func TestUsageNoColourPlainBars(t *testing.T) {
	before := usageScreen(usageModel(12, 31, nil).withSize(t, 80, 24))
	for _, p := range []colorprofile.Profile{colorprofile.ASCII, colorprofile.NoTTY} {
		m := colourUsage(t, p)
		out := usageScreen(m)
		if strings.Contains(out, usageMark) || strings.Contains(out, "other") {
			t.Errorf("%s: a legend or a mark without colour:\n%s", p, out)
		}
		if out != before {
			t.Errorf("%s: the screen differs from the plain one:\n%s\nwant\n%s", p, out, before)
		}
		bars := chart.Bars{Values: dayValues(m.report.Days), Labels: dayLabels(m.report.Days), Width: 79, Height: 7, YLabel: chartDollars}.Render() // 7: the billing link has a line of its own at 80 columns
		if !strings.Contains(out, bars) {
			t.Errorf("%s: not the plain bars of the day totals:\n%s", p, out)
		}
	}
}

func (m UsageModel) withSize(t *testing.T, w, h int) UsageModel {
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// TestUsageStackedColours: with colour, the top groups' colours are on
// the chart's cells, on their legend marks and on their table rows' marks;
// "other" is plain.
func TestUsageStackedColours(t *testing.T) {
	m := colourUsage(t, colorprofile.TrueColor)
	if k := m.stacked(); k != 2 {
		t.Fatalf("%d groups stacked by project (two of them), want 2", k)
	}
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab}) // by model: three models, none other
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab}) // by key: 12, so an "other"
	if k := m.stacked(); k != 3 {
		t.Fatalf("%d keys stacked at 80 wide, want 3", k)
	}
	raw := m.View().Content
	colors := stackColors(m.dark)
	for g, r := range m.report.Rows[:3] {
		mark := colors[g].Render(usageMark)
		n := strings.Count(raw, mark)
		if g == m.cursor { // the cursor's row is bold, its mark too
			n += strings.Count(raw, colors[g].Inherit(m.styles.Bold).Render(usageMark))
		}
		if n < 2 {
			t.Errorf("group %d (%s): its mark is on screen %d times, want the legend's and its row's", g, r.Label, n)
		}
		if !strings.Contains(raw, colors[g].Render("█")) && !strings.Contains(raw, colors[g].Render("██")) {
			t.Errorf("group %d (%s) has no cell of its colour in the chart", g, r.Label)
		}
	}
	legend := legendLine(t, m)
	if !strings.HasSuffix(legend, usageMark+" other") || ansi.StringWidth(legend) > 79 {
		t.Errorf("legend %q: want the top keys then ■ other within 79 cells", legend)
	}
	for _, r := range m.report.Rows[:3] {
		if !strings.Contains(legend, safeLabel(r.Label)[:5]+" …") { // "key 6 …0006": short, at 80 wide
			t.Errorf("legend %q does not name %s", legend, r.Label)
		}
	}
	// The 4th row is "other": no mark on its row.
	fourth := safeLabel(m.report.Rows[3].Label)[:10]
	for _, l := range strings.Split(usageScreen(m), "\n") {
		if strings.Contains(l, fourth) && strings.Contains(l, usageMark) {
			t.Errorf("an 'other' row has a mark: %q", l)
		}
	}
}

// TestUsageRestacks: tab and enter stack the new grouping's top groups;
// a narrow terminal stacks two.
func TestUsageRestacks(t *testing.T) {
	m := colourUsage(t, colorprofile.ANSI256)
	if l := legendLine(t, m); !strings.Contains(l, "Web app") || !strings.Contains(l, "Batch jobs") || strings.Contains(l, "other") {
		t.Errorf("by project: legend %q", l)
	}
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	if l := legendLine(t, m); !strings.Contains(l, "gpt-4o-mini") || !strings.Contains(l, "o3-mini") {
		t.Errorf("by model: legend %q", l)
	}
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab}) // by key
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if l := legendLine(t, m); m.report.By != "model" || !strings.Contains(l, m.report.Rows[0].Label) {
		t.Errorf("inside a key, by %s: legend %q", m.report.By, l)
	}
	m = m.withSize(t, 60, 24)
	if k := m.stacked(); k != 2 {
		t.Errorf("%d groups stacked at 60 wide, want 2", k)
	}
	if l := legendLine(t, m); strings.Count(l, usageMark) != 3 || ansi.StringWidth(l) > 59 {
		t.Errorf("at 60 wide: legend %q", l)
	}
}

func TestFitNames(t *testing.T) {
	got := fitNames([]string{"a very long project name indeed", "short", "another long name here"}, 30)
	if got[1] != "short" || got[0] != "a very long …" || got[2] != "another lon…" {
		t.Errorf("fitNames = %q", got)
	}
}
