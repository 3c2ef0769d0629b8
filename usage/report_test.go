package usage

import (
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestReportSumsExactly: amounts that floats would not add up exactly
// (0.1 + 0.2) total exactly, by model from the line item, with the period
// before kept apart.
func TestReportSumsExactly(t *testing.T) {
	p := Period{Since: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	bucket := func(day time.Time, costs ...admin.Cost) admin.Bucket[admin.Cost] {
		return admin.Bucket[admin.Cost]{Start: day, End: day.Add(24 * time.Hour), Results: costs}
	}
	data := Data{Period: p, Costs: []admin.Bucket[admin.Cost]{
		bucket(p.Since.AddDate(0, 0, -1), admin.Cost{Amount: d("5"), LineItem: "gpt-4o, input"}),
		bucket(p.Since, admin.Cost{Amount: d("0.1"), LineItem: "gpt-4o-mini, input"}, admin.Cost{Amount: d("0.2"), LineItem: "gpt-4o-mini, output"}),
		bucket(p.Until, admin.Cost{Amount: d("0.004"), LineItem: "o3-mini, cached input"}),
	}}
	rep := data.Report(ByModel, p.Until.Add(time.Hour))
	if !rep.Total.Equal(d("0.304")) || !rep.Previous.Equal(d("5")) {
		t.Errorf("total %s, previous %s; want 0.304 and 5", rep.Total, rep.Previous)
	}
	if len(rep.Rows) != 2 || rep.Rows[0].Group != "gpt-4o-mini" || !rep.Rows[0].USD.Equal(d("0.3")) || rep.Rows[1].Group != "o3-mini" {
		t.Errorf("rows %+v", rep.Rows)
	}
	if len(rep.Days) != 2 || !rep.Days[1].USD.Equal(d("0.004")) || rep.TodayEmpty {
		t.Errorf("days %+v, today empty %v", rep.Days, rep.TodayEmpty)
	}
	if ch, ok := rep.Change(); !ok || ch > -0.93 || ch < -0.94 {
		t.Errorf("change %v %v, want about -0.939", ch, ok)
	}
}
