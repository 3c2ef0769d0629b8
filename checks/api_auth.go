package checks

import (
	"fmt"
	"strings"

	"github.com/setupkit/openai-setup/probe"
)

// authOK reports whether api.auth passed (or only warned), so the
// dependent checks run.
func (r *apiRun) authOK() bool {
	st := r.result(APIAuth).Status
	return st == Pass || st == Warn
}

func (r *apiRun) auth() Result {
	p := r.probe(probe.List)
	if p == nil {
		return Skipped(APIAuth, "", "skipped: no request was made")
	}
	if p.Err != nil {
		return r.probeFailure(APIAuth, p)
	}
	if r.reachFailed() { // the proxy answered, not the API
		return skipReach(APIAuth)
	}
	v := p.Verdict
	key := r.req.Key.Fingerprint()
	switch v.Family {
	case probe.FamilyOK:
		return Result{ID: APIAuth, Status: Pass, Duration: p.Elapsed,
			Summary: fmt.Sprintf("key %s authenticates; %s", key, r.billsTo(p))}
	case probe.FamilyScopes:
		// A restricted key without Models → Read is still a valid key.
		return Result{ID: APIAuth, Status: Pass, Duration: p.Elapsed,
			Summary: fmt.Sprintf("key %s authenticates (it may not list models: see api.permissions); %s", key, r.billsTo(p))}
	case probe.FamilyQuota:
		return Result{ID: APIAuth, Status: Pass, Duration: p.Elapsed,
			Summary: fmt.Sprintf("key %s authenticates (the API reports a billing problem: see api.billing); %s", key, r.billsTo(p))}
	case probe.FamilyRate:
		res := r.apiFail(APIAuth, Warn, p, fmt.Sprintf("key %s was recognised, but GET /models was rate limited%s", key, apiRetryText(v.RetryAfter)))
		return res
	case probe.FamilyAuth:
		return r.apiFail(APIAuth, Fail, p, r.authSummary(v))
	case probe.FamilyRegion:
		return r.apiFail(APIAuth, Fail, p, "the API refuses requests from your country or region (HTTP 403 unsupported_country_region_territory)")
	case probe.FamilyServer:
		what := "a server error"
		if Code(v.Code) == CodeOverloaded {
			what = "overloaded"
		}
		return r.apiFail(APIAuth, Fail, p, fmt.Sprintf("%s answered HTTP %d (%s): this is not a problem with your key", r.base.Host, p.Status, what))
	case probe.FamilyNotFound:
		res := r.apiFail(APIAuth, Fail, p, fmt.Sprintf("%s has no %s/models (HTTP 404): the base URL looks wrong", r.base.Host, strings.TrimRight(r.base.Path, "/")))
		res.Fix, res.URL = fixFor(CodeUnexpectedResponse, "not_found").Do, ""
		return res
	}
	res := r.apiFail(APIAuth, Fail, p, fmt.Sprintf("unexpected answer to GET /models: HTTP %d%s", p.Status, apiGist(v)))
	switch {
	case p.Status >= 200 && p.Status < 300:
		res.Summary = fmt.Sprintf("%s answered GET /models with HTTP %d but not with the API's list of models: is it an OpenAI-compatible API?", r.base.Host, p.Status)
		return unexpected(res, fixFor(CodeUnexpectedResponse, "not_api"))
	case v.NoKeySent:
		res.Summary = "the server says no API key arrived: something between you and the API removed the Authorization header"
		return unexpected(res, fixFor(CodeUnexpectedResponse, "key_stripped"))
	case !v.JSON:
		res.Summary = fmt.Sprintf("%s answered HTTP %d with %s, not the API's JSON (a proxy or gateway page); not a key problem", r.base.Host, p.Status, apiNonEmpty(v.Message, "a non-JSON body"))
		return unexpected(res, fixFor(CodeUnexpectedResponse, "proxy_page"))
	}
	return unexpected(res, fixFor(CodeUnexpectedResponse, ""))
}
