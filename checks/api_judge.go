package checks

import (
	"fmt"
	"strings"

	"github.com/setupkit/openai-setup/probe"
)

// result is one check's result, judged once from the probes: a later
// check reads an earlier one's result (api.model reads api.auth) instead of
// judging it again. It runs after fire, on one goroutine.
func (r *apiRun) result(id string) Result {
	if res, ok := r.judged[id]; ok {
		return res
	}
	res := r.judge(id)
	if r.judged == nil {
		r.judged = map[string]Result{}
	}
	r.judged[id] = res
	return res
}

// judge builds one check's result from the probes.
func (r *apiRun) judge(id string) Result {
	if r.baseFailure != nil {
		if id == NetReach {
			return *r.baseFailure
		}
		return skipReach(id)
	}
	if j, ok := apiJudges()[id]; ok {
		return j(r)
	}
	return Skipped(id, "", "skipped: not an API check")
}

// apiJudges are the judges of the API checks, from the probes and earlier
// results. (A function, not a variable: the judges read results, which
// call judge.)
func apiJudges() map[string]func(*apiRun) Result {
	return map[string]func(*apiRun) Result{
		NetReach:       (*apiRun).netReach,
		APIAuth:        (*apiRun).auth,
		APIPermissions: (*apiRun).permissions,
		APIModel:       (*apiRun).model,
		APIBilling:     (*apiRun).billing,
		APIRateLimit:   (*apiRun).rateLimit,
	}
}

// probeFailure turns a probe without an HTTP answer into a result for check
// id: skipped when the network is down (net.reach says so), else the
// probe's own failure (a timeout after connecting, a refused redirect).
func (r *apiRun) probeFailure(id string, p *probe.Named) Result {
	if r.reachFailed() {
		return skipReach(id)
	}
	return r.transportResult(id, p)
}

// transportResult is check id's failure for a probe that got no HTTP
// answer; a refused redirect is an unexpected answer, with its request id.
func (r *apiRun) transportResult(id string, p *probe.Named) Result {
	t := r.transport(p)
	res := Result{ID: id, Status: Fail, Code: Code(t.Code), Summary: t.Summary, Fix: t.Fix, URL: t.URL, Duration: p.Elapsed}
	if t.Code == "redirect" {
		res.Code = CodeUnexpectedResponse
		res.RequestID = apiRequestIDFrom(p)
	}
	return res
}

// skipReach is the skip for a check when net.reach failed.
func skipReach(id string) Result { return Skipped(id, "", "skipped: net.reach failed") }

// unexpected makes res an unexpected_response with the fix f.
func unexpected(res Result, f Fix) Result {
	res.Code, res.Fix, res.URL = CodeUnexpectedResponse, f.Do, f.URL
	return res
}

func apiRequestIDFrom(p *probe.Named) string {
	if p.Header == nil {
		return ""
	}
	return probe.RequestID(p.Header)
}

// apiFail builds a failing (or warning) result from a probe's verdict, with
// the standard fix for its code, the request id and the server's message.
func (r *apiRun) apiFail(id string, st Status, p *probe.Named, summary string) Result {
	v := p.Verdict
	f := apiFixFor(Code(v.Code), r.req, v.Message)
	res := Result{ID: id, Status: st, Code: Code(v.Code), Summary: summary, Fix: f.Do, URL: f.URL,
		RequestID: v.RequestID, Duration: p.Elapsed}
	res.Detail = r.serverSaid(p)
	return res
}

// serverSaid is the detail line quoting the server, scrubbed later.
func (r *apiRun) serverSaid(p *probe.Named) []string {
	v := p.Verdict
	name := strings.Replace(p.Name, "{model}", r.req.Model, 1)
	if p.Name == probe.Paid {
		name = strings.Replace(name, "(1 token)", "(1 token, "+r.called()+")", 1)
	}
	line := fmt.Sprintf("%s → HTTP %d", name, p.Status)
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
	case "regional_hostname":
		return fmt.Sprintf("key %s was recognised, but %s is the wrong host for its project's region (HTTP 401 incorrect regional hostname)", key, r.base.Host)
	}
	return fmt.Sprintf("the API refused key %s (HTTP %d %s)", key, v.Status, v.Code)
}

// billsTo names the organization and project from the response headers,
// so credits bought in another organization show up here.
func (r *apiRun) billsTo(p *probe.Named) string {
	org := apiHeaderValue(p.Header.Get("openai-organization"))
	proj := apiHeaderValue(p.Header.Get("openai-project"))
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

// skipAfterAuth is the skip for a check that needs api.auth.
func (r *apiRun) skipAfterAuth(id string) Result {
	if r.reachFailed() {
		return skipReach(id)
	}
	return Skipped(id, "", "skipped: api.auth failed")
}

// calledNote names the snapshot the paid call went to, when it is not the
// model checked: " to gpt-4o-mini-2024-07-18".
func (r *apiRun) calledNote() string {
	if c := r.called(); c != r.req.Model {
		return " to " + c
	}
	return ""
}
