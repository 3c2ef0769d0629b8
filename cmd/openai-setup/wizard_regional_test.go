package main

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// loopbackClient dials srv for every host, in plain HTTP even for https
// URLs, so a regional base URL reaches the fake API (with its own Host
// header) and never the network.
func loopbackClient(t *testing.T, srv *fakeapi.Server) func(time.Duration) *http.Client {
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	return func(timeout time.Duration) *http.Client {
		c := newHTTPClient(timeout)
		tr := c.Transport.(*http.Transport)
		dial := func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", u.Host)
		}
		tr.Proxy, tr.DialContext, tr.DialTLSContext = nil, dial, dial
		return c
	}
}

// runWizardChecks runs the wizard's free checks on key, returning api.auth.
func runWizardChecks(t *testing.T, run func(context.Context, apikey.Key, func(checks.Result)), key string) checks.Result {
	t.Helper()
	var auth checks.Result
	run(context.Background(), apikey.New(key), func(r checks.Result) {
		if r.ID == checks.APIAuth {
			auth = r
		}
	})
	if auth.ID == "" {
		t.Fatal("no api.auth result")
	}
	return auth
}

// A data-residency key on the global host: the wizard offers the regional
// base URL, writes it into .env keeping every other byte, and the checks run
// again against it and pass.
func TestWizardRegionalFix(t *testing.T) {
	srv := fakeapi.New()
	t.Cleanup(srv.Close)
	tr := newTestRun(t)
	tr.app.NewClient = loopbackClient(t, srv)
	env := filepath.Join(tr.app.Dir, ".env")
	before := "# settings\r\nFOO=bar\r\n"
	if err := os.WriteFile(env, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", BaseURL: srv.URL(), NoSpend: true, Timeout: 10 * time.Second, NoBrowser: true})
	key := fakeapi.Key("regional_hostname")

	auth := runWizardChecks(t, opts.RunFreeChecks, key)
	if auth.Status != checks.Fail || auth.Code != checks.CodeRegionalHostname {
		t.Fatalf("api.auth = %s %s, want fail regional_hostname", auth.Status, auth.Code)
	}
	u := opts.RegionalBaseURL(auth)
	if u != "https://us.api.openai.com/v1" {
		t.Fatalf("RegionalBaseURL = %q (fix %q)", u, auth.Fix)
	}
	rep, err := opts.WriteBaseURL(".env", u)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(env)
	if string(got) != before+"OPENAI_BASE_URL=https://us.api.openai.com/v1\r\n" {
		t.Errorf(".env = %q: other bytes changed or the line is missing", got)
	}
	if len(rep.Files) != 1 || rep.Files[0] != ".env" || len(rep.Lines) != 1 || !strings.Contains(rep.Lines[0], "OPENAI_BASE_URL=https://us.api.openai.com/v1") {
		t.Errorf("report = %+v", rep)
	}
	if auth = runWizardChecks(t, opts.RunFreeChecks, key); auth.Status != checks.Pass {
		t.Errorf("after the fix api.auth = %s %s: %s", auth.Status, auth.Code, auth.Summary)
	}
	// Written again: nothing changes, and it says so (no file written).
	if rep, err = opts.WriteBaseURL(".env", u); err != nil || len(rep.Files) != 0 {
		t.Errorf("second write: %+v %v", rep, err)
	}
}

// Only a regional OpenAI host is offered: not the global host (the fix is
// to unset the variable), not a host the server made up.
func TestRegionalBaseURLOnlyOpenAIHosts(t *testing.T) {
	fail := func(code checks.Code, fix string) checks.Result {
		return checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: code, Fix: fix}
	}
	tests := []struct {
		r    checks.Result
		want string
	}{
		{fail(checks.CodeRegionalHostname, "the key's project keeps its data in a region: set OPENAI_BASE_URL=https://eu.api.openai.com/v1 (or --base-url), as the API asks"), "https://eu.api.openai.com/v1"},
		{fail(checks.CodeRegionalHostname, "set OPENAI_BASE_URL=https://api.openai.com/v1"), ""},
		{fail(checks.CodeRegionalHostname, "set OPENAI_BASE_URL=https://us.api.openai.com.evil.test/v1"), ""},
		{fail(checks.CodeRegionalHostname, "check --base-url / OPENAI_BASE_URL: the server named evil.test, which is not an OpenAI host"), ""},
		{fail(checks.CodeInvalidAPIKey, "set OPENAI_BASE_URL=https://us.api.openai.com/v1"), ""},
		{checks.Result{ID: checks.APIAuth, Status: checks.Pass, Code: checks.CodeRegionalHostname, Fix: "set OPENAI_BASE_URL=https://us.api.openai.com/v1"}, ""},
	}
	for _, tt := range tests {
		if got := regionalBaseURL(tt.r); got != tt.want {
			t.Errorf("regionalBaseURL(%q) = %q, want %q", tt.r.Fix, got, tt.want)
		}
	}
	// The checks' own fix for the reverse case offers nothing.
	srv := fakeapi.New()
	t.Cleanup(srv.Close)
	tr := newTestRun(t)
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", BaseURL: srv.URL(), NoSpend: true, Timeout: 10 * time.Second, NoBrowser: true})
	auth := runWizardChecks(t, opts.RunFreeChecks, fakeapi.Key("regional_hostname_global"))
	if u := opts.RegionalBaseURL(auth); auth.Code != checks.CodeRegionalHostname || u != "" {
		t.Errorf("global case: code %s, offer %q", auth.Code, u)
	}
}

// The shell's OPENAI_BASE_URL wins over .env for apps: the write says so.
// A tracked .env is refused as for the key, and left as it was.
func TestWriteBaseURLWarningsAndRefusals(t *testing.T) {
	tr := newTestRun(t, "OPENAI_BASE_URL=https://api.openai.com/v1")
	rep, err := writeWizardBaseURL(tr.app, ".env", "https://us.api.openai.com/v1")
	if err != nil || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "unset OPENAI_BASE_URL") {
		t.Errorf("report %+v, err %v", rep, err)
	}

	tr = newTestRun(t)
	gitInit(t, tr.app.Dir)
	env := filepath.Join(tr.app.Dir, ".env")
	if err := os.WriteFile(env, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	gitAdd(t, tr.app.Dir, ".env")
	if _, err := writeWizardBaseURL(tr.app, ".env", "https://us.api.openai.com/v1"); err == nil || !strings.Contains(err.Error(), "git tracks") {
		t.Errorf("tracked .env: err %v", err)
	}
	if got, _ := os.ReadFile(env); string(got) != "A=1\n" {
		t.Errorf("tracked .env changed: %q", got)
	}
}
