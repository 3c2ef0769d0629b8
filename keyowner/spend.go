package keyowner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/shopspring/decimal"
)

// spendNearLimit is the share of a project's monthly limit past which
// api.billing warns.
const spendNearLimit = 0.8

// Spend finds this month's spend of the key's project for api.billing: the
// project from the admin listings, its costs since the 1st (UTC) summed
// exactly, and its spend limit read back. It returns what to apply to the
// API results (withSpend); nothing is looked up, and they are left as they
// are, when the admin key may not be used (none, another kind of key, a
// base URL from a file, plain http), as Owner decides.
func (l *Lookup) Spend(ctx context.Context, o checks.OwnerRequest) func([]checks.Result) []checks.Result {
	s := l.spendOf(ctx, o)
	return func(rs []checks.Result) []checks.Result { return withSpend(rs, s, o.Key, o.AdminKey) }
}

// spend is this month's spend of the key's project against its monthly
// limit; the zero value means it was not looked up.
type spend struct {
	Asked       bool
	ProjectID   string
	ProjectName string
	Spent       decimal.Decimal
	Limit       *decimal.Decimal // nil: none set, or none the API gave back
	Since       time.Time        // the 1st of the month, UTC
	Note        string           // set when the numbers are not known: why
	Fingerprint string           // the key in use
}

func (l *Lookup) spendOf(ctx context.Context, o checks.OwnerRequest) spend {
	if refusal(o) != nil || !parses(o.BaseURL) {
		return spend{}
	}
	now := o.Now.UTC()
	s := spend{Asked: true, Fingerprint: o.Key.Fingerprint(), Since: time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)}
	listed, err := l.keys(ctx, o)
	if err != nil {
		s.Note = "this month's spend was not looked up: the admin key could not list the organization's keys (see key.owner)"
		return s
	}
	found := admin.Matching(listed, o.Key)
	if len(found) != 1 {
		s.Note = "this month's spend was not looked up: which project the key is in could not be told (see key.owner)"
		return s
	}
	s.ProjectID, s.ProjectName = found[0].Project.ID, found[0].Project.Name
	c := admin.New(o.Client, o.BaseURL, o.AdminKey)
	costs, err := c.Costs(ctx, admin.CostsQuery{Start: s.Since, End: now.Truncate(24 * time.Hour).Add(24 * time.Hour),
		GroupBy: []string{"project_id"}, ProjectIDs: []string{s.ProjectID}})
	var apiErr *admin.Error
	switch {
	case errors.As(err, &apiErr) && slices.Contains(apiErr.MissingScopes(), admin.ScopeUsageRead):
		s.Note = "this month's spend is not shown: the admin key in " + openai.EnvAdminKey + " lacks the " + admin.ScopeUsageRead +
			" permission (give it usage access, read-only is enough, at " + openai.AdminKeysURL + ")"
		return s
	case err != nil:
		s.Note = "this month's spend is not shown: the costs could not be fetched whole (" + err.Error() + ")"
		return s
	}
	for _, b := range costs {
		for _, r := range b.Results {
			if r.ProjectID == s.ProjectID {
				s.Spent = s.Spent.Add(r.Amount)
			}
		}
	}
	if l, err := c.GetSpendLimit(ctx, s.ProjectID); err == nil {
		v := decimal.New(l.Cents, -2)
		s.Limit = &v
	}
	return s
}

// share is the spend as a fraction of the limit; ok is false without one.
func (s spend) share() (float64, bool) {
	if s.Limit == nil || !s.Limit.IsPositive() {
		return 0, false
	}
	return s.Spent.Div(*s.Limit).InexactFloat64(), true
}

func (s spend) text() string {
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

// withSpend adds the spend to api.billing: a finding always; a warning
// when a passing call leaves the project above spendNearLimit of its
// limit; and, when the call was refused for quota, whether the project's
// limit is what refused it. Text is scrubbed of secrets.
func withSpend(results []checks.Result, s spend, secrets ...apikey.Key) []checks.Result {
	if !s.Asked {
		return results
	}
	for i, r := range results {
		if r.ID != checks.APIBilling || r.Status == checks.Skip {
			continue
		}
		f := checks.Finding{Fingerprint: s.Fingerprint, InUse: true, Project: s.ProjectName, ProjectID: s.ProjectID, Note: s.text()}
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
		case r.Status == checks.Pass && sh >= spendNearLimit:
			fix := checks.FixFor(checks.CodeSpendNearLimit, "")
			r = r.WithWarning(checks.CodeSpendNearLimit, fmt.Sprintf("project %q has spent %s of its %s monthly limit (%.0f%%): calls fail with 429 once it is reached",
				s.ProjectName, usdText(s.Spent), usdText(*s.Limit), sh*100), fix.Do)
			r.URL = fix.URL
		case r.Status == checks.Fail && quotaCode(r.Code) && sh >= 1:
			r.Detail = append(r.Detail, "the project's spend limit is reached ("+usdText(s.Spent)+" of "+usdText(*s.Limit)+" this month): that is what refused the call")
		case r.Status == checks.Fail && quotaCode(r.Code):
			r.Detail = append(r.Detail, "the project's spend limit is not reached ("+usdText(s.Spent)+" of "+usdText(*s.Limit)+" this month): the organization's credits or budget refused the call")
		}
		results[i] = r.Scrub(secrets...)
	}
	return results
}

func quotaCode(c checks.Code) bool {
	return c == checks.CodeInsufficientQuota || c == checks.CodeSpendLimit || c == checks.CodeCreditBalanceExhausted
}
