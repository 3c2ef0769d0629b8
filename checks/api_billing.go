package checks

import (
	"fmt"

	"github.com/setupkit/openai-setup/probe"
)

func (r *apiRun) billing() Result {
	m := r.called()
	if r.req.NoSpend {
		return Skipped(APIBilling, "", "skipped: --no-spend, so the 1-token call that proves billing was not made")
	}
	if !r.authOK() {
		return r.skipAfterAuth(APIBilling)
	}
	if r.scopes().lacksRequest() {
		return Skipped(APIBilling, "", "skipped: the key may not call models (see api.permissions), so billing could not be tried")
	}
	p := r.probe(probe.Paid)
	if p == nil {
		return Skipped(APIBilling, "", "skipped: the 1-token call was not made")
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
		return Skipped(APIBilling, "", "skipped: api.model failed, so the 1-token call never reached billing")
	case probe.FamilyRate:
		return Skipped(APIBilling, "", "skipped: the 1-token call was rate limited before billing (see api.ratelimit)")
	case probe.FamilyServer:
		return r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got HTTP %d (%s): OpenAI's side, not billing", m, p.Status, v.Code))
	case probe.FamilyAuth:
		return r.apiFail(APIBilling, Fail, p, "the 1-token call was refused: "+r.authSummary(v))
	}
	res := r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got an unexpected answer: HTTP %d%s", m, p.Status, apiGist(v)))
	return unexpected(res, fixFor(CodeUnexpectedResponse, ""))
}

func (r *apiRun) quotaSummary(p *probe.Named) string {
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
