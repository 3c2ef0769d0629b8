package checks

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/probe"
)

// result builds one check's result from the probes.
func (r *apiRun) result(id string) Result {
	if r.baseFailure != nil {
		if id == NetReach {
			return *r.baseFailure
		}
		return skipped(id, "", "skipped: net.reach failed")
	}
	switch id {
	case NetReach:
		return r.netReach()
	case APIAuth:
		return r.auth()
	case APIPermissions:
		return r.permissions()
	case APIModel:
		return r.model()
	case APIBilling:
		return r.billing()
	case APIRateLimit:
		return r.rateLimit()
	}
	return skipped(id, "", "skipped: not an API check")
}

// answered returns the probes that got an HTTP answer, in a fixed order.
func (r *apiRun) answered() []*apiProbe {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*apiProbe
	for _, name := range []string{apiProbeList, apiProbeScope, apiProbeLookup, apiProbePaid} {
		if p := r.probes[name]; p != nil && (p.status > 0 || p.connected) {
			out = append(out, p)
		}
	}
	return out
}

// netReach is read from the probes' own transport errors: any answer (or
// any established connection) proves the base URL is reachable.
func (r *apiRun) netReach() Result {
	host := r.base.Host
	via := ""
	if r.proxy != nil {
		via = " via proxy " + r.proxy.Host
	}
	for _, p := range r.answered() {
		if p.status == 0 {
			continue
		}
		what := "HTTP"
		if v := apiTLSVersion(p.tlsVersion); v != "" {
			what = v + ", HTTP"
		}
		return Result{ID: NetReach, Status: Pass, Duration: p.elapsed,
			Summary: fmt.Sprintf("reached %s%s (%s %d in %s)", host, via, what, p.status, probe.Round(p.elapsed))}
	}
	if ps := r.answered(); len(ps) > 0 {
		return Result{ID: NetReach, Status: Pass, Duration: ps[0].elapsed,
			Summary: fmt.Sprintf("connected to %s%s (no answer yet; see api.auth)", host, via)}
	}
	p := r.probe(apiProbeList)
	if p == nil || p.err == nil {
		return skipped(NetReach, "", "skipped: no request was made")
	}
	t := r.transport(p)
	return Result{ID: NetReach, Status: Fail, Code: Code(t.Code), Summary: t.Summary, Fix: t.Fix, URL: t.URL, Duration: p.elapsed}
}

// reachFailed reports whether net.reach failed, so the API checks skip.
func (r *apiRun) reachFailed() bool {
	return r.baseFailure != nil || r.netReach().Status == Fail
}

// probeFailure turns a probe without an HTTP answer into a result for check
// id: skipped when the network is down (net.reach says so), else the
// probe's own failure (a timeout after connecting, a refused redirect).
func (r *apiRun) probeFailure(id string, p *apiProbe) Result {
	if r.reachFailed() {
		return skipped(id, "", "skipped: net.reach failed")
	}
	t := r.transport(p)
	res := Result{ID: id, Status: Fail, Code: Code(t.Code), Summary: t.Summary, Fix: t.Fix, URL: t.URL, Duration: p.elapsed}
	if t.Code == "redirect" {
		res.Code = CodeUnexpectedResponse
		res.RequestID = apiRequestIDFrom(p)
	}
	return res
}

func apiRequestIDFrom(p *apiProbe) string {
	if p.header == nil {
		return ""
	}
	return probe.RequestID(p.header)
}

// apiFail builds a failing (or warning) result from a probe's verdict, with
// the standard fix for its code, the request id and the server's message.
func (r *apiRun) apiFail(id string, st Status, p *apiProbe, summary string) Result {
	v := p.verdict
	f := fixFor(Code(v.Code), r.req)
	res := Result{ID: id, Status: st, Code: Code(v.Code), Summary: summary, Fix: f.Do, URL: f.URL,
		RequestID: v.RequestID, Duration: p.elapsed}
	res.Detail = r.serverSaid(p)
	return res
}

// serverSaid is the detail line quoting the server, scrubbed later.
func (r *apiRun) serverSaid(p *apiProbe) []string {
	v := p.verdict
	line := fmt.Sprintf("%s → HTTP %d", strings.Replace(p.name, "{model}", r.req.Model, 1), p.status)
	if v.APICode != "" || v.Type != "" {
		line += fmt.Sprintf(" (type %s, code %s)", apiOrNull(v.Type), apiOrNull(v.APICode))
	}
	if v.Message != "" {
		line += ": " + v.Message
	}
	return []string{line}
}

func apiOrNull(s string) string {
	if s == "" {
		return "null"
	}
	return probe.Sanitize(s)
}

// authOK reports whether api.auth passed (or only warned), so the
// dependent checks run.
func (r *apiRun) authOK() bool {
	st := r.auth().Status
	return st == Pass || st == Warn
}

func (r *apiRun) auth() Result {
	p := r.probe(apiProbeList)
	if p == nil {
		return skipped(APIAuth, "", "skipped: no request was made")
	}
	if p.err != nil {
		return r.probeFailure(APIAuth, p)
	}
	v := p.verdict
	key := r.req.Key.Fingerprint()
	switch v.Family {
	case probe.FamilyOK:
		if !apiJSONPrefix(p.body) || len(p.body) < probe.BodyLimit && !apiValidJSON(p.body) {
			res := Result{ID: APIAuth, Status: Fail, Code: CodeUnexpectedResponse, RequestID: v.RequestID, Duration: p.elapsed,
				Summary: fmt.Sprintf("%s answered GET /models with HTTP %d but not with the API's JSON: is it an OpenAI-compatible API?", r.base.Host, p.status),
				Fix:     "check --base-url / OPENAI_BASE_URL (it should end in /v1); a captive portal or a web page answers like this"}
			return res
		}
		return Result{ID: APIAuth, Status: Pass, Duration: p.elapsed,
			Summary: fmt.Sprintf("key %s authenticates; %s", key, r.billsTo(p))}
	case probe.FamilyScopes:
		// A restricted key without Models → Read is still a valid key.
		return Result{ID: APIAuth, Status: Pass, Duration: p.elapsed,
			Summary: fmt.Sprintf("key %s authenticates (it may not list models: see api.permissions); %s", key, r.billsTo(p))}
	case probe.FamilyQuota:
		return Result{ID: APIAuth, Status: Pass, Duration: p.elapsed,
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
		return r.apiFail(APIAuth, Fail, p, fmt.Sprintf("%s answered HTTP %d (%s): this is not a problem with your key", r.base.Host, p.status, what))
	case probe.FamilyNotFound:
		res := r.apiFail(APIAuth, Fail, p, fmt.Sprintf("%s has no %s/models (HTTP 404): the base URL looks wrong", r.base.Host, strings.TrimRight(r.base.Path, "/")))
		res.Fix = "set --base-url / OPENAI_BASE_URL to the API root, ending in /v1 (the official one is https://api.openai.com/v1)"
		res.URL = ""
		return res
	}
	res := r.apiFail(APIAuth, Fail, p, fmt.Sprintf("unexpected answer to GET /models: HTTP %d%s", p.status, apiGist(v)))
	res.Code = CodeUnexpectedResponse
	switch {
	case v.NoKeySent:
		res.Summary = "the server says no API key arrived: something between you and the API removed the Authorization header"
		res.Fix = "check any proxy or gateway in --base-url / OPENAI_BASE_URL / HTTPS_PROXY: it must pass the Authorization header through"
		res.URL = ""
	case !v.JSON:
		res.Summary = fmt.Sprintf("%s answered HTTP %d with %s, not the API's JSON (a proxy or gateway page); not a key problem", r.base.Host, p.status, apiNonEmpty(v.Message, "a non-JSON body"))
		res.Fix = "check --base-url / OPENAI_BASE_URL and any proxy (HTTPS_PROXY) in between; " + apiURLStatus + " shows OpenAI's own state"
		res.URL = apiURLStatus
	default:
		res.Fix = "quote the request id to OpenAI support, or check any proxy in between"
		res.URL = apiURLStatus
	}
	return res
}

func apiNonEmpty(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return apiQuote(s)
}

func apiGist(v probe.Verdict) string {
	if v.Message == "" {
		return ""
	}
	return ": " + v.Message
}

// authSummary is api.auth's one line for an identity failure.
func (r *apiRun) authSummary(v probe.Verdict) string {
	key := r.req.Key.Fingerprint()
	switch v.Code {
	case "invalid_api_key":
		return fmt.Sprintf("the API rejected key %s as invalid (HTTP 401 invalid_api_key): it is wrong, deleted, revoked or disabled", key)
	case "account_deactivated":
		return fmt.Sprintf("key %s belongs to a deactivated account (HTTP 401 account_deactivated)", key)
	case "no_organization":
		return fmt.Sprintf("key %s's user is not a member of any organization (HTTP 401 no_organization)", key)
	case "mismatched_organization":
		if r.req.OrgID != "" {
			return fmt.Sprintf("OpenAI-Organization %s (from OPENAI_ORG_ID) is not key %s's organization (HTTP 401 mismatched_organization)", probe.Sanitize(r.req.OrgID), key)
		}
		return fmt.Sprintf("the API says the OpenAI-Organization header does not match key %s's organization (HTTP 401 mismatched_organization)", key)
	case "mismatched_project":
		if r.req.ProjectID != "" {
			return fmt.Sprintf("OpenAI-Project %s (from OPENAI_PROJECT_ID) is not key %s's project (HTTP 401 mismatched_project)", probe.Sanitize(r.req.ProjectID), key)
		}
		return fmt.Sprintf("the API says the OpenAI-Project header does not match key %s's project (HTTP 401 mismatched_project)", key)
	case "ip_not_authorized":
		return "this machine's IP address is not on the key's IP allowlist (HTTP 401 ip_not_authorized)"
	}
	return fmt.Sprintf("the API refused key %s (HTTP %d %s)", key, v.Status, v.Code)
}

// billsTo names the organization and project from the response headers,
// so credits bought in another organization show up here.
func (r *apiRun) billsTo(p *apiProbe) string {
	org := apiHeaderValue(p.header.Get("openai-organization"))
	proj := apiHeaderValue(p.header.Get("openai-project"))
	switch {
	case org != "" && proj != "":
		return fmt.Sprintf("bills to organization %s, project %s", org, proj)
	case org != "":
		return "bills to organization " + org
	case proj != "":
		return "bills to project " + proj
	}
	return "the server did not say which organization it bills to"
}

// apiHeaderValue keeps a server-sent header short and printable.
func apiHeaderValue(s string) string {
	s = probe.Sanitize(s)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func apiValidJSON(b []byte) bool { return json.Valid(b) }

func apiJSONPrefix(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{' || c == '['
	}
	return false
}

// scopeState is what the free probes say about the key's scopes.
type apiScopeState struct {
	missing    []string
	canList    bool
	canRequest bool
	unknown    *apiProbe // the scope probe, when it could not tell
}

func (r *apiRun) scopes() apiScopeState {
	var st apiScopeState
	if p := r.probe(apiProbeList); p != nil && p.err == nil {
		switch p.verdict.Family {
		case probe.FamilyScopes:
			st.missing = append(st.missing, apiNonEmptyScopes(p.verdict.Scopes, "api.model.read")...)
		case probe.FamilyOK:
			st.canList = true
		}
	}
	p := r.probe(apiProbeScope)
	if paid := r.probe(apiProbePaid); paid != nil && paid.err == nil && paid.verdict.Family == probe.FamilyScopes {
		p = paid
	}
	if p == nil {
		return st
	}
	if p.err != nil {
		st.unknown = p
		return st
	}
	switch p.verdict.Family {
	case probe.FamilyScopes:
		for _, s := range apiNonEmptyScopes(p.verdict.Scopes, "model.request") {
			if !slices.Contains(st.missing, s) {
				st.missing = append(st.missing, s)
			}
		}
	case probe.FamilyOK, probe.FamilyBadRequest, probe.FamilyModel, probe.FamilyVerification, probe.FamilyQuota, probe.FamilyRate:
		// Scopes are checked before the body, the model and billing.
		st.canRequest = true
	default:
		st.unknown = p
	}
	return st
}

func apiNonEmptyScopes(s []string, dflt string) []string {
	if len(s) == 0 {
		return []string{dflt}
	}
	return s
}

// lacksRequest reports whether the key may not call models at all.
func (st apiScopeState) lacksRequest() bool {
	return slices.ContainsFunc(st.missing, func(s string) bool {
		return apiScopeToggle(s) == "Model capabilities → Request"
	})
}

func (r *apiRun) permissions() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIPermissions)
	}
	st := r.scopes()
	if len(st.missing) > 0 {
		f := apiScopesFix(st.missing)
		res := Result{ID: APIPermissions, Status: Fail, Code: CodeMissingScopes,
			Summary: "the key lacks " + apiScopeList(st.missing), Fix: f.fix, URL: f.url}
		var what []string
		if !st.canList && slices.ContainsFunc(st.missing, func(s string) bool { return apiScopeToggle(s) == "Models → Read" }) {
			what = append(what, "list models")
		}
		if st.lacksRequest() {
			what = append(what, "call models")
		}
		if len(what) > 0 {
			res.Summary += ": it cannot " + strings.Join(what, " or ")
		}
		for _, name := range []string{apiProbeList, apiProbeScope, apiProbePaid} {
			if p := r.probe(name); p != nil && p.err == nil && p.verdict.Family == probe.FamilyScopes {
				res.RequestID = p.verdict.RequestID
				res.Detail = append(res.Detail, r.serverSaid(p)...)
				res.Duration = max(res.Duration, p.elapsed)
			}
		}
		return res
	}
	if st.unknown != nil {
		p := st.unknown
		if p.err != nil {
			res := r.probeFailure(APIPermissions, p)
			if res.Status != Skip {
				res.Status = Warn
				res.Summary = "could not tell whether the key may call models: " + res.Summary
			}
			return res
		}
		res := r.apiFail(APIPermissions, Warn, p, fmt.Sprintf("could not tell whether the key may call models: the free probe got HTTP %d%s", p.status, apiGist(p.verdict)))
		if res.Code == "" || p.verdict.Family == probe.FamilyAuth {
			res.Code = CodeUnexpectedResponse
		}
		if p.verdict.Family == probe.FamilyAuth {
			res.Status = Fail
			res.Code = Code(p.verdict.Code)
			res.Summary = "listing models works, but calling them is refused: " + r.authSummary(p.verdict)
		}
		return res
	}
	var can []string
	if st.canList {
		can = append(can, "list models (Models → Read)")
	}
	if st.canRequest {
		can = append(can, "call them (Model capabilities → Request)")
	}
	if len(can) == 0 {
		return skipped(APIPermissions, "", "skipped: no probe could tell")
	}
	return Result{ID: APIPermissions, Status: Pass, Summary: "the key may " + strings.Join(can, " and ") + ", found without spending"}
}

// skipAfterAuth is the skip for a check that needs api.auth.
func (r *apiRun) skipAfterAuth(id string) Result {
	if r.reachFailed() {
		return skipped(id, "", "skipped: net.reach failed")
	}
	return skipped(id, "", "skipped: api.auth failed")
}

func (r *apiRun) model() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIModel)
	}
	m := r.req.Model
	if r.scopes().lacksRequest() {
		return skipped(APIModel, "", fmt.Sprintf("skipped: the key may not call models (missing model.request, see api.permissions), so %s was not tried", m))
	}
	paid := r.probe(apiProbePaid)
	if r.req.NoSpend || paid == nil {
		return r.modelFromLookup("with --no-spend it was not called, and gated models are listed too")
	}
	if paid.err != nil {
		if r.reachFailed() {
			return skipped(APIModel, "", "skipped: net.reach failed")
		}
		res := r.modelFromLookup("the 1-token call got no answer (" + r.transport(paid).Summary + ")")
		if res.Status == Warn {
			res.Code = CodeNotProven
		}
		return res
	}
	v := paid.verdict
	switch v.Family {
	case probe.FamilyOK:
		return Result{ID: APIModel, Status: Pass, Duration: paid.elapsed,
			Summary: fmt.Sprintf("the key can use %s (a 1-token call succeeded)", m)}
	case probe.FamilyQuota:
		return Result{ID: APIModel, Status: Pass, Duration: paid.elapsed,
			Summary: fmt.Sprintf("the key may use %s: the 1-token call got as far as billing (see api.billing)", m)}
	case probe.FamilyVerification:
		return r.apiFail(APIModel, Fail, paid, fmt.Sprintf("%s needs a verified organization: it is listed, but the call was refused (HTTP %d)", m, paid.status))
	case probe.FamilyModel:
		return r.apiFail(APIModel, Fail, paid, fmt.Sprintf("model %s does not exist or this key may not use it (HTTP %d model_not_found)", m, paid.status))
	case probe.FamilyRate, probe.FamilyServer:
		return r.modelFromLookup(fmt.Sprintf("the 1-token call got HTTP %d %s", paid.status, v.Code))
	case probe.FamilyAuth:
		return r.apiFail(APIModel, Fail, paid, "calling "+m+" is refused: "+r.authSummary(v))
	}
	res := r.apiFail(APIModel, Fail, paid, fmt.Sprintf("the 1-token call to %s was rejected: HTTP %d%s", m, paid.status, apiGist(v)))
	res.Code = CodeUnexpectedResponse
	res.Fix = "check that " + m + " is a chat model (try --model " + DefaultModel + "); quote the request id to support if it should work"
	res.URL = apiURLStatus
	return res
}

// modelFromLookup judges api.model from the free GET /models/{model}: a
// listed model is only "not proven" (gated models are listed too).
func (r *apiRun) modelFromLookup(why string) Result {
	m := r.req.Model
	p := r.probe(apiProbeLookup)
	notProven := func(summary string, d time.Duration) Result {
		return Result{ID: APIModel, Status: Warn, Code: CodeNotProven, Summary: summary, Duration: d,
			Fix: "run doctor without --no-spend to prove it with one 1-token call (a fraction of a cent)"}
	}
	if !r.req.NoSpend {
		notProven = func(summary string, d time.Duration) Result {
			return Result{ID: APIModel, Status: Warn, Code: CodeNotProven, Summary: summary, Duration: d,
				Fix: "run doctor again in a minute to prove it", URL: apiURLStatus}
		}
	}
	if p == nil {
		return notProven(fmt.Sprintf("%s was not checked: %s", m, why), 0)
	}
	if p.err != nil {
		if r.reachFailed() {
			return skipped(APIModel, "", "skipped: net.reach failed")
		}
		return notProven(fmt.Sprintf("%s could not be looked up (%s); %s", m, r.transport(p).Summary, why), p.elapsed)
	}
	v := p.verdict
	switch v.Family {
	case probe.FamilyOK:
		return notProven(fmt.Sprintf("%s is listed for this key, not proven usable: %s", m, why), p.elapsed)
	case probe.FamilyModel:
		return r.apiFail(APIModel, Fail, p, fmt.Sprintf("model %s does not exist or this key may not use it (HTTP %d model_not_found)", m, p.status))
	case probe.FamilyVerification:
		return r.apiFail(APIModel, Fail, p, fmt.Sprintf("%s needs a verified organization (HTTP %d)", m, p.status))
	case probe.FamilyScopes:
		res := notProven(fmt.Sprintf("%s could not be looked up (the key lacks Models → Read); %s", m, why), p.elapsed)
		res.RequestID = v.RequestID
		return res
	}
	res := notProven(fmt.Sprintf("%s could not be looked up (HTTP %d); %s", m, p.status, why), p.elapsed)
	res.RequestID = v.RequestID
	res.Detail = r.serverSaid(p)
	return res
}

func (r *apiRun) billing() Result {
	m := r.req.Model
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
	if p.err != nil {
		return r.probeFailure(APIBilling, p)
	}
	v := p.verdict
	switch v.Family {
	case probe.FamilyOK:
		return Result{ID: APIBilling, Status: Pass, Duration: p.elapsed,
			Summary: fmt.Sprintf("a 1-token call to %s was accepted: billing works (%s)", m, r.billsTo(p))}
	case probe.FamilyQuota:
		return r.apiFail(APIBilling, Fail, p, r.quotaSummary(p))
	case probe.FamilyModel, probe.FamilyVerification:
		return skipped(APIBilling, "", "skipped: api.model failed, so the 1-token call never reached billing")
	case probe.FamilyRate:
		return skipped(APIBilling, "", "skipped: the 1-token call was rate limited before billing (see api.ratelimit)")
	case probe.FamilyServer:
		return r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got HTTP %d (%s): OpenAI's side, not billing", m, p.status, v.Code))
	case probe.FamilyAuth:
		return r.apiFail(APIBilling, Fail, p, "the 1-token call was refused: "+r.authSummary(v))
	}
	res := r.apiFail(APIBilling, Fail, p, fmt.Sprintf("the 1-token call to %s got an unexpected answer: HTTP %d%s", m, p.status, apiGist(v)))
	res.Code = CodeUnexpectedResponse
	res.Fix, res.URL = "quote the request id to OpenAI support, or check any proxy in between", apiURLStatus
	return res
}

func (r *apiRun) quotaSummary(p *apiProbe) string {
	v := p.verdict
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
		return fmt.Sprintf("%s (HTTP %d %s); %s", what, p.status, probe.Sanitize(v.APICode), org)
	case "billing_not_active":
		return fmt.Sprintf("billing is not active for this organization (HTTP %d billing_not_active); %s", p.status, org)
	}
	return fmt.Sprintf("out of quota: no credits or over a limit (HTTP %d insufficient_quota); %s", p.status, org)
}

func (r *apiRun) rateLimit() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIRateLimit)
	}
	m := r.req.Model
	paid := r.probe(apiProbePaid)
	if paid != nil && paid.err == nil && paid.verdict.Family == probe.FamilyRate {
		v := paid.verdict
		st := Warn
		msg := strings.ToLower(v.Message)
		if v.RetryAfter > time.Minute || strings.Contains(msg, "per day") {
			st = Fail
		}
		what := "was rate limited"
		if Code(v.Code) == CodeSlowDown {
			what = "was told to slow down: traffic ramped up too fast"
		}
		res := r.apiFail(APIRateLimit, st, paid, fmt.Sprintf("the 1-token call to %s %s (HTTP 429 %s)%s", m, what, apiOrNull(v.APICode), apiRetryText(v.RetryAfter)))
		if v.Code == "" {
			res.Code = CodeRateLimited
		}
		if rl, ok := probe.ParseRateLimits(paid.header); ok {
			res.Detail = append(res.Detail, "limits: "+rl.Summary())
		}
		return res
	}
	var src *apiProbe
	for _, name := range []string{apiProbePaid, apiProbeScope, apiProbeLookup, apiProbeList} {
		if p := r.probe(name); p != nil && p.err == nil && p.header != nil && probe.HasRateHeaders(p.header) {
			src = p
			break
		}
	}
	if src != nil {
		rl, ok := probe.ParseRateLimits(src.header)
		if ok {
			sum := fmt.Sprintf("%s: %s", m, rl.Summary())
			if low := rl.Low(); len(low) > 0 {
				return Result{ID: APIRateLimit, Status: Warn, Code: CodeLowHeadroom, Duration: src.elapsed,
					Summary: fmt.Sprintf("less than 10%% of the %s limit is left; %s", strings.Join(low, " and "), sum),
					Fix:     fixes[CodeLowHeadroom].Do, URL: fixes[CodeLowHeadroom].URL}
			}
			return Result{ID: APIRateLimit, Status: Pass, Duration: src.elapsed, Summary: sum}
		}
	}
	switch {
	case r.req.NoSpend || paid == nil:
		return skipped(APIRateLimit, "", "skipped: --no-spend, and no free response carried x-ratelimit-* headers")
	case paid.err == nil && paid.verdict.Family == probe.FamilyOK:
		return Result{ID: APIRateLimit, Status: Warn, Code: CodeNoHeaders, Duration: paid.elapsed,
			Summary: fmt.Sprintf("the 1-token call to %s carried no x-ratelimit-* headers, so headroom is unknown", m),
			Fix:     fixes[CodeNoHeaders].Do, URL: fixes[CodeNoHeaders].URL}
	}
	return skipped(APIRateLimit, "", "skipped: the 1-token call did not succeed (see api.model and api.billing), so no limits were reported")
}
