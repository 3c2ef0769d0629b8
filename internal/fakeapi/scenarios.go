package fakeapi

import (
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// scenarios lists every behaviour a key can ask for, with one line on what
// the server does. The answers imitate the real API's error envelopes,
// codes and messages.
var scenarios = []struct{ name, what string }{
	{"ok", "everything works; POST /chat/completions carries x-ratelimit-* headers"},
	{"low_headroom", "works, but the rate-limit headers show 3 of 60 requests left"},
	{"invalid_api_key", "401 invalid_api_key on every endpoint (redacted echo of the key)"},
	{"echo_key", "401 invalid_api_key whose message echoes the whole key (a lying server)"},
	{"account_deactivated", "401 account_deactivated on every endpoint"},
	{"no_organization", "401 no_organization on every endpoint"},
	{"mismatched_organization", "401 mismatched_organization on every endpoint (also any key with a wrong OpenAI-Organization header)"},
	{"mismatched_project", "401 mismatched_project on every endpoint (also any key with a wrong OpenAI-Project header)"},
	{"ip_not_authorized", "401 ip_not_authorized on every endpoint"},
	{"region", "403 request_forbidden / unsupported_country_region_territory on every endpoint"},
	{"models_scope_missing", "403 Missing scopes: api.model.read on GET /models and /models/{id}; calls work"},
	{"request_scope_missing", "401 Missing scopes: model.request on POST; listing works"},
	{"string_envelope", `like request_scope_missing, but the error is {"error":"<string>"}`},
	{"verification", "model listed, but the real call gets 403 'organization must be verified'"},
	{"model_not_found", "404 model_not_found on the model lookup and the real call"},
	{"insufficient_quota", "429 insufficient_quota on the real call"},
	{"credit_balance_exhausted", "429 credit_balance_exhausted on the real call"},
	{"spend_limit", "429 project_spend_limit_exceeded on the real call"},
	{"usage_limit", "429 organization_usage_limit_exceeded on the real call"},
	{"billing_not_active", "429 type billing_not_active (legacy) on the real call"},
	{"rate_limited", "429 rate_limit_exceeded + retry-after: 20 on the real call"},
	{"slow_down", "429 slow_down + retry-after: 5 on the real call"},
	{"overloaded", "503 server_is_overloaded on every endpoint"},
	{"server_error", "500 server_error on every endpoint"},
	{"bad_gateway_html", "502 with an HTML page on every endpoint"},
	{"malformed_json", "200 with a truncated JSON body on every endpoint"},
	{"empty_object", "200 with {} on every endpoint: JSON, but not what any endpoint documents"},
	{"giant_array", "200 with 2 MiB of [ on every endpoint"},
	{"completion_empty_object", "works, but the real call answers 200 with {} (not a chat completion)"},
	{"regional_hostname", "401 'incorrect regional hostname … make your request to us.api.openai.com' (code null) on every endpoint: a data-residency project's key on the global host; asked with Host us.api.openai.com (a test client that dials this server for that host), it answers as ok"},
	{"regional_hostname_global", "401 'incorrect regional hostname … make your request to api.openai.com' (code null) on every endpoint: a global project's key on a regional host"},
	{"snapshot_quota", "the real call to an alias (gpt-4o-mini) works, to a dated snapshot (gpt-4o-mini-2024-07-18) 429 insufficient_quota: a new account's free allowance"},
	{"hang", "never answers: blocks until the client gives up"},
	{"slow", "answers like ok after the slow latency (WithSlowLatency, default 2s)"},
	{"redirect_other_host", "307 to another host (another port of 127.0.0.1) that records any Authorization it gets"},
}

// Scenarios returns every scenario name, in a stable order.
func Scenarios() []string {
	names := make([]string, len(scenarios))
	for i, s := range scenarios {
		names[i] = s.name
	}
	return names
}

// Describe returns one line on what the server does for scenario, or "".
func Describe(scenario string) string {
	i := slices.IndexFunc(scenarios, func(s struct{ name, what string }) bool { return s.name == scenario })
	if i < 0 {
		return ""
	}
	return scenarios[i].what
}

// Models the fake lists and serves. Any other id is model_not_found.
var models = []string{
	"gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
	"gpt-5", "gpt-5-mini", "gpt-5-nano", "o4-mini", "gpt-image-1", "omni-moderation-latest",
}

// answer is one canned reply.
type answer struct {
	status  int
	body    string
	ctype   string
	headers map[string]string
}

func apiError(status int, message string, typ, code, param any) answer {
	return answer{status: status, body: errorJSON(message, typ, code, param)}
}

const (
	msgMissingKey   = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. Basic auth) with a blank username. You can obtain an API key from https://platform.openai.com/account/api-keys."
	msgDeactivated  = "This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com."
	msgNoOrg        = "You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com."
	msgOrgMismatch  = "OpenAI-Organization header should match organization for API key"
	msgProjMismatch = "OpenAI-Project header should match project for API key"
	msgIP           = "Your IP is not authorized to access this organization. Please contact your organization administrator."
	msgRegion       = "Country, region, or territory not supported"
	msgScopesRead   = "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes."
	msgScopesReq    = "You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes."
	msgQuota        = "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."
	msgCredits      = "You have no credits remaining. Add credits to continue using the API at https://platform.openai.com/settings/organization/billing/."
	msgSpend        = "You have exceeded the monthly spend limit set for this project."
	msgUsage        = "Your organization has reached its monthly usage limit for its usage tier."
	msgNotActive    = "Your account is not active, please check your billing details on our website."
	msgSlowDown     = "Your request rate increased too quickly. To ensure the stability of the service, please reduce your request rate and ramp up gradually."
	msgOverloaded   = "The server is currently overloaded with other requests. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists."
	msgServerError  = "The server had an error while processing your request. Sorry about that!"
	htmlBadGateway  = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"
)

func invalidKey(sent string) answer {
	return apiError(http.StatusUnauthorized,
		"Incorrect API key provided: "+redactEcho(sent)+". You can find your API key at https://platform.openai.com/account/api-keys.",
		"invalid_request_error", "invalid_api_key", nil)
}

// everywhere returns the answer a scenario gives on every endpoint, if any.
// dated matches a dated snapshot's id.
var dated = regexp.MustCompile(`-\d{4}-\d{2}-\d{2}$`)

// giantArray is a body no client should try to read whole.
var giantArray = strings.Repeat("[", 2<<20)

func everywhere(scenario, key string) (answer, bool) {
	switch scenario {
	case "invalid_api_key":
		return invalidKey(key), true
	case "echo_key":
		return apiError(401, "Incorrect API key provided: "+key+". You can find your API key at https://platform.openai.com/account/api-keys.",
			"invalid_request_error", "invalid_api_key", nil), true
	case "account_deactivated":
		return apiError(401, msgDeactivated, "invalid_request_error", "account_deactivated", nil), true
	case "no_organization":
		return apiError(401, msgNoOrg, "invalid_request_error", "no_organization", nil), true
	case "mismatched_organization":
		return apiError(401, msgOrgMismatch, "invalid_request_error", "mismatched_organization", nil), true
	case "mismatched_project":
		return apiError(401, msgProjMismatch, "invalid_request_error", "mismatched_project", nil), true
	case "ip_not_authorized":
		return apiError(401, msgIP, "invalid_request_error", "ip_not_authorized", nil), true
	case "region":
		return apiError(403, msgRegion, "request_forbidden", "unsupported_country_region_territory", nil), true
	case "overloaded":
		return apiError(503, msgOverloaded, "service_unavailable_error", "server_is_overloaded", nil), true
	case "server_error":
		return apiError(500, msgServerError, "server_error", nil, nil), true
	case "bad_gateway_html":
		return answer{status: 502, body: htmlBadGateway, ctype: "text/html"}, true
	case "malformed_json":
		return answer{status: 200, body: `{"object":"list","data":[{"id":"gpt-4o-mini","object":"mod`}, true
	case "regional_hostname":
		return apiError(401, "Attempted to access resource with incorrect regional hostname. Please make your request to "+RegionalHost, "invalid_request_error", nil, nil), true
	case "regional_hostname_global":
		return apiError(401, "Attempted to access resource with incorrect regional hostname. Please make your request to api.openai.com", "invalid_request_error", nil, nil), true
	case "empty_object":
		return answer{status: 200, body: `{}`}, true
	case "giant_array":
		return answer{status: 200, body: giantArray}, true
	}
	return answer{}, false
}

// paidFailure returns the answer a scenario gives to a well-formed chat
// completion (the billable call), if it fails.
func paidFailure(scenario, model string) (answer, bool) {
	switch scenario {
	case "request_scope_missing":
		return apiError(401, msgScopesReq, "invalid_request_error", nil, nil), true
	case "string_envelope":
		return answer{status: 401, body: `{"error":"` + msgScopesReq + `"}`}, true
	case "verification":
		return apiError(403, "Your organization must be verified to use the model `"+model+"`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.",
			"invalid_request_error", nil, nil), true
	case "model_not_found":
		return modelNotFoundChat(model), true
	case "snapshot_quota":
		if dated.MatchString(model) {
			return apiError(429, msgQuota, "insufficient_quota", "insufficient_quota", nil), true
		}
	case "completion_empty_object":
		return answer{status: 200, body: `{}`}, true
	case "insufficient_quota":
		return apiError(429, msgQuota, "insufficient_quota", "insufficient_quota", nil), true
	case "credit_balance_exhausted":
		return apiError(429, msgCredits, "insufficient_quota", "credit_balance_exhausted", nil), true
	case "spend_limit":
		return apiError(429, msgSpend, "insufficient_quota", "project_spend_limit_exceeded", nil), true
	case "usage_limit":
		return apiError(429, msgUsage, "insufficient_quota", "organization_usage_limit_exceeded", nil), true
	case "billing_not_active":
		return apiError(429, msgNotActive, "billing_not_active", nil, nil), true
	case "rate_limited":
		a := apiError(429, "Rate limit reached for "+model+" in organization "+OrgID+" on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.",
			"requests", "rate_limit_exceeded", nil)
		a.headers = rateHeaders(3, 0, 40000, 39990)
		a.headers["retry-after"] = "20"
		return a, true
	case "slow_down":
		a := apiError(429, msgSlowDown, "rate_limit_error", "slow_down", nil)
		a.headers = map[string]string{"retry-after": "5"}
		return a, true
	}
	return answer{}, false
}

// postScopeFailure is the answer to any POST when the key lacks the request scope.
func postScopeFailure(scenario string) (answer, bool) {
	switch scenario {
	case "request_scope_missing", "string_envelope":
		return paidFailure(scenario, "")
	}
	return answer{}, false
}

func modelNotFoundChat(model string) answer {
	return apiError(404, "The model `"+model+"` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", nil)
}

func modelNotFoundLookup(model string) answer {
	return apiError(404, "The model '"+model+"' does not exist", "invalid_request_error", "model_not_found", "model")
}

func rateHeaders(limReq, remReq, limTok, remTok int) map[string]string {
	return map[string]string{
		"x-ratelimit-limit-requests":     itoa(limReq),
		"x-ratelimit-limit-tokens":       itoa(limTok),
		"x-ratelimit-remaining-requests": itoa(remReq),
		"x-ratelimit-remaining-tokens":   itoa(remTok),
		"x-ratelimit-reset-requests":     "8.64s",
		"x-ratelimit-reset-tokens":       "6m0s",
	}
}

// RegionalHost is the data-residency host the regional_hostname scenario
// names, and the Host on which its key works.
const RegionalHost = "us.api.openai.com"

// stripPort is a Host header without its port.
func stripPort(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}
