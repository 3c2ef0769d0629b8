package usage

import (
	"fmt"

	"github.com/clipperhouse/displaywidth"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/shopspring/decimal"
)

// Dollars is an amount for people: "$12.34", "<$0.01" under a cent, "$0.00".
func Dollars(d decimal.Decimal) string {
	if d.IsPositive() && d.LessThan(decimal.New(1, -2)) {
		return "<$0.01"
	}
	return "$" + d.StringFixed(2)
}

// Comparison is the period before and the change: "the 3 days before:
// $1.20 (+15%)"; no change is given when the period before cost nothing.
func (r Report) Comparison() string {
	before := fmt.Sprintf("the %d days before", r.Period.Days())
	if r.Period.Days() == 1 {
		before = "the day before"
	}
	s := before + ": " + Dollars(r.Previous)
	if ch, ok := r.Change(); ok {
		s += fmt.Sprintf(" (%+.0f%%)", ch*100)
	}
	return s
}

// Headline is the period, its total and the comparison, on one line.
func (r Report) Headline() string {
	return fmt.Sprintf("%s: %s spent · %s", r.Period, Dollars(r.Total), r.Comparison())
}

// Clip cuts plain text (no escapes) to w terminal cells, ending in "…"
// when cut; wide characters count as two.
func Clip(s string, w int) string {
	if w < 2 || displaywidth.String(s) <= w {
		return s
	}
	return displaywidth.TruncateString(s, w, "…")
}

// LimitLine says what is known of the project's monthly spend limit, or
// "" when no single project's limit was asked for.
func (r Report) LimitLine() string {
	switch {
	case !r.LimitRead:
		return ""
	case r.Limit == nil:
		return "No project spend limit is set, or the API did not give it back: " + openai.LimitsURL
	}
	return "Project spend limit: " + Dollars(*r.Limit) + " a month."
}
