package checks

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// apiWant is the expected status and code of one check.
type apiWant struct {
	status Status
	code   Code
}

var (
	apiPass = apiWant{Pass, ""}
	apiSkip = apiWant{Skip, ""}
)

// apiTestClient is a client like the CLI's: its own timeout, no retries.
func apiTestClient() *http.Client { return &http.Client{Timeout: 5 * time.Second} }

func apiTestRequest(srv *fakeapi.Server, scenario string) APIRequest {
	return APIRequest{BaseURL: srv.URL(), Key: apikey.New(fakeapi.Key(scenario)), Model: "gpt-4o-mini", Client: apiTestClient()}
}

func apiRunAll(t *testing.T, req APIRequest) []Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	res := RunAPI(ctx, req, func(string) bool { return true })
	apiAssertNoLeak(t, req.Key.Reveal(), res)
	return res
}

func apiByID(t *testing.T, res []Result, id string) Result {
	t.Helper()
	for _, r := range res {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", id, res)
	return Result{}
}

// apiAssertNoLeak fails if the raw key, or any 12-character slice of its
// secret part, appears in any result field, in %+v, or in the JSON.
func apiAssertNoLeak(t *testing.T, key string, res []Result) {
	t.Helper()
	js, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{fmt.Sprintf("%+v", res), fmt.Sprintf("%#v", res), string(js)}
	for _, r := range res {
		texts = append(texts, r.ID, string(r.Code), r.Summary, r.Fix, r.URL, r.RequestID)
		texts = append(texts, r.Detail...)
	}
	secret := key
	if i := strings.LastIndex(key[:min(len(key), 12)], "-"); i >= 0 {
		secret = key[i+1:]
	}
	for _, s := range texts {
		if strings.Contains(s, key) {
			t.Fatalf("the raw key appears in results: %q", s)
		}
		for i := 0; i+12 <= len(secret); i++ {
			if strings.Contains(s, secret[i:i+12]) {
				t.Fatalf("a 12-character slice of the key (%d:%d) appears in results: %q", i, i+12, s)
			}
		}
	}
}

// apiCheck compares results with the expected status and code per id, and
// asserts what every non-pass result must carry.
func apiCheck(t *testing.T, res []Result, want map[string]apiWant) {
	t.Helper()
	ids := []string{NetReach, APIAuth, APIPermissions, APIModel, APIBilling, APIRateLimit}
	if len(res) != len(ids) {
		t.Fatalf("got %d results, want %d: %+v", len(res), len(ids), res)
	}
	for i, id := range ids {
		r := res[i]
		if r.ID != id {
			t.Fatalf("result %d is %s, want %s (order)", i, r.ID, id)
		}
		w, ok := want[id]
		if !ok {
			w = apiPass
		}
		if r.Status != w.status || r.Code != w.code {
			t.Errorf("%s = %s/%s, want %s/%s; summary %q detail %q", id, r.Status, r.Code, w.status, w.code, r.Summary, r.Detail)
		}
		if r.Summary == "" || strings.Contains(r.Summary, "\n") {
			t.Errorf("%s summary %q: want one non-empty line", id, r.Summary)
		}
		if r.Status == Skip && !strings.HasPrefix(r.Summary, "skipped: ") {
			t.Errorf("%s skip summary %q: want the reason", id, r.Summary)
		}
		if (r.Status == Fail || r.Status == Warn) && (r.Code == "" || r.Fix == "") {
			t.Errorf("%s %s needs a code and a fix: %+v", id, r.Status, r)
		}
	}
}

func TestRunAPIScenarios(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithSlowLatency(30 * time.Millisecond))
	defer srv.Close()
	authFail := func(code Code) map[string]apiWant {
		return map[string]apiWant{APIAuth: {Fail, code}, APIPermissions: apiSkip, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip}
	}
	noCall := map[string]apiWant{APIPermissions: {Fail, "missing_scopes"}, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip}
	quota := func(code Code) map[string]apiWant {
		return map[string]apiWant{APIBilling: {Fail, code}, APIRateLimit: apiSkip}
	}
	tests := []struct {
		scenario string
		want     map[string]apiWant
		url      map[string]string // id -> dashboard URL
		fixHas   map[string]string // id -> text the fix must hold
		sumHas   map[string]string // id -> text the summary must hold
		noReqID  bool              // no API failure, so no request id
	}{
		{scenario: "ok", noReqID: true, sumHas: map[string]string{APIAuth: "organization fake-org, project " + fakeapi.ProjectID, APIModel: "gpt-4o-mini", APIBilling: "gpt-4o-mini", APIRateLimit: "499 of 500"}},
		{scenario: "slow", noReqID: true},
		{scenario: "low_headroom", want: map[string]apiWant{APIRateLimit: {Warn, "low_headroom"}}, url: map[string]string{APIRateLimit: apiURLLimits}, noReqID: true},
		{scenario: "invalid_api_key", want: authFail("invalid_api_key"), url: map[string]string{APIAuth: apiURLKeys},
			fixHas: map[string]string{APIAuth: "openai-setup rotate"}, sumHas: map[string]string{APIAuth: "sk-proj-…"}},
		{scenario: "echo_key", want: authFail("invalid_api_key")},
		{scenario: "account_deactivated", want: authFail("account_deactivated")},
		{scenario: "no_organization", want: authFail("no_organization"), url: map[string]string{APIAuth: apiURLGeneral}},
		{scenario: "mismatched_organization", want: authFail("mismatched_organization"), url: map[string]string{APIAuth: apiURLGeneral}},
		{scenario: "mismatched_project", want: authFail("mismatched_project"), url: map[string]string{APIAuth: apiURLProjects}},
		{scenario: "ip_not_authorized", want: authFail("ip_not_authorized"), fixHas: map[string]string{APIAuth: "IP allowlist"}},
		{scenario: "region", want: authFail("unsupported_region"), url: map[string]string{APIAuth: apiURLCountries}},
		{scenario: "models_scope_missing", want: map[string]apiWant{APIPermissions: {Fail, "missing_scopes"}},
			fixHas: map[string]string{APIPermissions: "Models → Read"}, sumHas: map[string]string{APIPermissions: "api.model.read"}, url: map[string]string{APIPermissions: apiURLKeys}},
		{scenario: "request_scope_missing", want: noCall,
			fixHas: map[string]string{APIPermissions: "Model capabilities → Request"}, sumHas: map[string]string{APIPermissions: "model.request", APIModel: "gpt-4o-mini"}},
		{scenario: "string_envelope", want: noCall, fixHas: map[string]string{APIPermissions: "Model capabilities → Request"}},
		{scenario: "verification", want: map[string]apiWant{APIModel: {Fail, "verification_required"}, APIBilling: apiSkip, APIRateLimit: apiSkip},
			url: map[string]string{APIModel: apiURLGeneral}, fixHas: map[string]string{APIModel: "Verify Organization"}, sumHas: map[string]string{APIModel: "gpt-4o-mini"}},
		{scenario: "model_not_found", want: map[string]apiWant{APIModel: {Fail, "model_not_found"}, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{scenario: "insufficient_quota", want: quota("insufficient_quota"), url: map[string]string{APIBilling: apiURLBilling}, fixHas: map[string]string{APIBilling: "Add to credit balance"}},
		{scenario: "credit_balance_exhausted", want: quota("credit_balance_exhausted"), url: map[string]string{APIBilling: apiURLBilling}},
		{scenario: "spend_limit", want: quota("spend_limit"), url: map[string]string{APIBilling: apiURLLimits}, sumHas: map[string]string{APIBilling: "project's monthly budget"}},
		{scenario: "usage_limit", want: quota("spend_limit"), url: map[string]string{APIBilling: apiURLLimits}},
		{scenario: "billing_not_active", want: quota("billing_not_active"), url: map[string]string{APIBilling: apiURLBilling}},
		{scenario: "rate_limited", want: map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: apiSkip, APIRateLimit: {Warn, "rate_limited"}},
			sumHas: map[string]string{APIRateLimit: "retry after 20s"}, url: map[string]string{APIRateLimit: apiURLLimits}},
		{scenario: "slow_down", want: map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: apiSkip, APIRateLimit: {Warn, "slow_down"}}},
		{scenario: "overloaded", want: authFail("overloaded"), url: map[string]string{APIAuth: apiURLStatus}},
		{scenario: "server_error", want: authFail("server_error"), url: map[string]string{APIAuth: apiURLStatus}},
		{scenario: "bad_gateway_html", want: authFail("server_error"), sumHas: map[string]string{APIAuth: "not a problem with your key"}},
		{scenario: "malformed_json", want: authFail("unexpected_response")},
		{scenario: "regional_hostname", want: authFail(CodeRegionalHostname),
			fixHas: map[string]string{APIAuth: "OPENAI_BASE_URL=https://us.api.openai.com/v1"}, sumHas: map[string]string{APIAuth: "was recognised"}},
		{scenario: "regional_hostname_global", want: authFail(CodeRegionalHostname), fixHas: map[string]string{APIAuth: "unset OPENAI_BASE_URL"}},
		{scenario: "empty_object", want: authFail(CodeUnexpectedResponse), sumHas: map[string]string{APIAuth: "not with the API's list of models"}},
		{scenario: "giant_array", want: authFail(CodeUnexpectedResponse)},
		{scenario: "completion_empty_object", want: map[string]apiWant{APIModel: {Fail, CodeUnexpectedResponse}, APIBilling: {Fail, CodeUnexpectedResponse}, APIRateLimit: apiSkip},
			sumHas: map[string]string{APIModel: "not a chat completion", APIBilling: "not a chat completion"}},
		{scenario: "redirect_other_host", want: authFail("unexpected_response"), sumHas: map[string]string{APIAuth: "redirected"}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			res := apiRunAll(t, apiTestRequest(srv, tt.scenario))
			apiCheck(t, res, tt.want)
			for id, u := range tt.url {
				if got := apiByID(t, res, id).URL; got != u {
					t.Errorf("%s url = %q, want %q", id, got, u)
				}
			}
			for id, s := range tt.fixHas {
				if got := apiByID(t, res, id).Fix; !strings.Contains(got, s) {
					t.Errorf("%s fix %q lacks %q", id, got, s)
				}
			}
			for id, s := range tt.sumHas {
				if got := apiByID(t, res, id).Summary; !strings.Contains(got, s) {
					t.Errorf("%s summary %q lacks %q", id, got, s)
				}
			}
			for _, r := range res {
				apiFailure := (r.Status == Fail || r.Status == Warn) && r.Code != "not_proven" && r.Code != "low_headroom"
				if apiFailure && tt.scenario != "redirect_other_host" && !strings.HasPrefix(r.RequestID, "req_") {
					t.Errorf("%s %s/%s has no request id", r.ID, r.Status, r.Code)
				}
				if tt.noReqID && r.RequestID != "" {
					t.Errorf("%s has a request id %q on success", r.ID, r.RequestID)
				}
			}
		})
	}
	if n, auth := srv.OtherHost(); auth != 0 || n != 0 {
		t.Errorf("the other host got %d requests, %d with Authorization; want none", n, auth)
	}
}

func TestRunAPIInvalidKeyFixMentionsLeaks(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	r := apiByID(t, apiRunAll(t, apiTestRequest(srv, "invalid_api_key")), APIAuth)
	for _, s := range []string{"openai-setup rotate", "leaked", apiURLKeys} {
		if !strings.Contains(r.Fix, s) {
			t.Errorf("fix %q lacks %q", r.Fix, s)
		}
	}
	if len(r.Detail) == 0 || !strings.Contains(r.Detail[0], "Incorrect API key provided") {
		t.Errorf("detail should quote the server: %q", r.Detail)
	}
}

func TestRunAPINoSpend(t *testing.T) {
	tests := []struct {
		scenario string
		want     map[string]apiWant
	}{
		{"ok", map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{"model_not_found", map[string]apiWant{APIModel: {Fail, "model_not_found"}, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{"insufficient_quota", map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{"models_scope_missing", map[string]apiWant{APIPermissions: {Fail, "missing_scopes"}, APIModel: {Warn, "not_proven"}, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{"request_scope_missing", map[string]apiWant{APIPermissions: {Fail, "missing_scopes"}, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip}},
		{"invalid_api_key", map[string]apiWant{APIAuth: {Fail, "invalid_api_key"}, APIPermissions: apiSkip, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			req := apiTestRequest(srv, tt.scenario)
			req.NoSpend = true
			res := apiRunAll(t, req)
			apiCheck(t, res, tt.want)
			if n := srv.PaidCalls(); n != 0 {
				t.Errorf("--no-spend made %d paid calls", n)
			}
			if b := apiByID(t, res, APIBilling); !strings.Contains(b.Summary, "--no-spend") {
				t.Errorf("billing summary %q should name --no-spend", b.Summary)
			}
			if m := apiByID(t, res, APIModel); m.Status == Warn && !strings.Contains(m.Summary, "gpt-4o-mini is listed") && tt.scenario != "models_scope_missing" {
				t.Errorf("model summary %q", m.Summary)
			}
		})
	}
}

func TestRunAPISpendMakesExactlyOnePaidCall(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	apiRunAll(t, apiTestRequest(srv, "ok"))
	if n := srv.PaidCalls(); n != 1 {
		t.Errorf("paid calls = %d, want 1", n)
	}
	for _, path := range []string{"/v1/models", "/v1/models/gpt-4o-mini"} {
		if n := srv.Count(path); n != 1 {
			t.Errorf("%s requests = %d, want 1", path, n)
		}
	}
	if n := srv.Count("/v1/chat/completions"); n != 2 {
		t.Errorf("chat requests = %d, want 2 (free scope probe + paid call)", n)
	}
}

func TestRunAPIOnlyWantedChecks(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	res := RunAPI(t.Context(), req, func(id string) bool { return id == NetReach || id == APIAuth })
	if len(res) != 2 || res[0].ID != NetReach || res[1].ID != APIAuth {
		t.Fatalf("got %+v", res)
	}
	if srv.PaidCalls() != 0 || srv.Count("/v1/chat/completions") != 0 {
		t.Errorf("only auth wanted, but chat completions were called")
	}
}

func TestRunAPISendsOrgAndProjectHeaders(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.OrgID, req.ProjectID = fakeapi.OrgID, fakeapi.ProjectID
	apiCheck(t, apiRunAll(t, req), nil)
	reqs := srv.Requests()
	if len(reqs) != 4 {
		t.Fatalf("got %d requests, want 4", len(reqs))
	}
	for _, r := range reqs {
		if r.Org != fakeapi.OrgID || r.Project != fakeapi.ProjectID || !r.HasAuth {
			t.Errorf("%s %s: org %q project %q auth %v", r.Method, r.Path, r.Org, r.Project, r.HasAuth)
		}
	}

	req.ProjectID = "proj_stale0000000000000000000"
	res := apiRunAll(t, req)
	auth := apiByID(t, res, APIAuth)
	if auth.Code != "mismatched_project" || !strings.Contains(auth.Summary, "OPENAI_PROJECT_ID") || !strings.Contains(auth.Fix, "unset OPENAI_PROJECT_ID") {
		t.Errorf("stale project: %+v", auth)
	}
	req.ProjectID, req.OrgID = "", "org-stale000000000000000000"
	auth = apiByID(t, apiRunAll(t, req), APIAuth)
	if auth.Code != "mismatched_organization" || !strings.Contains(auth.Fix, "OPENAI_ORG_ID") {
		t.Errorf("stale org: %+v", auth)
	}
}

func TestRunAPIBaseURLForms(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for _, base := range []string{srv.URL(), srv.URL() + "/", " " + srv.URL() + "// "} {
		req := apiTestRequest(srv, "ok")
		req.BaseURL = base
		apiCheck(t, apiRunAll(t, req), nil)
	}
}

func TestRunAPIModelNamesAreEscaped(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.Model = "ft:gpt-4o-mini:acme/odd name?x=1"
	res := apiRunAll(t, req)
	m := apiByID(t, res, APIModel)
	if m.Code != "model_not_found" || !strings.Contains(m.Summary, req.Model) {
		t.Errorf("odd model: %+v", m)
	}
	if n := srv.Count("/v1/models/" + req.Model); n != 1 {
		t.Errorf("lookup of the escaped id arrived %d times", n)
	}
}

func TestRunAPIHangEndsAtTheDeadline(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "hang")
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	res := RunAPI(ctx, req, func(string) bool { return true })
	took := time.Since(start)
	apiAssertNoLeak(t, req.Key.Reveal(), res)
	apiCheck(t, res, map[string]apiWant{APIAuth: {Fail, "timeout"}, APIPermissions: apiSkip, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip})
	if took > 3*time.Second {
		t.Errorf("RunAPI against a hanging server took %v after a 100ms deadline", took)
	}
	t.Logf("hang: returned after %v", took)
}

// The three free probes run at once: the fake holds every answer until
// three are in flight, so probes sent one by one would time out instead.
// (The paid call waits for the model list; see TestBillingCallsTheSnapshot.)
func TestRunAPIConcurrentProbes(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithHoldUntil(3))
	defer srv.Close()
	apiCheck(t, apiRunAll(t, apiTestRequest(srv, "ok")), nil)
	if p := srv.PeakInFlight(); p < 3 {
		t.Errorf("at most %d probes were in flight at once, want the 3 free ones", p)
	}
}

func TestCheckAuth(t *testing.T) {
	oldKey := fakeapi.KeyVariant("ok", 7)
	srv := fakeapi.New(fakeapi.WithRevokeAfter(oldKey, 1))
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.Key = apikey.New(oldKey)
	if r := CheckAuth(t.Context(), req); r.ID != APIAuth || r.Status != Pass {
		t.Errorf("first CheckAuth = %+v, want pass", r)
	}
	r := CheckAuth(t.Context(), req)
	if r.Status != Fail || r.Code != "invalid_api_key" || !strings.HasPrefix(r.RequestID, "req_") {
		t.Errorf("revoked CheckAuth = %+v", r)
	}
	apiAssertNoLeak(t, oldKey, []Result{r})
	if srv.Count("/v1/chat/completions") != 0 || srv.Count("/v1/models") != 2 {
		t.Errorf("CheckAuth must only GET /models")
	}

	hang := apiTestRequest(srv, "hang")
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if r := CheckAuth(ctx, hang); r.Status != Fail || r.Code != "timeout" {
		t.Errorf("CheckAuth on a hang = %+v, want fail/timeout", r)
	}

	bad := apiTestRequest(srv, "ok")
	bad.BaseURL = "http://example.com/v1"
	if r := CheckAuth(t.Context(), bad); r.ID != APIAuth || r.Code != "insecure_base_url" {
		t.Errorf("CheckAuth with an insecure base URL = %+v", r)
	}
}

// apiCustomServer answers like the API but lets a test choose the answer
// per request.
func apiCustomServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts.URL + "/v1"
}

func TestRunAPIRateHeadersOnFreeResponses(t *testing.T) {
	base := apiCustomServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-ratelimit-limit-requests", "100")
		w.Header().Set("x-ratelimit-remaining-requests", "99")
		w.Header().Set("x-ratelimit-reset-requests", "600ms")
		if r.Method == http.MethodPost {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(apiErrBody("you must provide a model parameter", "invalid_request_error", "")))
			return
		}
		_, _ = w.Write([]byte(`{"object":"list","data":[]}`))
	})
	req := APIRequest{BaseURL: base, Key: apikey.New(fakeapi.Key("ok")), NoSpend: true, Client: apiTestClient()}
	res := apiRunAll(t, req)
	apiCheck(t, res, map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: apiSkip})
	if s := apiByID(t, res, APIRateLimit).Summary; !strings.Contains(s, "99 of 100 left (full again in 600ms)") {
		t.Errorf("ratelimit summary %q", s)
	}
}

func TestRunAPIPaidCallTimesOut(t *testing.T) {
	base := apiCustomServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method == http.MethodPost && strings.Contains(string(body), `"model"`) {
			<-r.Context().Done() // the paid call never answers
			return
		}
		if r.Method == http.MethodPost {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(apiErrBody("you must provide a model parameter", "invalid_request_error", "")))
			return
		}
		_, _ = w.Write([]byte(`{"object":"list","data":[]}`))
	})
	req := APIRequest{BaseURL: base, Key: apikey.New(fakeapi.Key("ok")), Client: apiTestClient()}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	res := RunAPI(ctx, req, func(string) bool { return true })
	apiAssertNoLeak(t, req.Key.Reveal(), res)
	apiCheck(t, res, map[string]apiWant{APIModel: {Warn, "not_proven"}, APIBilling: {Fail, "timeout"}, APIRateLimit: apiSkip})
}

func TestRunAPIServerSaysNoKeyArrived(t *testing.T) {
	base := apiCustomServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(401)
		_, _ = w.Write([]byte(apiErrBody("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", "")))
	})
	res := apiRunAll(t, APIRequest{BaseURL: base, Key: apikey.New(fakeapi.Key("ok")), Client: apiTestClient()})
	auth := apiByID(t, res, APIAuth)
	if auth.Code != "unexpected_response" || !strings.Contains(auth.Summary, "Authorization header") {
		t.Errorf("no key arrived: %+v", auth)
	}
}

func TestRunAPIWrongBasePath(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.BaseURL = strings.TrimSuffix(srv.URL(), "/v1")
	auth := apiByID(t, apiRunAll(t, req), APIAuth)
	if auth.Code != "unexpected_response" || !strings.Contains(auth.Fix, "/v1") {
		t.Errorf("base URL without /v1: %+v", auth)
	}
}

// Every code the fake's scenarios produce is listed in the catalog, so
// --list-checks and the README table stay true.
func TestRunAPICodesAreInTheCatalog(t *testing.T) {
	codes := map[string]map[Code]bool{}
	for _, s := range Catalog() {
		codes[s.ID] = map[Code]bool{}
		for _, c := range s.Codes {
			codes[s.ID][c] = true
		}
	}
	srv := fakeapi.New(fakeapi.WithSlowLatency(time.Millisecond))
	defer srv.Close()
	for _, sc := range fakeapi.Scenarios() {
		if sc == "hang" {
			continue
		}
		for _, noSpend := range []bool{false, true} {
			req := apiTestRequest(srv, sc)
			req.NoSpend = noSpend
			for _, r := range apiRunAll(t, req) {
				if r.Code != "" && !codes[r.ID][r.Code] {
					t.Errorf("%s (no-spend %v): %s code %q is not in the catalog", sc, noSpend, r.ID, r.Code)
				}
			}
		}
	}
}
