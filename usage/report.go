package usage

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/shopspring/decimal"
)

// By is what a report groups rows by.
type By string

const (
	ByProject  By = "project"
	ByModel    By = "model"
	ByKey      By = "key"
	ByLineItem By = "line-item"
)

// Groupings are the groupings in the order tab cycles through them.
var Groupings = []By{ByProject, ByModel, ByKey, ByLineItem}

// ParseBy checks a --by value.
func ParseBy(s string) (By, bool) {
	for _, b := range Groupings {
		if string(b) == s {
			return b, true
		}
	}
	return "", false
}

// KeyName is how a project key is known: its name and the redacted value
// the dashboard shows.
type KeyName struct {
	Name, Redacted, ProjectID string
	ThisFolder                bool // the key this folder's OPENAI_API_KEY holds
}

// Names labels ids: project names and key names, where known.
type Names struct {
	Projects map[string]string
	Keys     map[string]KeyName
}

// Data is what was fetched: costs for the period and the one before it,
// completions usage for the period, daily.
type Data struct {
	Period Period
	Costs  []admin.Bucket[admin.Cost]
	Usage  []admin.Bucket[admin.Usage]
	Names  Names
	// NoTokens: the usage is not known for what is shown (inside a line
	// item), so rows have no tokens.
	NoTokens bool
	// Limit is the one project's monthly spend limit when a project was
	// asked for and its limit read (nil: none set, or none given back).
	// LimitRead says the limit was asked for and answered.
	Limit     *decimal.Decimal
	LimitRead bool
}

// Row is one group's spend and use.
type Row struct {
	Group, Label string
	USD          decimal.Decimal
	Share        float64 // of the period's total, 0–1
	HasTokens    bool    // false by line item: usage is not given per line item
	InputTokens  int64
	OutputTokens int64
	CachedTokens int64
	Requests     int64
	ThisFolder   bool
	// Daily is the group's spend per day of the period, as floats: for
	// drawing (a sparkline) only; the amounts shown are USD.
	Daily []float64
}

// Day is one UTC day's spend.
type Day struct {
	Date time.Time
	USD  decimal.Decimal
}

// Report is a period's spend, grouped.
type Report struct {
	Period          Period
	By              By
	Total, Previous decimal.Decimal
	Rows            []Row
	Days            []Day
	TodayEmpty      bool // the period includes today, and today shows nothing yet
	Limit           *decimal.Decimal
	LimitRead       bool
}

// Change is the total's change from the period before, as a fraction;
// ok is false when the period before cost nothing.
func (r Report) Change() (float64, bool) {
	if r.Previous.IsZero() {
		return 0, false
	}
	return r.Total.Sub(r.Previous).Div(r.Previous).InexactFloat64(), true
}

// Report groups the data by b.
func (d Data) Report(b By, now time.Time) Report {
	rep := Report{Period: d.Period, By: b, Limit: d.Limit, LimitRead: d.LimitRead}
	start, end, prevStart := d.Period.Start(), d.Period.End(), d.Period.Before().Start()
	daily := make([]decimal.Decimal, d.Period.Days())
	rows := map[string]*Row{}
	row := func(group string) *Row {
		r := rows[group]
		if r == nil {
			r = &Row{Group: group, Label: d.label(b, group), HasTokens: b != ByLineItem && !d.NoTokens, Daily: make([]float64, len(daily))}
			if b == ByKey {
				r.ThisFolder = d.Names.Keys[group].ThisFolder
			}
			rows[group] = r
		}
		return r
	}
	for _, bk := range d.Costs {
		for _, c := range bk.Results {
			switch {
			case !bk.Start.Before(start) && bk.Start.Before(end):
				i := int(bk.Start.Sub(start) / day)
				rep.Total = rep.Total.Add(c.Amount)
				daily[i] = daily[i].Add(c.Amount)
				r := row(costGroup(b, c))
				r.USD = r.USD.Add(c.Amount)
				r.Daily[i] += c.Amount.InexactFloat64()
			case !bk.Start.Before(prevStart) && bk.Start.Before(start):
				rep.Previous = rep.Previous.Add(c.Amount)
			}
		}
	}
	if b != ByLineItem && !d.NoTokens {
		for _, bk := range d.Usage {
			if bk.Start.Before(start) || !bk.Start.Before(end) {
				continue
			}
			for _, u := range bk.Results {
				r := row(usageGroup(b, u))
				r.InputTokens += u.InputTokens
				r.OutputTokens += u.OutputTokens
				r.CachedTokens += u.CachedTokens
				r.Requests += u.Requests
			}
		}
	}
	for i, usd := range daily {
		rep.Days = append(rep.Days, Day{Date: start.AddDate(0, 0, i), USD: usd})
	}
	today := now.UTC().Truncate(day)
	if i := int(today.Sub(start) / day); !today.Before(start) && i < len(daily) {
		rep.TodayEmpty = daily[i].IsZero()
	}
	for _, r := range rows {
		if !rep.Total.IsZero() {
			r.Share = r.USD.Div(rep.Total).Round(4).InexactFloat64()
		}
		rep.Rows = append(rep.Rows, *r)
	}
	slices.SortFunc(rep.Rows, func(a, b Row) int {
		if c := b.USD.Cmp(a.USD); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Requests, a.Requests); c != 0 {
			return c
		}
		return cmp.Compare(a.Label, b.Label)
	})
	return rep
}

// Model is the model a line item is for: the text before its first comma
// ("gpt-4o-mini, input" → "gpt-4o-mini").
func Model(lineItem string) string {
	m, _, _ := strings.Cut(lineItem, ",")
	return strings.TrimSpace(m)
}

func costGroup(b By, c admin.Cost) string {
	switch b {
	case ByModel:
		return Model(c.LineItem)
	case ByKey:
		return c.APIKeyID
	case ByLineItem:
		return c.LineItem
	}
	return c.ProjectID
}

func usageGroup(b By, u admin.Usage) string {
	switch b {
	case ByModel:
		return u.Model
	case ByKey:
		return u.APIKeyID
	}
	return u.ProjectID
}

func (d Data) label(b By, group string) string {
	switch b {
	case ByProject:
		if group == "" {
			return "(no project)"
		}
		if n := d.Names.Projects[group]; n != "" {
			return n
		}
	case ByKey:
		if group == "" {
			return "(not tied to a key)"
		}
		if k, ok := d.Names.Keys[group]; ok {
			label := k.Name + " " + k.Redacted
			if p := d.Names.Projects[k.ProjectID]; p != "" {
				label += " · " + p
			}
			return strings.TrimSpace(label)
		}
	case ByModel, ByLineItem:
		if group == "" {
			return "(unnamed)"
		}
	}
	return group
}
