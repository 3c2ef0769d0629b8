package fakeapi

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

func TestKeysAreWellFormedAndDecode(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range Scenarios() {
		for variant := range 3 {
			k := KeyVariant(sc, variant)
			if v := apikey.Validate(k); v.Severity != apikey.OK || v.Kind != apikey.KindProject {
				t.Errorf("KeyVariant(%q, %d): Validate = %+v, want an OK project key", sc, variant, v)
			}
			if len(k) != 164 || k[82:90] != "T3BlbkFJ" {
				t.Errorf("KeyVariant(%q, %d) layout: len %d, marker %q", sc, variant, len(k), k[82:90])
			}
			if got, ok := decodeKey(k); !ok || got != sc {
				t.Errorf("decodeKey(KeyVariant(%q, %d)) = %q, %v", sc, variant, got, ok)
			}
			if seen[k] {
				t.Errorf("duplicate key for %q/%d", sc, variant)
			}
			seen[k] = true
			if strings.Contains(k, sc) && len(sc) >= 4 {
				t.Errorf("key for %q spells its scenario in clear", sc)
			}
		}
		if k := Key(sc); k != KeyVariant(sc, 0) || k != Key(sc) {
			t.Errorf("Key(%q) is not deterministic", sc)
		}
		if Describe(sc) == "" {
			t.Errorf("Describe(%q) is empty", sc)
		}
	}
}

func TestDecodeRejectsTamperedKeys(t *testing.T) {
	k := Key("ok")
	tampered := []string{
		"", "sk-proj-", k[:len(k)-1], k + "A", k[:100] + flip(k[100]) + k[101:],
		"sk-proj-" + strings.Repeat("A", 156), strings.Replace(k, "sk-proj-", "sk-svcac", 1),
	}
	for _, s := range tampered {
		if sc, ok := decodeKey(s); ok {
			t.Errorf("decodeKey(tampered %d chars) = %q, true; want rejection", len(s), sc)
		}
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func TestRedactEcho(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello", "hello"},
		{"sk-proj-abcdefghijkl", "sk-proj-********ijkl"},
	}
	for _, tt := range tests {
		if got := redactEcho(tt.in); got != tt.want {
			t.Errorf("redactEcho(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	k := Key("ok")
	if got := redactEcho(k); len(got) != len(k) || got[:8] != k[:8] || got[len(got)-4:] != k[len(k)-4:] {
		t.Errorf("redactEcho of a key = %q", got)
	}
}

type reply struct {
	status int
	header http.Header
	body   string
	errObj struct {
		Message string  `json:"message"`
		Type    *string `json:"type"`
		Code    *string `json:"code"`
	}
}

func call(t *testing.T, srv *Server, method, path, key, body string, hdr map[string]string) reply {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, srv.URL()+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, body: string(b)}
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(b, &env) == nil && len(env.Error) > 0 {
		_ = json.Unmarshal(env.Error, &r.errObj)
	}
	return r
}

const paidBody = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":1}`

func TestScenarioAnswers(t *testing.T) {
	srv := New()
	defer srv.Close()
	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	tests := []struct {
		scenario, method, path, body string
		hdr                          map[string]string
		status                       int
		code                         string
		msgHas                       string
	}{
		{"ok", "GET", "/models", "", nil, 200, "", ""},
		{"ok", "GET", "/models/gpt-4o-mini", "", nil, 200, "", ""},
		{"ok", "GET", "/models/nope", "", nil, 404, "model_not_found", "does not exist"},
		{"ok", "POST", "/chat/completions", `{"messages":[]}`, nil, 400, "null", "model parameter"},
		{"ok", "POST", "/chat/completions", paidBody, nil, 200, "", ""},
		{"ok", "GET", "/models", "", map[string]string{"OpenAI-Organization": "org-other"}, 401, "mismatched_organization", "should match"},
		{"ok", "GET", "/models", "", map[string]string{"OpenAI-Project": "proj_other"}, 401, "mismatched_project", "should match"},
		{"ok", "GET", "/models", "", map[string]string{"OpenAI-Organization": OrgID, "OpenAI-Project": ProjectID}, 200, "", ""},
		{"ok", "GET", "/nope", "", nil, 404, "null", "Invalid URL"},
		{"invalid_api_key", "GET", "/models", "", nil, 401, "invalid_api_key", "Incorrect API key provided: sk-proj-*"},
		{"account_deactivated", "GET", "/models", "", nil, 401, "account_deactivated", "deactivated"},
		{"no_organization", "GET", "/models", "", nil, 401, "no_organization", "member of an organization"},
		{"ip_not_authorized", "POST", "/chat/completions", paidBody, nil, 401, "ip_not_authorized", "IP"},
		{"region", "GET", "/models", "", nil, 403, "unsupported_country_region_territory", "Country"},
		{"models_scope_missing", "GET", "/models", "", nil, 403, "null", "Missing scopes: api.model.read"},
		{"models_scope_missing", "POST", "/chat/completions", paidBody, nil, 200, "", ""},
		{"request_scope_missing", "GET", "/models", "", nil, 200, "", ""},
		{"request_scope_missing", "POST", "/chat/completions", `{}`, nil, 401, "null", "Missing scopes: model.request"},
		{"verification", "POST", "/chat/completions", `{"messages":[]}`, nil, 400, "null", ""},
		{"verification", "POST", "/chat/completions", paidBody, nil, 403, "null", "must be verified"},
		{"model_not_found", "POST", "/chat/completions", paidBody, nil, 404, "model_not_found", "does not exist"},
		{"insufficient_quota", "POST", "/chat/completions", paidBody, nil, 429, "insufficient_quota", "quota"},
		{"credit_balance_exhausted", "POST", "/chat/completions", paidBody, nil, 429, "credit_balance_exhausted", "no credits"},
		{"spend_limit", "POST", "/chat/completions", paidBody, nil, 429, "project_spend_limit_exceeded", ""},
		{"rate_limited", "POST", "/chat/completions", paidBody, nil, 429, "rate_limit_exceeded", "Rate limit reached"},
		{"slow_down", "POST", "/chat/completions", paidBody, nil, 429, "slow_down", ""},
		{"overloaded", "GET", "/models", "", nil, 503, "server_is_overloaded", ""},
		{"server_error", "GET", "/models", "", nil, 500, "null", "server had an error"},
		{"bad_gateway_html", "GET", "/models", "", nil, 502, "", ""},
		{"malformed_json", "GET", "/models", "", nil, 200, "", ""},
		{"redirect_other_host", "GET", "/models", "", nil, 307, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.scenario+" "+tt.method+" "+tt.path, func(t *testing.T) {
			r := call(t, srv, tt.method, tt.path, Key(tt.scenario), tt.body, tt.hdr)
			if r.status != tt.status {
				t.Fatalf("status = %d, want %d; body %s", r.status, tt.status, r.body)
			}
			if tt.code != "" && str(r.errObj.Code) != tt.code {
				t.Errorf("code = %s, want %s", str(r.errObj.Code), tt.code)
			}
			if !strings.Contains(r.errObj.Message, tt.msgHas) {
				t.Errorf("message %q lacks %q", r.errObj.Message, tt.msgHas)
			}
			id := r.header.Get("x-request-id")
			if len(id) != 36 || !strings.HasPrefix(id, "req_") {
				t.Errorf("x-request-id = %q", id)
			}
			if r.header.Get("openai-version") != "2020-10-01" {
				t.Errorf("openai-version missing")
			}
		})
	}
}

func TestSuccessHeaders(t *testing.T) {
	srv := New()
	defer srv.Close()
	r := call(t, srv, "POST", "/chat/completions", Key("ok"), paidBody, nil)
	for _, h := range []string{"x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests",
		"x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "openai-processing-ms"} {
		if r.header.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	if got := r.header.Get("openai-organization"); got != OrgName {
		t.Errorf("openai-organization = %q, want %q", got, OrgName)
	}
	if got := r.header.Get("openai-project"); got != ProjectID {
		t.Errorf("openai-project = %q, want %q", got, ProjectID)
	}
	if srv.PaidCalls() != 1 || srv.Count("/v1/chat/completions") != 1 {
		t.Errorf("PaidCalls = %d, Count = %d; want 1, 1", srv.PaidCalls(), srv.Count("/v1/chat/completions"))
	}
	call(t, srv, "POST", "/chat/completions", Key("ok"), `{"messages":[]}`, nil)
	if srv.PaidCalls() != 1 || srv.Count("/v1/chat/completions") != 2 {
		t.Errorf("after an invalid body: PaidCalls = %d, Count = %d; want 1, 2", srv.PaidCalls(), srv.Count("/v1/chat/completions"))
	}
}

func TestMissingAndUnknownKeys(t *testing.T) {
	srv := New()
	defer srv.Close()
	r := call(t, srv, "GET", "/models", "", "", nil)
	if r.status != 401 || !strings.Contains(r.errObj.Message, "You didn't provide an API key") || r.errObj.Code != nil {
		t.Errorf("no key: %d %s", r.status, r.body)
	}
	other := "sk-proj-" + strings.Repeat("x", 74) + "T3BlbkFJ" + strings.Repeat("y", 70) + "WXYZ"
	r = call(t, srv, "GET", "/models", other, "", nil)
	want := "Incorrect API key provided: sk-proj-" + strings.Repeat("*", len(other)-12) + "WXYZ."
	if r.status != 401 || !strings.Contains(r.errObj.Message, want) {
		t.Errorf("unknown key: %d %s", r.status, r.errObj.Message)
	}
	if strings.Contains(r.body, "xxxxxxxxxxxx") {
		t.Errorf("echo leaks the key: %s", r.body)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].HasAuth || !reqs[1].HasAuth || reqs[1].Scenario != "" {
		t.Errorf("Requests() = %+v", reqs)
	}
}

func TestRevoke(t *testing.T) {
	oldKey, newKey := KeyVariant("ok", 1), KeyVariant("ok", 2)
	srv := New(WithRevokeAfter(oldKey, 2))
	defer srv.Close()
	var got []int
	for range 4 {
		got = append(got, call(t, srv, "GET", "/models", oldKey, "", nil).status)
	}
	if want := []int{200, 200, 401, 401}; !equalInts(got, want) {
		t.Errorf("revoke after 2: statuses %v, want %v", got, want)
	}
	if s := call(t, srv, "GET", "/models", newKey, "", nil).status; s != 200 {
		t.Errorf("new key: %d", s)
	}
	srv.Revoke(newKey)
	if s := call(t, srv, "GET", "/models", newKey, "", nil).status; s != 401 {
		t.Errorf("revoked key: %d", s)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRedirectGoesToOtherHost(t *testing.T) {
	srv := New()
	defer srv.Close()
	r := call(t, srv, "GET", "/models", Key("redirect_other_host"), "", nil)
	loc := r.header.Get("Location")
	if r.status != 307 || !strings.HasPrefix(loc, strings.TrimSuffix(srv.OtherHostURL(), "/v1")) || loc == "" {
		t.Fatalf("redirect: %d Location %q", r.status, loc)
	}
	// A client that follows it with the header shows up in OtherHost.
	req, _ := http.NewRequestWithContext(t.Context(), "GET", loc, nil)
	req.Header.Set("Authorization", "Bearer x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n, auth := srv.OtherHost(); n != 1 || auth != 1 {
		t.Errorf("OtherHost() = %d, %d; want 1, 1", n, auth)
	}
}

func TestHangEndsWithTheClientAndClose(t *testing.T) {
	srv := New()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/models", nil)
	req.Header.Set("Authorization", "Bearer "+Key("hang"))
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("hang answered")
	}
	// A hanging request from a client without a timeout must not block Close.
	go func() {
		req, _ := http.NewRequest("GET", srv.URL()+"/models", nil)
		req.Header.Set("Authorization", "Bearer "+Key("hang"))
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	for srv.Count("/v1/models") < 2 {
		time.Sleep(time.Millisecond) // polling for the request to arrive, not a synchronisation sleep
	}
	srv.Close()
}

func TestWithAddr(t *testing.T) {
	srv := New(WithAddr("127.0.0.1:0"))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || !strings.HasSuffix(srv.URL(), "/v1") {
		t.Errorf("URL() = %q", srv.URL())
	}
}
