package checks

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/shopspring/decimal"
)

// spendNearLimit is the share of a project's monthly limit past which
// api.billing warns.
const spendNearLimit = 0.8

// SpendLookup finds this month's spend of the key's project with the admin
// key (keyowner.Spend, which cmd wires); the engine takes it as a value for
// the same reason as OwnerRunner. It returns a zero Spend when the admin key
// may not be used.
type SpendLookup func(ctx context.Context, req OwnerRequest) Spend

// Spend is this month's spend of the key's project against its monthly
// limit, for api.billing; the zero value means it was not looked up.
type Spend struct {
	Asked       bool
	ProjectID   string
	ProjectName string
	Spent       decimal.Decimal
	Limit       *decimal.Decimal // nil: none set, or none the API gave back
	Since       time.Time        // the 1st of the month, UTC
	Note        string           // set when the numbers are not known: why
	Fingerprint string           // the key in use
}

// share is the spend as a fraction of the limit; ok is false without one.
func (s Spend) share() (float64, bool) {
	if s.Limit == nil || !s.Limit.IsPositive() {
		return 0, false
	}
	return s.Spent.Div(*s.Limit).InexactFloat64(), true
}

func (s Spend) text() string {
	if s.Note != "" {
		return s.Note
	}
	t := fmt.Sprintf("project %q (%s) spent %s since %s (UTC)", s.ProjectName, s.ProjectID, usdText(s.Spent), s.Since.Format(time.DateOnly))
	if sh, ok := s.share(); ok {
		return t + fmt.Sprintf(", %.0f%% of its %s monthly spend limit", sh*100, usdText(*s.Limit))
	}
	return t + "; no project spend limit is set, or the API did not give it back (the project's Limits page shows it)"
}

func usdText(d decimal.Decimal) string { return "$" + d.StringFixed(2) }

// WithSpend adds the spend to api.billing: a finding always; a warning
// when a passing call leaves the project above spendNearLimit of its
// limit; and, when the call was refused for quota, whether the project's
// limit is what refused it. Text is scrubbed of secrets.
func WithSpend(results []Result, s Spend, secrets ...apikey.Key) []Result {
	if !s.Asked {
		return results
	}
	for i, r := range results {
		if r.ID != APIBilling || r.Status == Skip {
			continue
		}
		f := Finding{Fingerprint: s.Fingerprint, InUse: true, Project: s.ProjectName, ProjectID: s.ProjectID, Note: s.text()}
		if s.Note == "" {
			f.SpendUSD = json.Number(s.Spent.StringFixed(2))
			if s.Limit != nil {
				f.LimitUSD = json.Number(s.Limit.StringFixed(2))
			}
		}
		r.Findings = append(r.Findings, f)
		sh, ok := s.share()
		switch {
		case !ok || s.Note != "":
		case r.Status == Pass && sh >= spendNearLimit:
			fix := fixes[CodeSpendNearLimit]
			r = r.WithWarning(CodeSpendNearLimit, fmt.Sprintf("project %q has spent %s of its %s monthly limit (%.0f%%): calls fail with 429 once it is reached",
				s.ProjectName, usdText(s.Spent), usdText(*s.Limit), sh*100), fix.Do)
			r.URL = fix.URL
		case r.Status == Fail && quotaCode(r.Code) && sh >= 1:
			r.Detail = append(r.Detail, "the project's spend limit is reached ("+usdText(s.Spent)+" of "+usdText(*s.Limit)+" this month): that is what refused the call")
		case r.Status == Fail && quotaCode(r.Code):
			r.Detail = append(r.Detail, "the project's spend limit is not reached ("+usdText(s.Spent)+" of "+usdText(*s.Limit)+" this month): the organization's credits or budget refused the call")
		}
		results[i] = r.Scrub(secrets...)
	}
	return results
}

func quotaCode(c Code) bool {
	return c == CodeInsufficientQuota || c == CodeSpendLimit || c == CodeCreditBalanceExhausted
}
