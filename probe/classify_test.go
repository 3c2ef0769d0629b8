package probe

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func apiErrBody(msg, typ, code string) string {
	q := func(s string) string {
		if s == "" {
			return "null"
		}
		return `"` + s + `"`
	}
	return `{"error":{"message":` + q(msg) + `,"type":` + q(typ) + `,"param":null,"code":` + q(code) + `}}`
}

func TestClassifyAPI(t *testing.T) {
	const scopesMsg = "You have insufficient permissions for this operation. Missing scopes: api.model.read, model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner)."
	tests := []struct {
		name   string
		status int
		hdr    map[string]string
		body   string
		family Family
		code   string
		scopes []string
	}{
		{"ok", 200, nil, `{"object":"list","data":[]}`, FamilyOK, "", nil},
		{"ok non-json", 204, nil, ``, FamilyOK, "", nil},
		{"regional hostname", 401, nil, apiErrBody("Attempted to access resource with incorrect regional hostname. Please make your request to us.api.openai.com", "invalid_request_error", ""), FamilyAuth, "regional_hostname", nil},
		{"invalid key", 401, nil, apiErrBody("Incorrect API key provided: sk-proj-****abcd.", "invalid_request_error", "invalid_api_key"), FamilyAuth, "invalid_api_key", nil},
		{"deactivated", 401, nil, apiErrBody("This key is associated with a deactivated account.", "invalid_request_error", "account_deactivated"), FamilyAuth, "account_deactivated", nil},
		{"no org", 401, nil, apiErrBody("You must be a member of an organization to use the API.", "invalid_request_error", "no_organization"), FamilyAuth, "no_organization", nil},
		{"no org as 404 (old docs)", 404, nil, apiErrBody("You must be a member of an organization to use the API.", "invalid_request_error", "no_organization"), FamilyAuth, "no_organization", nil},
		{"org mismatch", 401, nil, apiErrBody("OpenAI-Organization header should match organization for API key", "invalid_request_error", "mismatched_organization"), FamilyAuth, "mismatched_organization", nil},
		{"invalid organization", 401, nil, apiErrBody("", "invalid_request_error", "invalid_organization"), FamilyAuth, "mismatched_organization", nil},
		{"project mismatch", 401, nil, apiErrBody("OpenAI-Project header should match project for API key", "invalid_request_error", "mismatched_project"), FamilyAuth, "mismatched_project", nil},
		{"ip", 401, nil, apiErrBody("Your IP is not authorized", "", "ip_not_authorized"), FamilyAuth, "ip_not_authorized", nil},
		{"unknown 401 json", 401, nil, apiErrBody("Your authentication token has been invalidated.", "invalid_request_error", ""), FamilyAuth, "invalid_api_key", nil},
		{"no key sent", 401, nil, apiErrBody("You didn't provide an API key. You need to provide your API key in an Authorization header", "invalid_request_error", ""), FamilyUnexpected, "unexpected_response", nil},
		{"scopes 403", 403, nil, apiErrBody(scopesMsg, "invalid_request_error", ""), FamilyScopes, "missing_scopes", []string{"api.model.read", "model.request"}},
		{"scopes 401", 401, nil, apiErrBody("You have insufficient permissions for this operation. Missing scopes: model.request.", "invalid_request_error", ""), FamilyScopes, "missing_scopes", []string{"model.request"}},
		{"scopes string envelope", 401, nil, `{"error":"You have insufficient permissions for this operation. Missing scopes: api.responses.write"}`, FamilyScopes, "missing_scopes", []string{"api.responses.write"}},
		{"scopes even with a code", 401, nil, apiErrBody("Missing scopes: model.request", "invalid_request_error", "invalid_api_key"), FamilyScopes, "missing_scopes", []string{"model.request"}},
		{"scopes on 400 is not scopes", 400, nil, apiErrBody("Missing scopes: model.request", "invalid_request_error", ""), FamilyBadRequest, "", nil},
		{"region", 403, nil, apiErrBody("Country, region, or territory not supported", "request_forbidden", "unsupported_country_region_territory"), FamilyRegion, "unsupported_region", nil},
		{"region by type", 403, nil, apiErrBody("Country, region, or territory not supported", "request_forbidden", ""), FamilyRegion, "unsupported_region", nil},
		{"verification 403", 403, nil, apiErrBody("Your organization must be verified to use the model `gpt-image-1`.", "invalid_request_error", ""), FamilyVerification, "verification_required", nil},
		{"verification 400 stream", 400, nil, apiErrBody("Your organization must be verified to stream this model.", "invalid_request_error", "unsupported_value"), FamilyVerification, "verification_required", nil},
		{"model 404", 404, nil, apiErrBody("The model `x` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"), FamilyModel, "model_not_found", nil},
		{"model 400 responses", 400, nil, apiErrBody("The requested model 'x' does not exist.", "invalid_request_error", "model_not_found"), FamilyModel, "model_not_found", nil},
		{"model 404 no code", 404, nil, apiErrBody("The model 'x' does not exist", "invalid_request_error", ""), FamilyModel, "model_not_found", nil},
		{"unknown url", 404, nil, apiErrBody("Invalid URL (GET /models)", "invalid_request_error", ""), FamilyNotFound, "unexpected_response", nil},
		{"quota", 429, nil, apiErrBody("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"), FamilyQuota, "insufficient_quota", nil},
		{"quota legacy null code", 429, nil, apiErrBody("You exceeded your current quota", "insufficient_quota", ""), FamilyQuota, "insufficient_quota", nil},
		{"credits", 429, nil, apiErrBody("You have no credits remaining.", "insufficient_quota", "credit_balance_exhausted"), FamilyQuota, "credit_balance_exhausted", nil},
		{"org spend", 429, nil, apiErrBody("", "insufficient_quota", "organization_spend_limit_exceeded"), FamilyQuota, "spend_limit", nil},
		{"project spend, odd type", 429, nil, apiErrBody("", "rate_limit_error", "project_spend_limit_exceeded"), FamilyQuota, "spend_limit", nil},
		{"usage limit", 429, nil, apiErrBody("", "insufficient_quota", "organization_usage_limit_exceeded"), FamilyQuota, "spend_limit", nil},
		{"hard limit 400", 400, nil, apiErrBody("Billing hard limit has been reached", "invalid_request_error", "billing_hard_limit_reached"), FamilyQuota, "spend_limit", nil},
		{"billing not active", 429, nil, apiErrBody("Your account is not active, please check your billing details on our website.", "billing_not_active", ""), FamilyQuota, "billing_not_active", nil},
		{"rate RPM", 429, map[string]string{"retry-after": "20"}, apiErrBody("Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.", "requests", "rate_limit_exceeded"), FamilyRate, "rate_limited", nil},
		{"rate tokens type", 429, nil, apiErrBody("Rate limit reached ... tokens per min (TPM)", "tokens", "rate_limit_exceeded"), FamilyRate, "rate_limited", nil},
		{"slow down", 429, nil, apiErrBody("", "rate_limit_error", "slow_down"), FamilyRate, "slow_down", nil},
		{"429 no code", 429, nil, apiErrBody("Too many requests", "", ""), FamilyRate, "rate_limited", nil},
		{"429 no code quota msg", 429, nil, apiErrBody("You exceeded your current quota", "", ""), FamilyQuota, "insufficient_quota", nil},
		{"429 html", 429, nil, `<html><title>Too Many Requests</title></html>`, FamilyRate, "rate_limited", nil},
		{"overloaded", 503, nil, apiErrBody("overloaded", "service_unavailable_error", "server_is_overloaded"), FamilyServer, "overloaded", nil},
		{"overloaded legacy 429", 429, nil, apiErrBody("The engine is currently overloaded", "server_error", "server_is_overloaded"), FamilyServer, "overloaded", nil},
		{"server error", 500, nil, apiErrBody("The server had an error while processing your request. Sorry about that!", "server_error", ""), FamilyServer, "server_error", nil},
		{"502 html", 502, nil, "<html>\r\n<head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>", FamilyServer, "server_error", nil},
		{"503 text", 503, nil, "upstream connect error or disconnect/reset before headers", FamilyServer, "overloaded", nil},
		{"401 html (proxy)", 401, nil, "<!DOCTYPE html><html><body>Proxy Authentication Required</body></html>", FamilyUnexpected, "unexpected_response", nil},
		{"403 html (waf)", 403, nil, "<html><title>Access denied</title></html>", FamilyUnexpected, "unexpected_response", nil},
		{"401 malformed json", 401, nil, `{"error":{"message":"Incorrect API key`, FamilyUnexpected, "unexpected_response", nil},
		{"401 json array", 401, nil, `["invalid_api_key"]`, FamilyUnexpected, "unexpected_response", nil},
		{"bad request", 400, nil, apiErrBody("you must provide a model parameter", "invalid_request_error", ""), FamilyBadRequest, "", nil},
		{"code as number", 401, nil, `{"error":{"message":"nope","type":"x","code":401}}`, FamilyAuth, "invalid_api_key", nil},
		{"teapot", 418, nil, apiErrBody("I'm a teapot", "", ""), FamilyUnexpected, "unexpected_response", nil},
		{"empty 500", 500, nil, ``, FamilyServer, "server_error", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			h.Set("x-request-id", "req_0123456789abcdef0123456789abcdef")
			for k, v := range tt.hdr {
				h.Set(k, v)
			}
			v := Classify(tt.status, h, []byte(tt.body))
			if v.Family != tt.family || v.Code != tt.code {
				t.Errorf("got %s/%s, want %s/%s (message %q)", v.Family, v.Code, tt.family, tt.code, v.Message)
			}
			if !slices.Equal(v.Scopes, tt.scopes) {
				t.Errorf("scopes = %q, want %q", v.Scopes, tt.scopes)
			}
			if v.RequestID != "req_0123456789abcdef0123456789abcdef" {
				t.Errorf("request id = %q", v.RequestID)
			}
			if tt.hdr["retry-after"] == "20" && v.RetryAfter != 20*time.Second {
				t.Errorf("retry after = %v", v.RetryAfter)
			}
		})
	}
}

func TestClassifyHTMLGist(t *testing.T) {
	v := Classify(502, nil, []byte("<html><head><title>502 Bad Gateway</title></head></html>"))
	if v.Message != "502 Bad Gateway" || v.JSON {
		t.Errorf("got %q json=%v", v.Message, v.JSON)
	}
}

func TestParseScopes(t *testing.T) {
	tests := []struct {
		msg  string
		want []string
	}{
		{"Missing scopes: model.request.", []string{"model.request"}},
		{"Missing scopes: api.model.read, api.model.request. Check that", []string{"api.model.read", "api.model.request"}},
		{"Missing scopes: api.responses.write", []string{"api.responses.write"}},
		{"Missing scopes:", nil},
		{"Missing scopes: <script>, model.read", []string{"model.read"}},
		{"nothing here", nil},
	}
	for _, tt := range tests {
		if got := parseScopes(tt.msg); !slices.Equal(got, tt.want) {
			t.Errorf("parseScopes(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		hdr  map[string]string
		want time.Duration
	}{
		{map[string]string{"retry-after": "20"}, 20 * time.Second},
		{map[string]string{"retry-after": "1.5"}, 1500 * time.Millisecond},
		{map[string]string{"retry-after-ms": "250", "retry-after": "20"}, 250 * time.Millisecond},
		{map[string]string{"retry-after": "-3"}, 0},
		{map[string]string{"retry-after": "99999999999"}, 0},
		{map[string]string{"retry-after": "soon"}, 0},
		{map[string]string{"retry-after": time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)}, 90 * time.Second},
		{nil, 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.hdr {
			h.Set(k, v)
		}
		got := retryAfter(h)
		if d := got - tt.want; d < -2*time.Second || d > 2*time.Second || (tt.want == 0) != (got == 0) {
			t.Errorf("retryAfter(%v) = %v, want %v", tt.hdr, got, tt.want)
		}
	}
}

func TestRequestIDIsSanitised(t *testing.T) {
	for id, want := range map[string]string{
		"req_0123456789abcdef0123456789abcdef": "req_0123456789abcdef0123456789abcdef",
		"req_\x1b[31mred":                      "",
		strings.Repeat("a", 200):               "",
		"":                                     "",
	} {
		h := http.Header{}
		h["X-Request-Id"] = []string{id}
		if got := RequestID(h); got != want {
			t.Errorf("RequestID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\n\tb\r\n  c", "a b c"},
		{"\x1b[2Jclear\x07", "[2Jclear"},
		{"bad \xff utf8", "bad ? utf8"},
		{"sk-proj-" + strings.Repeat("*", 40) + "abcd", "sk-proj-********…abcd"},
		{"zero\u200bwidth", "zerowidth"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := Sanitize(strings.Repeat("x", 5000))
	if n := utf8.RuneCountInString(long); n != maxMessage+1 {
		t.Errorf("long message is %d runes", n)
	}
}

func TestParseRateLimits(t *testing.T) {
	h := http.Header{}
	for k, v := range map[string]string{
		"x-ratelimit-limit-requests": "60", "x-ratelimit-limit-tokens": "150000",
		"x-ratelimit-remaining-requests": "5", "x-ratelimit-remaining-tokens": "149984",
		"x-ratelimit-reset-requests": "1m30.5s", "x-ratelimit-reset-tokens": "6ms",
	} {
		h.Set(k, v)
	}
	rl, ok := ParseRateLimits(h)
	want := RateLimits{60, 150000, 5, 149984, 90*time.Second + 500*time.Millisecond, 6 * time.Millisecond}
	if !ok || rl != want {
		t.Fatalf("got %+v %v, want %+v", rl, ok, want)
	}
	if low := rl.Low(); !slices.Equal(low, []string{"requests"}) {
		t.Errorf("low = %v", low)
	}
	if s := rl.Summary(); s != "requests: 5 of 60 left (full again in 1m30.5s); tokens: 149,984 of 150,000 left (full again in 6ms)" {
		t.Errorf("summary = %q", s)
	}
	if _, ok := ParseRateLimits(http.Header{"X-Ratelimit-Limit-Requests": {"lots"}}); ok {
		t.Errorf("unreadable headers parsed as ok")
	}
	if _, ok := ParseRateLimits(nil); ok {
		t.Errorf("nil header parsed as ok")
	}
}

// verdictInvariants are what every verdict must satisfy, whatever came in.
func verdictInvariants(t *testing.T, status int, body []byte, v Verdict) {
	t.Helper()
	if v.Family == "" {
		t.Fatalf("empty family for %d %q", status, body)
	}
	if status >= 200 && status < 300 && v.Family != FamilyOK {
		t.Fatalf("2xx classified as %s", v.Family)
	}
	if v.Family != FamilyOK && v.Family != FamilyBadRequest && v.Code == "" {
		t.Fatalf("family %s without a code", v.Family)
	}
	if !v.JSON && v.Family == FamilyAuth {
		t.Fatalf("a non-JSON body (%q) was read as a key problem", body)
	}
	if v.Family == FamilyScopes && status != 401 && status != 403 {
		t.Fatalf("scopes on status %d", status)
	}
	if n := utf8.RuneCountInString(v.Message); n > maxMessage+1 {
		t.Fatalf("message of %d runes", n)
	}
	for _, r := range v.Message {
		if unicode.IsControl(r) {
			t.Fatalf("control character %U in message %q", r, v.Message)
		}
	}
	for _, s := range v.Scopes {
		if !scopeLike(s) {
			t.Fatalf("odd scope %q", s)
		}
	}
	if v.RequestID != "" && len(v.RequestID) > 80 {
		t.Fatalf("long request id")
	}
}

func FuzzClassify(f *testing.F) {
	f.Add(401, "x-request-id: req_0123456789abcdef0123456789abcdef", []byte(apiErrBody("Incorrect API key provided", "invalid_request_error", "invalid_api_key")))
	f.Add(403, "", []byte(apiErrBody("Missing scopes: api.model.read.", "invalid_request_error", "")))
	f.Add(401, "", []byte(`{"error":"Missing scopes: model.request"}`))
	f.Add(429, "retry-after: 20", []byte(apiErrBody("Rate limit reached", "requests", "rate_limit_exceeded")))
	f.Add(429, "", []byte(apiErrBody("", "insufficient_quota", "credit_balance_exhausted")))
	f.Add(502, "content-type: text/html", []byte("<html><title>502 Bad Gateway</title></html>"))
	f.Add(500, "", []byte(`{"error":{"message":`))
	f.Add(200, "", []byte(`{"object":"list"}`))
	f.Fuzz(func(t *testing.T, status int, rawHeader string, body []byte) {
		h := http.Header{}
		for line := range strings.SplitSeq(rawHeader, "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok {
				h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
			}
		}
		v := Classify(status, h, body)
		verdictInvariants(t, status, body, v)
		if again := Classify(status, h, body); again.Family != v.Family || again.Code != v.Code || again.Message != v.Message {
			t.Fatalf("not deterministic")
		}
		ParseRateLimits(h)
	})
}

func BenchmarkClassify(b *testing.B) {
	h := http.Header{}
	h.Set("x-request-id", "req_0123456789abcdef0123456789abcdef")
	h.Set("retry-after", "20")
	bodies := [][]byte{
		[]byte(apiErrBody("Incorrect API key provided: sk-proj-********abcd. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key")),
		[]byte(apiErrBody("You have insufficient permissions for this operation. Missing scopes: api.model.read, model.request.", "invalid_request_error", "")),
		[]byte(apiErrBody("Rate limit reached for gpt-4o-mini", "requests", "rate_limit_exceeded")),
		[]byte("<html><head><title>502 Bad Gateway</title></head></html>"),
	}
	statuses := []int{401, 403, 429, 502}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Classify(statuses[i%4], h, bodies[i%4])
	}
}
