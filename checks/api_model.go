package checks

import (
	"fmt"
	"time"

	"github.com/setupkit/openai-setup/probe"
)

func (r *apiRun) model() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIModel)
	}
	m := r.req.Model
	if r.scopes().lacksRequest() {
		return Skipped(APIModel, "", fmt.Sprintf("skipped: the key may not call models (missing model.request, see api.permissions), so %s was not tried", m))
	}
	paid := r.probe(probe.Paid)
	if r.req.NoSpend || paid == nil {
		return r.modelFromLookup("with --no-spend it was not called, and gated models are listed too")
	}
	if paid.Err != nil {
		if r.reachFailed() {
			return skipReach(APIModel)
		}
		res := r.modelFromLookup("the 1-token call got no answer (" + r.transport(paid).Summary + ")")
		if res.Status == Warn {
			res.Code = CodeNotProven
		}
		return res
	}
	v := paid.Verdict
	switch v.Family {
	case probe.FamilyOK:
		return Result{ID: APIModel, Status: Pass, Duration: paid.Elapsed,
			Summary: fmt.Sprintf("the key can use %s (a 1-token call%s succeeded)", m, r.calledNote())}
	case probe.FamilyQuota:
		return Result{ID: APIModel, Status: Pass, Duration: paid.Elapsed,
			Summary: fmt.Sprintf("the key may use %s: the 1-token call%s got as far as billing (see api.billing)", m, r.calledNote())}
	case probe.FamilyVerification:
		return r.apiFail(APIModel, Fail, paid, fmt.Sprintf("%s needs a verified organization: it is listed, but the call%s was refused (HTTP %d)", m, r.calledNote(), paid.Status))
	case probe.FamilyModel:
		return r.apiFail(APIModel, Fail, paid, fmt.Sprintf("model %s does not exist or this key may not use it (HTTP %d model_not_found)", r.called(), paid.Status))
	case probe.FamilyRate, probe.FamilyServer:
		return r.modelFromLookup(fmt.Sprintf("the 1-token call got HTTP %d %s", paid.Status, v.Code))
	case probe.FamilyAuth:
		return r.apiFail(APIModel, Fail, paid, "calling "+m+" is refused: "+r.authSummary(v))
	}
	what := "was rejected"
	if paid.Status >= 200 && paid.Status < 300 {
		what = "proves nothing"
	}
	res := r.apiFail(APIModel, Fail, paid, fmt.Sprintf("the 1-token call to %s %s: HTTP %d%s", r.called(), what, paid.Status, apiGist(v)))
	return unexpected(res, fixFor(CodeUnexpectedResponse, "not_chat").Fill("model", m, "default", DefaultModel))
}

// modelFromLookup judges api.model from the free GET /models/{model}: a
// listed model is only "not proven" (gated models are listed too).
func (r *apiRun) modelFromLookup(why string) Result {
	m := r.req.Model
	p := r.probe(probe.Lookup)
	f := fixFor(CodeNotProven, "")
	if r.req.NoSpend {
		f = fixFor(CodeNotProven, "no_spend")
	}
	notProven := func(summary string, d time.Duration) Result {
		return Result{ID: APIModel, Status: Warn, Code: CodeNotProven, Summary: summary, Duration: d, Fix: f.Do, URL: f.URL}
	}
	if p == nil {
		return notProven(fmt.Sprintf("%s was not checked: %s", m, why), 0)
	}
	if p.Err != nil {
		if r.reachFailed() {
			return skipReach(APIModel)
		}
		return notProven(fmt.Sprintf("%s could not be looked up (%s); %s", m, r.transport(p).Summary, why), p.Elapsed)
	}
	v := p.Verdict
	switch v.Family {
	case probe.FamilyOK:
		return notProven(fmt.Sprintf("%s is listed for this key, not proven usable: %s", m, why), p.Elapsed)
	case probe.FamilyModel:
		return r.apiFail(APIModel, Fail, p, fmt.Sprintf("model %s does not exist or this key may not use it (HTTP %d model_not_found)", m, p.Status))
	case probe.FamilyVerification:
		return r.apiFail(APIModel, Fail, p, fmt.Sprintf("%s needs a verified organization (HTTP %d)", m, p.Status))
	case probe.FamilyScopes:
		res := notProven(fmt.Sprintf("%s could not be looked up (the key lacks Models → Read); %s", m, why), p.Elapsed)
		res.RequestID = v.RequestID
		return res
	}
	res := notProven(fmt.Sprintf("%s could not be looked up (HTTP %d); %s", m, p.Status, why), p.Elapsed)
	res.RequestID = v.RequestID
	res.Detail = r.serverSaid(p)
	return res
}
