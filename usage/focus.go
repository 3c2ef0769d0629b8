package usage

import "github.com/setupkit/openai-setup/admin"

// Focus narrows a report to one group of one grouping: a row picked in
// the view (a project, a model, a key or a line item).
type Focus struct {
	By    By
	Group string // the row's Group
	Label string // the row's Label, to say what is shown
}

// Then is the grouping that says most inside the focus: a project's
// models, a model's keys, a key's models, a line item's keys.
func (f Focus) Then() By {
	switch f.By {
	case ByProject, ByKey:
		return ByModel
	}
	return ByKey
}

// Only keeps the costs and usage of the focused group. Usage has no line
// items, so inside a line item no tokens are known: usage is dropped and
// the rows say they have none, rather than show the whole model's.
func (d Data) Only(f Focus) Data {
	out := d
	out.Costs = keepResults(d.Costs, func(c admin.Cost) bool { return costGroup(f.By, c) == f.Group })
	if f.By == ByLineItem {
		out.Usage, out.NoTokens = nil, true
		return out
	}
	out.Usage = keepResults(d.Usage, func(u admin.Usage) bool { return usageGroup(f.By, u) == f.Group })
	return out
}

func keepResults[R any](bs []admin.Bucket[R], keep func(R) bool) []admin.Bucket[R] {
	out := make([]admin.Bucket[R], len(bs))
	for i, b := range bs {
		out[i] = admin.Bucket[R]{Start: b.Start, End: b.End}
		for _, r := range b.Results {
			if keep(r) {
				out[i].Results = append(out[i].Results, r)
			}
		}
	}
	return out
}
