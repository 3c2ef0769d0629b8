package checks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
	"github.com/shopspring/decimal"
)

func (r *apiRun) billing() Result {
	m := r.called()
	if r.req.NoSpend {
		return skipped(APIBilling, "", "skipped: --no-spend, so the 1-token call that proves billing was not made")
	}
	if !r.authOK() {
		return r.skipAfterAuth(APIBilling)
	}
	if r.scopes().lacksRequest() {
		return skipped(APIBilling, "", "skipped: the key may not call models (see api.permissions), so billing could not be tried")
	}
	p := r.probe(apiProbePaid)
	if p == nil {
		return skipped(APIBilling, "", "skipped: the 1-token call was not made")
	}
	if p.Err != nil {
		return r.probeFailure(APIBilling, p)
	}
	v := p.Verdict
	switch v.Family {
	case probe.FamilyOK:
		return Result{ID: APIBilling, Status: Pass, Duration: p.Elapsed,
			Summary: fmt.Sprintf("a 1-token call to %s was accepted: billing works (%s)", m, r.billsTo(p))}
	case probe.FamilyQuota:
		return r.apiFail(APIBilling, Fail, p, "the 1-token call to "+m+" was refused for billing: "+r.quotaSummary(p))
	case probe.FamilyModel, probe.FamilyVerification:
		return skipped(APIBilling, "", "skipped: api.model failed, so the 1-token call never reached billing")
	case probe.FamilyRate:
		return skipped(APIBilling, "", "skipped: the 1-token call was rate limited before billing (see api.ratelimit)")
	case probe.FamilyServer:
		return r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got HTTP %d (%s): OpenAI's side, not billing", m, p.Status, v.Code))
	case probe.FamilyAuth:
		return r.apiFail(APIBilling, Fail, p, "the 1-token call was refused: "+r.authSummary(v))
	}
	res := r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got an unexpected answer: HTTP %d%s", m, p.Status, apiGist(v)))
	res.Code = CodeUnexpectedResponse
	f := fixFor(CodeUnexpectedResponse, "")
	res.Fix, res.URL = f.Do, f.URL
	return res
}

func (r *apiRun) quotaSummary(p *apiProbe) string {
	v := p.Verdict
	org := r.billsTo(p)
	switch v.Code {
	case "credit_balance_exhausted":
		return "no credits left: the prepaid balance is zero (HTTP 429 credit_balance_exhausted); " + org
	case "spend_limit":
		what := "a monthly spend limit was reached"
		switch v.APICode {
		case "project_spend_limit_exceeded":
			what = "the project's monthly budget was reached"
		case "organization_spend_limit_exceeded":
			what = "the organization's monthly budget was reached"
		case "organization_usage_limit_exceeded":
			what = "the organization reached its usage tier's monthly limit"
		case "billing_hard_limit_reached":
			what = "the billing hard limit was reached"
		}
		return fmt.Sprintf("%s (HTTP %d %s); %s", what, p.Status, probe.Sanitize(v.APICode), org)
	case "billing_not_active":
		return fmt.Sprintf("billing is not active for this organization (HTTP %d billing_not_active); %s", p.Status, org)
	}
	return fmt.Sprintf("out of quota: no credits or over a limit (HTTP %d insufficient_quota); %s", p.Status, org)
}

// spendNearLimit is the share of a project's monthly limit past which
// api.billing warns.
const spendNearLimit = 0.8

// billingSpend is this month's spend of the key's project, against its
// monthly limit, for api.billing; zero when it was not looked up.
type billingSpend struct {
	asked   bool
	project admin.Project
	spent   decimal.Decimal
	limit   *decimal.Decimal // nil: none set, or none the API gave back
	since   time.Time
	note    string // set when the numbers are not known: why
	fp      string
	keys    []apikey.Key // scrubbed from the text
}

// lookUpSpend starts the spend lookup beside the probes (when asked and
// an admin key may be used, as key.owner decides) and returns a function
// that waits for it.
func lookUpSpend(ctx context.Context, o ownerRequest, asked bool) func() billingSpend {
	if !asked || o.AdminKey.IsZero() || o.AdminKey.Kind() != apikey.KindAdmin || !o.Trusted {
		return func() billingSpend { return billingSpend{} }
	}
	if u, err := url.Parse(o.BaseURL); err != nil || u.Scheme != "https" && !loopback(u.Hostname()) {
		return func() billingSpend { return billingSpend{} }
	}
	done := make(chan billingSpend, 1)
	go func() { done <- projectSpend(ctx, o) }()
	return func() billingSpend { return <-done }
}

// projectSpend finds the key's project in the admin listings and sums its
// costs since the 1st of this month (UTC), then reads its spend limit.
func projectSpend(ctx context.Context, o ownerRequest) billingSpend {
	s := billingSpend{asked: true, fp: o.Key.Fingerprint(), keys: []apikey.Key{o.Key, o.AdminKey}, since: time.Date(o.Now.UTC().Year(), o.Now.UTC().Month(), 1, 0, 0, 0, 0, time.UTC)}
	c := admin.New(o.Client, o.BaseURL, o.AdminKey)
	listed, err := c.AllKeys(ctx)
	if err != nil {
		s.note = "this month's spend was not looked up: the admin key could not list the organization's keys (see key.owner)"
		return s
	}
	found := admin.Matching(listed, o.Key)
	if len(found) != 1 {
		s.note = "this month's spend was not looked up: which project the key is in could not be told (see key.owner)"
		return s
	}
	s.project = found[0].Project
	costs, err := c.Costs(ctx, admin.CostsQuery{Start: s.since, End: o.Now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour),
		GroupBy: []string{"project_id"}, ProjectIDs: []string{s.project.ID}})
	var apiErr *admin.Error
	switch {
	case errors.As(err, &apiErr) && slices.Contains(apiErr.MissingScopes(), admin.ScopeUsageRead):
		s.note = "this month's spend is not shown: the admin key in " + openai.EnvAdminKey + " lacks the " + admin.ScopeUsageRead +
			" permission (give it usage access, read-only is enough, at " + openai.AdminKeysURL + ")"
		return s
	case err != nil:
		s.note = "this month's spend is not shown: the costs could not be fetched whole (" + err.Error() + ")"
		return s
	}
	for _, b := range costs {
		for _, r := range b.Results {
			if r.ProjectID == s.project.ID {
				s.spent = s.spent.Add(r.Amount)
			}
		}
	}
	if l, err := c.GetSpendLimit(ctx, s.project.ID); err == nil {
		v := decimal.New(l.Cents, -2)
		s.limit = &v
	}
	return s
}

// share is the spend as a fraction of the limit; ok is false without one.
func (s billingSpend) share() (float64, bool) {
	if s.limit == nil || !s.limit.IsPositive() {
		return 0, false
	}
	return s.spent.Div(*s.limit).InexactFloat64(), true
}

func (s billingSpend) text() string {
	if s.note != "" {
		return s.note
	}
	t := fmt.Sprintf("project %q (%s) spent %s since %s (UTC)", s.project.Name, s.project.ID, usdText(s.spent), s.since.Format(time.DateOnly))
	if sh, ok := s.share(); ok {
		return t + fmt.Sprintf(", %.0f%% of its %s monthly spend limit", sh*100, usdText(*s.limit))
	}
	return t + "; no project spend limit is set, or the API did not give it back (the project's Limits page shows it)"
}

func usdText(d decimal.Decimal) string { return "$" + d.StringFixed(2) }

// withSpend adds the spend to api.billing: a finding always; a warning
// when a passing call leaves the project above spendNearLimit of its
// limit; and, when the call was refused for quota, whether the project's
// limit is what refused it.
func withSpend(results []Result, s billingSpend) []Result {
	if !s.asked {
		return results
	}
	for i, r := range results {
		if r.ID != APIBilling || r.Status == Skip {
			continue
		}
		f := Finding{Fingerprint: s.fp, InUse: true, Project: s.project.Name, ProjectID: s.project.ID, Note: s.text()}
		if s.note == "" {
			f.SpendUSD = json.Number(s.spent.StringFixed(2))
			if s.limit != nil {
				f.LimitUSD = json.Number(s.limit.StringFixed(2))
			}
		}
		r.Findings = append(r.Findings, f)
		sh, ok := s.share()
		switch {
		case !ok || s.note != "":
		case r.Status == Pass && sh >= spendNearLimit:
			fix := fixes[CodeSpendNearLimit]
			r = r.withWarning(CodeSpendNearLimit, fmt.Sprintf("project %q has spent %s of its %s monthly limit (%.0f%%): calls fail with 429 once it is reached",
				s.project.Name, usdText(s.spent), usdText(*s.limit), sh*100), fix.Do)
			r.URL = fix.URL
		case r.Status == Fail && quotaCode(r.Code) && sh >= 1:
			r.Detail = append(r.Detail, "the project's spend limit is reached ("+usdText(s.spent)+" of "+usdText(*s.limit)+" this month): that is what refused the call")
		case r.Status == Fail && quotaCode(r.Code):
			r.Detail = append(r.Detail, "the project's spend limit is not reached ("+usdText(s.spent)+" of "+usdText(*s.limit)+" this month): the organization's credits or budget refused the call")
		}
		results[i] = scrubResult(r, s.keys...)
	}
	return results
}

func quotaCode(c Code) bool {
	return c == CodeInsufficientQuota || c == CodeSpendLimit || c == CodeCreditBalanceExhausted
}
