package checks

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// mapResolver answers from a map, so no test asks a DNS server.
type mapResolver map[string][]string

func (m mapResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	if a, ok := m[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// countingProxy is a proxy that answers nothing and counts what reached it.
func countingProxy(t *testing.T) (*http.Transport, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "proxy", http.StatusBadGateway)
	}))
	t.Cleanup(srv.Close)
	tr := &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return url.Parse(srv.URL) }}
	return tr, &n
}

func TestLocalhostNamesCountOnlyWhenLoopback(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(strings.TrimSuffix(srv.URL(), "/v1"), "http://"))
	res := mapResolver{
		"app.localhost":   {"127.0.0.1"},
		"evil.localhost":  {"10.9.8.7"},
		"mixed.localhost": {"127.0.0.1", "10.9.8.7"},
	}
	tests := []struct {
		host string
		want apiWant // net.reach
	}{
		{"app.localhost", apiPass},
		{"evil.localhost", apiWant{Fail, CodeInsecureBaseURL}},
		{"mixed.localhost", apiWant{Fail, CodeInsecureBaseURL}},
		{"unknown.localhost", apiWant{Fail, CodeInsecureBaseURL}},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			tr, proxied := countingProxy(t)
			req := apiTestRequest(srv, "ok")
			req.BaseURL = "http://" + net.JoinHostPort(tt.host, port) + "/v1"
			req.Resolver = res
			req.Client = &http.Client{Transport: tr}
			before := len(srv.Requests())
			got := apiRunAll(t, req)
			if got[0].Status != tt.want.status || got[0].Code != tt.want.code {
				t.Fatalf("net.reach = %s/%s, want %s/%s: %s", got[0].Status, got[0].Code, tt.want.status, tt.want.code, got[0].Summary)
			}
			sent := len(srv.Requests()) - before
			if tt.want.status == Pass && (sent == 0 || got[1].Status != Pass) {
				t.Errorf("%s resolves to loopback but the API checks did not reach the fake: %d requests, auth %+v", tt.host, sent, got[1])
			}
			if tt.want.status == Fail && sent != 0 {
				t.Errorf("%d requests were sent to %s", sent, tt.host)
			}
			if n := proxied.Load(); n != 0 {
				t.Errorf("%d requests went through the proxy", n)
			}
		})
	}
}

func TestLocalBaseURLNeverUsesAProxy(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for _, base := range []string{srv.URL(), strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1)} {
		tr, proxied := countingProxy(t)
		req := apiTestRequest(srv, "ok")
		req.BaseURL = base
		req.Client = &http.Client{Transport: tr}
		apiCheck(t, apiRunAll(t, req), nil)
		if n := proxied.Load(); n != 0 {
			t.Errorf("%s: %d requests went through the proxy", base, n)
		}
	}
}

// toFake is a client whose every connection goes to the fake, whatever the
// URL's host: a non-local http base URL without touching the network.
func toFake(srv *fakeapi.Server) *http.Client {
	addr := strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/v1")
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
}

func TestInsecureHTTPOptIn(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.BaseURL = "http://gateway.internal:8080/v1"
	req.Client = toFake(srv)

	got := apiRunAll(t, req)
	apiCheck(t, got, apiNetSkips(CodeInsecureBaseURL))
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("without the opt-in %d requests were sent", n)
	}

	req.InsecureHTTP = true
	got = apiRunAll(t, req)
	apiCheck(t, got, map[string]apiWant{NetReach: {Warn, CodeInsecureBaseURL}})
	if !strings.Contains(got[0].Summary, "plain http") {
		t.Errorf("net.reach summary %q", got[0].Summary)
	}
}

// The opt-in covers a base URL the user typed or exported, never one a
// dotenv file (perhaps from a cloned repository) sets.
func TestInsecureHTTPNeverAppliesToADotenvBaseURL(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	const base = "http://gateway.internal:8080/v1"
	tests := []struct {
		name    string
		dotenv  string
		environ []string
		want    apiWant
	}{
		{"environment", "", []string{"OPENAI_API_KEY=" + key, "OPENAI_BASE_URL=" + base}, apiWant{Warn, CodeInsecureBaseURL}},
		{"dotenv", "OPENAI_API_KEY=" + key + "\nOPENAI_BASE_URL=" + base + "\n", nil, apiWant{Fail, CodeInsecureBaseURL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.dotenv != "" {
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(tt.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			rep := Run(t.Context(), Options{Discover: discover.Options{Dir: dir, Environ: tt.environ},
				Only: []string{NetReach}, InsecureHTTP: true, Client: toFake(srv)})
			for _, r := range rep.Results {
				if r.ID == NetReach && (r.Status != tt.want.status || r.Code != tt.want.code) {
					t.Errorf("net.reach = %s/%s, want %s/%s: %s", r.Status, r.Code, tt.want.status, tt.want.code, r.Summary)
				}
			}
		})
	}
}

// net.reach shows a refused base URL masked: no password, query value or
// fragment.
func TestNetReachMasksTheBaseURL(t *testing.T) {
	key := fakeapi.Key("ok")
	tests := []struct {
		name    string
		dotenv  string
		environ []string
		code    Code
		has     string
	}{
		{"insecure", "", []string{"OPENAI_API_KEY=" + key, "OPENAI_BASE_URL=http://gw.internal/v1?api_key=s3cret#frag"},
			CodeInsecureBaseURL, "http://gw.internal/v1?api_key=***"},
		{"unparseable", "", []string{"OPENAI_API_KEY=" + key, "OPENAI_BASE_URL=https://gw:hun%zz@gw.internal/v1?t=s3cret"},
			CodeBadBaseURL, "?t=***"},
		{"from a dotenv file", "OPENAI_BASE_URL=https://gwuser:hunter2@gw.internal/v1?token=s3cret#frag\n", []string{"OPENAI_API_KEY=" + key},
			CodeBaseURLFromFile, "--base-url https://gwuser:***@gw.internal/v1?token=***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.dotenv != "" {
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(tt.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			rt := &apiCountingTransport{}
			rep := Run(t.Context(), Options{Discover: discover.Options{Dir: dir, Environ: tt.environ},
				Only: []string{NetReach}, Client: &http.Client{Transport: rt}})
			for _, r := range rep.Results {
				if r.ID != NetReach {
					continue
				}
				text := r.Summary + " " + r.Fix
				if r.Code != tt.code || !strings.Contains(text, tt.has) {
					t.Errorf("net.reach = %s %q, want %s showing %q", r.Code, text, tt.code, tt.has)
				}
				for _, secret := range []string{"hunter2", "s3cret", "frag", "hun%zz"} {
					if strings.Contains(text, secret) {
						t.Errorf("net.reach shows %q: %q", secret, text)
					}
				}
			}
			if rt.n.Load() != 0 {
				t.Errorf("%d requests sent", rt.n.Load())
			}
		})
	}
}

// A dotenv base URL on OpenAI's own hosts, global or regional, is trusted
// with a key from elsewhere; any other host is not.
func TestDotenvBaseURLTrustsRegionalHosts(t *testing.T) {
	tests := []struct {
		base    string
		trusted bool
	}{
		{"https://api.openai.com/v1", true},
		{"https://us.api.openai.com/v1", true},
		{"https://eu.api.openai.com/v1", true},
		{"https://api.openai.com.evil.invalid/v1", false},
		{"https://gateway.invalid/v1", false},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("OPENAI_BASE_URL="+tt.base+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			rt := &apiCountingTransport{}
			rep := Run(t.Context(), Options{Discover: discover.Options{Dir: dir, Environ: []string{"OPENAI_API_KEY=" + fakeapi.Key("ok")}},
				Only: []string{NetReach}, Client: &http.Client{Transport: rt}})
			blocked := false
			for _, r := range rep.Results {
				blocked = blocked || r.Code == CodeBaseURLFromFile
			}
			if blocked == tt.trusted || (rt.n.Load() > 0) != tt.trusted {
				t.Errorf("blocked %v, %d requests; want trusted %v", blocked, rt.n.Load(), tt.trusted)
			}
		})
	}
}

// openAIHostClient reaches the fake over TLS whatever the URL's host, so a
// test can use OpenAI's host names without touching the network.
func openAIHostClient(t *testing.T, srv *fakeapi.Server) *http.Client {
	t.Helper()
	target, _ := url.Parse(strings.TrimSuffix(srv.URL(), "/v1"))
	front := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(target))
	t.Cleanup(front.Close)
	addr := front.Listener.Addr().String()
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // the test's own server
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
}

func TestBaseURLPathOnOpenAIHosts(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tests := []struct {
		base string
		want apiWant
	}{
		{"https://api.openai.com/v1", apiPass},
		{"https://us.api.openai.com/v1/", apiPass},
		{"https://api.openai.com", apiWant{Warn, CodeBaseURLPath}},
		{"https://api.openai.com/v2", apiWant{Warn, CodeBaseURLPath}},
		{"https://eu.api.openai.com/openai/v1", apiWant{Warn, CodeBaseURLPath}},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			req := apiTestRequest(srv, "ok")
			req.BaseURL = tt.base
			req.Client = openAIHostClient(t, srv)
			r := apiRunAll(t, req)[0]
			if r.Status != tt.want.status || r.Code != tt.want.code {
				t.Fatalf("net.reach = %s/%s, want %s/%s: %s", r.Status, r.Code, tt.want.status, tt.want.code, r.Summary)
			}
			if tt.want.code == CodeBaseURLPath && !strings.Contains(r.Fix, "/v1") {
				t.Errorf("fix %q", r.Fix)
			}
		})
	}
}

func TestBaseURLForKeyNotInFile(t *testing.T) {
	const evil = "https://evil.example/v1"
	cases := []struct {
		name, dotenv, env, flag string
		wantURL                 string
		trusted                 bool
	}{
		// doctor trusts this URL for the file's own key; a key from elsewhere must not follow it.
		{"file URL beside a file key", "OPENAI_API_KEY=sk-proj-x\nOPENAI_BASE_URL=" + evil + "\n", "", "", evil, false},
		{"file URL alone", "OPENAI_BASE_URL=" + evil + "\n", "", "", evil, false},
		{"file URL on loopback", "OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n", "", "", "http://127.0.0.1:8080/v1", true},
		{"flag names the host", "OPENAI_BASE_URL=" + evil + "\n", "", evil, evil, true},
		{"environment", "", "OPENAI_BASE_URL=" + evil, "", evil, true},
		{"default", "", "", "", DefaultBaseURL, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.dotenv != "" {
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(c.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var environ []string
			if c.env != "" {
				environ = []string{c.env}
			}
			inv := discover.Run(discover.Options{Dir: dir, Environ: environ})
			url, _, trusted := BaseURLForKeyNotInFile(c.flag, inv)
			if url != c.wantURL || trusted != c.trusted {
				t.Errorf("got %q trusted=%v, want %q trusted=%v", url, trusted, c.wantURL, c.trusted)
			}
		})
	}
}

// PlainHTTPForKey: plain http to another machine only with insecureHTTP, and
// never for a base URL from a dotenv file.
func TestPlainHTTPForKey(t *testing.T) {
	const gateway = "http://gateway.internal/v1"
	cases := []struct {
		name, dotenv, env, flag string
		insecureHTTP            bool
		wantInsecure, wantErr   bool
	}{
		{name: "flag refused", flag: gateway, wantErr: true},
		{name: "flag allowed", flag: gateway, insecureHTTP: true, wantInsecure: true},
		{name: "environment allowed", env: "OPENAI_BASE_URL=" + gateway, insecureHTTP: true, wantInsecure: true},
		{name: "dotenv never", dotenv: "OPENAI_BASE_URL=http://api.openai.com/v1\n", insecureHTTP: true, wantErr: true},
		{name: "flag over dotenv", dotenv: "OPENAI_BASE_URL=http://api.openai.com/v1\n", flag: gateway, insecureHTTP: true, wantInsecure: true},
		{name: "loopback", flag: "http://127.0.0.1:9/v1"},
		{name: "default https", insecureHTTP: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.dotenv != "" {
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(c.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var environ []string
			if c.env != "" {
				environ = []string{c.env}
			}
			inv := discover.Run(discover.Options{Dir: dir, Environ: environ})
			insecure, err := PlainHTTPForKey(t.Context(), c.flag, inv, c.insecureHTTP)
			if insecure != c.wantInsecure || (err != nil) != c.wantErr {
				t.Errorf("insecure %v err %v; want %v, error %v", insecure, err, c.wantInsecure, c.wantErr)
			}
		})
	}
}
