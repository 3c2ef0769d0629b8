package usage

import (
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
)

// TestOnlyNarrowsToTheRow: a project's focus keeps its costs and usage and
// nothing else, summed per model; a line item's focus has no tokens.
func TestOnlyNarrowsToTheRow(t *testing.T) {
	p := Period{Since: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	day := p.Since
	data := Data{Period: p,
		Costs: []admin.Bucket[admin.Cost]{{Start: day, End: day.AddDate(0, 0, 1), Results: []admin.Cost{
			{Amount: d("1.10"), LineItem: "gpt-4o, input", ProjectID: "proj_a", APIKeyID: "key_1"},
			{Amount: d("2.20"), LineItem: "gpt-4o-mini, input", ProjectID: "proj_a", APIKeyID: "key_2"},
			{Amount: d("4.40"), LineItem: "gpt-4o, input", ProjectID: "proj_b", APIKeyID: "key_3"},
		}}},
		Usage: []admin.Bucket[admin.Usage]{{Start: day, End: day.AddDate(0, 0, 1), Results: []admin.Usage{
			{InputTokens: 10, Requests: 1, ProjectID: "proj_a", APIKeyID: "key_1", Model: "gpt-4o"},
			{InputTokens: 20, Requests: 2, ProjectID: "proj_a", APIKeyID: "key_2", Model: "gpt-4o-mini"},
			{InputTokens: 40, Requests: 4, ProjectID: "proj_b", APIKeyID: "key_3", Model: "gpt-4o"},
		}}},
	}
	f := Focus{By: ByProject, Group: "proj_a"}
	if f.Then() != ByModel {
		t.Errorf("inside a project: by %s, want model", f.Then())
	}
	rep := data.Only(f).Report(f.Then(), p.Until)
	if !rep.Total.Equal(d("3.30")) || len(rep.Rows) != 2 || rep.Rows[0].Group != "gpt-4o-mini" || rep.Rows[0].InputTokens != 20 ||
		rep.Rows[1].Group != "gpt-4o" || rep.Rows[1].InputTokens != 10 || rep.Rows[1].Daily[0] != 1.1 {
		t.Errorf("project proj_a by model: total %s, rows %+v", rep.Total, rep.Rows)
	}
	li := data.Only(Focus{By: ByLineItem, Group: "gpt-4o, input"}).Report(ByKey, p.Until)
	if !li.Total.Equal(d("5.50")) || len(li.Rows) != 2 || li.Rows[0].HasTokens || li.Rows[0].InputTokens != 0 {
		t.Errorf("line item by key: total %s, rows %+v", li.Total, li.Rows)
	}
	if len(data.Costs[0].Results) != 3 {
		t.Error("Only changed the data it was given")
	}
}
