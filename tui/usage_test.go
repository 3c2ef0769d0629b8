package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/usage"
	"github.com/shopspring/decimal"
)

var usageNow = time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC)

// usageData is keys × days of made-up spend in December 2026 (and the
// month before, for the comparison), three models, today empty.
func usageData(keys, days int) usage.Data {
	p := usage.Period{Since: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	p.Until = p.Since.AddDate(0, 0, days-1)
	d := usage.Data{Period: p, Names: usage.Names{Projects: map[string]string{"proj_a": "Web app", "proj_b": "Batch jobs"}, Keys: map[string]usage.KeyName{}}}
	models := []string{"gpt-4o-mini", "gpt-4o", "o3-mini"}
	for k := range keys {
		id := fmt.Sprintf("key_%04d", k)
		d.Names.Keys[id] = usage.KeyName{Name: fmt.Sprintf("key %d", k), Redacted: fmt.Sprintf("sk-proj-****…%04d", k), ProjectID: "proj_a", ThisFolder: k == 1}
	}
	for i := -days; i < days; i++ {
		day := p.Since.AddDate(0, 0, i)
		if !day.Before(usageNow.Truncate(24 * time.Hour)) {
			continue // today: nothing yet
		}
		cb := admin.Bucket[admin.Cost]{Start: day, End: day.AddDate(0, 0, 1)}
		ub := admin.Bucket[admin.Usage]{Start: day, End: day.AddDate(0, 0, 1)}
		for k := range keys {
			proj := []string{"proj_a", "proj_b"}[k%2]
			m := models[(k+i+days)%3]
			cents := int64(((k*7+i*13+days*13)%97 + 1) * (1 + (i+days)%7))
			cb.Results = append(cb.Results, admin.Cost{Amount: decimal.New(cents, -2), LineItem: m + ", input", ProjectID: proj, APIKeyID: fmt.Sprintf("key_%04d", k)})
			ub.Results = append(ub.Results, admin.Usage{InputTokens: cents * 1000, OutputTokens: cents * 300, Requests: cents, ProjectID: proj, APIKeyID: fmt.Sprintf("key_%04d", k), Model: m})
		}
		d.Costs = append(d.Costs, cb)
		if i >= 0 {
			d.Usage = append(d.Usage, ub)
		}
	}
	return d
}

func usageModel(keys, days int, fetch func(context.Context, usage.Period) (usage.Data, error)) UsageModel {
	return NewUsage(UsageOptions{Data: usageData(keys, days), Now: func() time.Time { return usageNow },
		BillingURL: "https://platform.openai.com/settings/organization/billing/overview", Fetch: fetch})
}

func usageUpdate(t *testing.T, m UsageModel, msg tea.Msg) (UsageModel, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(UsageModel), cmd
}

func usageScreen(m UsageModel) string { return ansi.Strip(m.View().Content) }

func TestUsageGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, by := range []string{"project", "key", "filtered"} {
			t.Run(fmt.Sprintf("%s_%dx%d", by, sz[0], sz[1]), func(t *testing.T) {
				m := usageModel(12, 31, nil)
				m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				m, _ = usageUpdate(t, m, tea.ColorProfileMsg{Profile: colorprofile.TrueColor}) // stacked, a legend
				switch by {
				case "key":
					m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
					m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
				case "filtered": // the second project's models
					m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyDown})
					m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
				}
				out := usageScreen(m)
				lines := strings.Split(out, "\n")
				if len(lines) > sz[1] {
					t.Errorf("%d lines on a %d-line terminal", len(lines), sz[1])
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("line %d wide on a %d-wide terminal: %q", w, sz[0], l)
					}
				}
				golden.RequireEqual(t, []byte(trimRight(out)))
			})
		}
	}
}

func TestUsageTabCyclesGroupings(t *testing.T) {
	m := usageModel(3, 7, nil)
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	var seen []string
	for range usage.Groupings {
		seen = append(seen, string(m.report.By))
		m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	}
	if strings.Join(seen, ",") != "project,model,key,line-item" || m.report.By != usage.ByProject {
		t.Errorf("tab went %v then %s", seen, m.report.By)
	}
	if !strings.Contains(usageScreen(m), "PROJECT") {
		t.Error("the table does not say what it groups by")
	}
}

// TestUsageArrowsFetchThroughTheOption: ← asks Fetch for the period before;
// its answer replaces the data; a failure keeps the old numbers and says so.
func TestUsageArrowsFetchThroughTheOption(t *testing.T) {
	var asked []usage.Period
	fail := false
	fetch := func(_ context.Context, p usage.Period) (usage.Data, error) {
		asked = append(asked, p)
		if fail {
			return usage.Data{}, errors.New("no answer within 30s")
		}
		d := usageData(2, 7)
		d.Period = p
		return d, nil
	}
	m := usageModel(2, 7, fetch)
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyLeft})
	if cmd == nil || !strings.Contains(usageScreen(m), "Fetching 2026-11-24 – 2026-11-30") {
		t.Fatalf("← did not start a fetch:\n%s", usageScreen(m))
	}
	m, _ = usageUpdate(t, m, cmd())
	if len(asked) != 1 || asked[0].Since.Format(time.DateOnly) != "2026-11-24" || !strings.Contains(usageScreen(m), "2026-11-24 – 2026-11-30") {
		t.Errorf("asked %v; screen:\n%s", asked, usageScreen(m))
	}
	fail = true
	m, cmd = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyRight})
	m, _ = usageUpdate(t, m, cmd())
	if !strings.Contains(usageScreen(m), "Could not fetch that period") || !strings.Contains(usageScreen(m), "2026-11-24 – 2026-11-30") {
		t.Errorf("a failed fetch:\n%s", usageScreen(m))
	}
}

func TestUsageRightStopsAtToday(t *testing.T) {
	called := false
	m := usageModel(2, 31, func(context.Context, usage.Period) (usage.Data, error) { called = true; return usage.Data{}, nil })
	_, cmd := usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyRight})
	if cmd != nil || called {
		t.Error("→ fetched a period in the future")
	}
}

func TestUsageQuits(t *testing.T) {
	for _, tc := range []struct {
		key       tea.KeyPressMsg
		interrupt bool
	}{{tea.KeyPressMsg{Code: 'q', Text: "q"}, false}, {tea.KeyPressMsg{Code: tea.KeyEscape}, false}, {tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, true}} {
		_, cmd := usageUpdate(t, usageModel(1, 3, nil), tc.key)
		if cmd == nil {
			t.Fatalf("%s: no command", tc.key)
		}
		msg := cmd()
		_, quit := msg.(tea.QuitMsg)
		_, interrupt := msg.(tea.InterruptMsg)
		if quit == tc.interrupt || interrupt != tc.interrupt {
			t.Errorf("%s: %T, want interrupt=%v", tc.key, msg, tc.interrupt)
		}
	}
}

// BenchmarkUsageView renders 1,000 keys × 31 days grouped by key, the
// chart stacked.
func BenchmarkUsageView(b *testing.B) {
	m := usageModel(1000, 31, nil)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	next, _ = next.Update(tea.ColorProfileMsg{Profile: colorprofile.TrueColor}) // the stacked chart
	m = next.(UsageModel)
	for range 2 {
		next, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
		m = next.(UsageModel)
	}
	b.ResetTimer()
	for b.Loop() {
		next, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyTab}) // regroup: the report is rebuilt
		_ = next.(UsageModel).View()
	}
}

// TestUsageLabelsAreSafe: a project name carrying an escape sequence or a
// pasted key reaches the screen as neither.
func TestUsageLabelsAreSafe(t *testing.T) {
	key := "sk-proj-" + strings.Repeat("A1b2", 20) + "T3BlbkFJ" + strings.Repeat("c3D4", 20)
	d := usageData(2, 3)
	d.Names.Projects["proj_a"] = "evil\x1b]52;c;aGk=\x07 " + key
	m := NewUsage(UsageOptions{Data: d, Now: func() time.Time { return usageNow }})
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	out := m.View().Content
	if strings.Contains(out, "\x1b]52") || strings.Contains(out, key) || strings.Contains(out, key[:40]) {
		t.Errorf("unsafe label reached the screen: %q", out)
	}
}

// TestUsageEnterFiltersToTheRow: enter on a project shows its models and
// says so; the totals are the project's; backspace goes back to the
// projects with the cursor on the one entered, and esc then quits.
func TestUsageEnterFiltersToTheRow(t *testing.T) {
	m := usageModel(12, 31, nil)
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	all := m.report
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyDown})
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyDown}) // stays on the last row
	if m.cursor != 1 {
		t.Fatalf("cursor %d after ↓↓ on two rows", m.cursor)
	}
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	entered := all.Rows[1]
	if m.report.By != usage.ByModel || !m.report.Total.Equal(entered.USD) || len(m.report.Rows) != 3 {
		t.Errorf("inside %s: by %s, total %s (want %s), %d rows", entered.Label, m.report.By, m.report.Total, entered.USD, len(m.report.Rows))
	}
	if out := usageScreen(m); !strings.Contains(out, "Only project "+entered.Label+" · esc back") || !strings.Contains(out, "MODEL") {
		t.Errorf("the filter is not shown:\n%s", out)
	}
	m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEnter}) // a model inside the project: its keys
	if m.report.By != usage.ByKey || len(m.focus) != 2 || !strings.Contains(usageScreen(m), "Only project "+entered.Label+" › model ") {
		t.Errorf("second enter: by %s, focus %v", m.report.By, m.focus)
	}
	m, cmd := usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	m, cmd2 := usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if cmd != nil || cmd2 != nil || len(m.focus) != 0 || m.report.By != usage.ByProject || !m.report.Total.Equal(all.Total) || m.cursor != 1 {
		t.Errorf("after backspace and esc: focus %v, by %s, total %s, cursor %d", m.focus, m.report.By, m.report.Total, m.cursor)
	}
	if strings.Contains(usageScreen(m), "Only ") {
		t.Error("the filter line stays after it was cleared")
	}
	if _, cmd = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyEscape}); cmd == nil {
		t.Error("esc without a filter does not quit")
	}
}

// TestUsageCursorScrolls: ↓ past the rows shown moves the window, and the
// line under the table says which rows are shown.
func TestUsageCursorScrolls(t *testing.T) {
	m := usageModel(40, 31, nil)
	m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for range 2 {
		m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	}
	for range 20 {
		m, _ = usageUpdate(t, m, tea.KeyPressMsg{Code: tea.KeyDown})
	}
	out := usageScreen(m)
	want := "› " + safeLabel(m.report.Rows[20].Label)[:10]
	if !strings.Contains(out, want) || !strings.Contains(out, "of 40 (↑/↓") || strings.Contains(out, "rows 1–") {
		t.Errorf("cursor on row 21: want %q in view:\n%s", want, out)
	}
}

// TestUsageHeaderLimit: a project's limit, when read, is in the header;
// when read and none is set, the header says so; unread, nothing.
func TestUsageHeaderLimit(t *testing.T) {
	limit := decimal.New(2000, -2)
	for _, tc := range []struct {
		limit *decimal.Decimal
		read  bool
		want  string
	}{{&limit, true, "Project spend limit: $20.00 a month."}, {nil, true, "No project spend limit is set"}, {nil, false, ""}} {
		d := usageData(2, 7)
		d.Limit, d.LimitRead = tc.limit, tc.read
		m := NewUsage(UsageOptions{Data: d, Now: func() time.Time { return usageNow }})
		m, _ = usageUpdate(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		out := usageScreen(m)
		if tc.want != "" && !strings.Contains(out, tc.want) || tc.want == "" && strings.Contains(out, "spend limit") {
			t.Errorf("limit %v read %v: want %q in:\n%s", tc.limit, tc.read, tc.want, out)
		}
	}
}
