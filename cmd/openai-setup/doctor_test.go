package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// runDoctorJSON runs doctor --json and decodes the one document on stdout.
func runDoctorJSON(t *testing.T, tr *testRun, args ...string) (jsonReport, int) {
	t.Helper()
	code := tr.run(t, append([]string{"doctor", "--json"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal(tr.out.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s\nstderr: %s", err, tr.out, tr.err)
	}
	return rep, code
}

func checkByID(rep jsonReport, id string) jsonCheck {
	for _, c := range rep.Checks {
		if c.ID == id {
			return c
		}
	}
	return jsonCheck{ID: id, Status: "missing"}
}

func TestDoctorScenarios(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tests := []struct {
		scenario   string
		id, status string
		code       string
		exit       int
	}{
		{"ok", "api.billing", "pass", "", exitOK},
		{"invalid_api_key", "api.auth", "fail", "invalid_api_key", exitFailed},
		{"account_deactivated", "api.auth", "fail", "account_deactivated", exitFailed},
		{"no_organization", "api.auth", "fail", "no_organization", exitFailed},
		{"ip_not_authorized", "api.auth", "fail", "ip_not_authorized", exitFailed},
		{"region", "api.auth", "fail", "unsupported_region", exitFailed},
		{"models_scope_missing", "api.permissions", "fail", "missing_scopes", exitFailed},
		{"request_scope_missing", "api.permissions", "fail", "missing_scopes", exitFailed},
		{"verification", "api.model", "fail", "verification_required", exitFailed},
		{"model_not_found", "api.model", "fail", "model_not_found", exitFailed},
		{"insufficient_quota", "api.billing", "fail", "insufficient_quota", exitFailed},
		{"credit_balance_exhausted", "api.billing", "fail", "credit_balance_exhausted", exitFailed},
		{"spend_limit", "api.billing", "fail", "spend_limit", exitFailed},
		{"rate_limited", "api.ratelimit", "", "rate_limited", -1},
		{"overloaded", "api.auth", "fail", "overloaded", exitFailed},
		{"server_error", "api.auth", "fail", "server_error", exitFailed},
		{"bad_gateway_html", "api.auth", "fail", "server_error", exitFailed},
		{"malformed_json", "api.auth", "fail", "unexpected_response", exitFailed},
		{"string_envelope", "api.permissions", "fail", "missing_scopes", exitFailed},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			key := fakeapi.Key(tt.scenario)
			tr := newTestRun(t, "OPENAI_API_KEY="+key)
			rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--timeout", "5s", "--check", tt.id)
			c := checkByID(rep, tt.id)
			if tt.status != "" && string(c.Status) != tt.status || c.Code != tt.code {
				t.Errorf("%s = %s/%s, want %s/%s (%s)", tt.id, c.Status, c.Code, tt.status, tt.code, c.Summary)
			}
			if tt.exit >= 0 && code != tt.exit {
				t.Errorf("exit = %d, want %d", code, tt.exit)
			}
			if c.Status == "fail" && (c.Fix == "" || c.Summary == "") {
				t.Errorf("a failure needs a summary and a fix: %+v", c)
			}
			if strings.HasPrefix(tt.id, "api.") && c.Status == "fail" && c.RequestID == "" {
				t.Errorf("an API failure must carry the request id: %+v", c)
			}
			assertNoLeak(t, key, tr.out.String()+tr.err.String())

			// The text report says the same and leaks nothing either.
			tr2 := newTestRun(t, "OPENAI_API_KEY="+key)
			tr2.run(t, "doctor", "--base-url", srv.URL(), "--timeout", "5s", "--check", tt.id, "-v")
			assertNoLeak(t, key, tr2.out.String()+tr2.err.String())
			if tt.code != "" && !strings.Contains(tr2.out.String(), "code: "+tt.code) {
				t.Errorf("text report lacks code %s:\n%s", tt.code, tr2.out)
			}
		})
	}
}

func TestDoctorJSONSchema(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t, "OPENAI_API_KEY="+key)
	gitInit(t, tr.app.Dir)
	rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL())
	if code != exitOK || !rep.OK {
		t.Fatalf("exit %d ok %v; checks %+v", code, rep.OK, rep.Checks)
	}
	if rep.SchemaVersion != 1 || rep.Key == nil || rep.Key.Kind != "project" || rep.Key.Source != "environment" || !strings.HasPrefix(rep.Key.Fingerprint, "sk-proj-…") {
		t.Errorf("header = %+v key %+v", rep, rep.Key)
	}
	if len(rep.Checks) != len(checks.Catalog()) {
		t.Errorf("got %d checks, want all %d", len(rep.Checks), len(checks.Catalog()))
	}
	var raw map[string]any
	_ = json.Unmarshal(tr.out.Bytes(), &raw)
	for _, field := range []string{"schema_version", "ok", "key", "sources", "checks"} {
		if _, ok := raw[field]; !ok {
			t.Errorf("JSON lacks %q", field)
		}
	}
	if tr.err.Len() != 0 {
		t.Errorf("stderr should be empty on success: %s", tr.err)
	}
	assertNoLeak(t, key, tr.out.String())
}

func TestDoctorNoSpendMakesNoPaidCall(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, "OPENAI_API_KEY="+fakeapi.Key("ok"))
	rep, _ := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--no-spend")
	if n := srv.PaidCalls(); n != 0 {
		t.Errorf("--no-spend made %d paid calls", n)
	}
	if c := checkByID(rep, "api.billing"); c.Status != "skip" {
		t.Errorf("api.billing = %s, want skip", c.Status)
	}
	if c := checkByID(rep, "api.model"); c.Status != "warn" || c.Code != "not_proven" {
		t.Errorf("api.model = %s/%s, want warn/not_proven", c.Status, c.Code)
	}
}

func TestDoctorReadsBaseURLFromEnvironment(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, "OPENAI_API_KEY="+fakeapi.Key("ok"), "OPENAI_BASE_URL="+srv.URL())
	rep, code := runDoctorJSON(t, tr, "--check", "api.auth")
	if code != exitOK || rep.BaseURL != srv.URL() || srv.Count("/v1/models") == 0 {
		t.Errorf("exit %d base %q (want %q), /v1/models hits %d", code, rep.BaseURL, srv.URL(), srv.Count("/v1/models"))
	}
}

func TestDoctorNeverSendsShellKeyToAHostFromADotenvFile(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, "OPENAI_API_KEY="+fakeapi.Key("ok"))
	// A cloned repository's .env points the base URL somewhere else.
	env := "OPENAI_BASE_URL=http://attacker.example/v1\n"
	if err := os.WriteFile(filepath.Join(tr.app.Dir, ".env"), []byte(env), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, _ := runDoctorJSON(t, tr, "--check", "api.auth")
	if c := checkByID(rep, "net.reach"); c.Code != "base_url_from_file" {
		t.Errorf("net.reach = %s/%s, want base_url_from_file", c.Status, c.Code)
	}
	if c := checkByID(rep, "api.auth"); c.Status != "skip" {
		t.Errorf("api.auth = %s, want skip", c.Status)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func TestDoctorNoKey(t *testing.T) {
	tr := newTestRun(t)
	rep, code := runDoctorJSON(t, tr, "--base-url", "http://127.0.0.1:9/v1")
	if code != exitFailed || rep.Key != nil {
		t.Errorf("exit %d key %+v", code, rep.Key)
	}
	if c := checkByID(rep, "key.found"); c.Status != "fail" || c.Code != "no_key" {
		t.Errorf("key.found = %s/%s", c.Status, c.Code)
	}
	if c := checkByID(rep, "api.auth"); c.Status != "skip" {
		t.Errorf("api.auth = %s, want skip when there is no key", c.Status)
	}
}

func TestDoctorNeverSendsAnAdminKey(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	admin := "sk-admin-" + strings.Repeat("A", 58) + "T3BlbkFJ" + strings.Repeat("b", 58)
	tr := newTestRun(t, "OPENAI_API_KEY="+admin)
	rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL())
	if c := checkByID(rep, "key.format"); c.Code != "admin_key" || code != exitFailed {
		t.Errorf("key.format = %s/%s exit %d", c.Status, c.Code, code)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("an admin key was sent: %d requests", n)
	}
	assertNoLeak(t, admin, tr.out.String())
}

func TestDoctorTextReport(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("credit_balance_exhausted")
	tr := newTestRun(t, "OPENAI_API_KEY="+key)
	code := tr.run(t, "doctor", "--base-url", srv.URL())
	out := tr.out.String()
	for _, want := range []string{"Which key is used", "environment", "← used", "[✗] api.billing", "code: credit_balance_exhausted", "fix: ", "billing/overview", "Problems found"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("piped output has escape codes")
	}
	if code != exitFailed {
		t.Errorf("exit = %d", code)
	}
}

// TestDoctorLeftoverTemp: a temporary file an interrupted write left beside
// .env, holding a key, is a warning (exit 0, like every warning) in JSON
// and text alike, and neither shows the key. No request is made: only the
// local checks run.
func TestDoctorLeftoverTemp(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	left := filepath.Join(tr.app.Dir, ".env.tmp-42")
	for name, content := range map[string]string{
		".env":        "OPENAI_API_KEY=" + key + "\n",
		".gitignore":  ".env\n",
		".env.tmp-42": "OPENAI_API_KEY=" + key + "\nDEB",
	} {
		if err := os.WriteFile(filepath.Join(tr.app.Dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rep, code := runDoctorJSON(t, tr, "--check", "env.gitignore")
	c := checkByID(rep, "env.gitignore")
	if c.Status != "warn" || c.Code != "leftover_temp" || !strings.HasPrefix(c.Fix, "rm "+left) || !strings.Contains(c.Summary, left) {
		t.Errorf("env.gitignore = %+v, want a leftover_temp warning naming %s", c, left)
	}
	if code != exitOK || !rep.OK {
		t.Errorf("exit %d ok %v, want a warning to exit 0", code, rep.OK)
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())

	tr2 := newTestRun(t)
	tr2.app.Dir = tr.app.Dir
	code = tr2.run(t, "doctor", "--check", "env.gitignore", "-v")
	out := tr2.out.String()
	for _, want := range []string{"[!] env.gitignore", "code: leftover_temp", "fix: rm ", "Working, with warnings."} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if code != exitOK {
		t.Errorf("text exit = %d", code)
	}
	assertNoLeak(t, key, out+tr2.err.String())
}
