package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// interceptingClient returns a client whose every connection goes to a
// loopback TLS listener presenting a certificate for api.openai.com issued
// by "Zscaler Root CA", which no system trusts: a TLS-inspecting proxy.
func interceptingClient(t *testing.T) func(time.Duration) *http.Client {
	t.Helper()
	l := testkit.Interceptor(t)
	return func(timeout time.Duration) *http.Client {
		c := newHTTPClient(timeout)
		tr := c.Transport.(*http.Transport)
		tr.Proxy = nil
		tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, l.Addr().String())
		}
		return c
	}
}

// Behind a TLS-inspecting proxy, doctor names the issuer, blames the proxy
// (api.openai.com's real certificate is publicly trusted) and gives the
// per-runtime lines that add its CA to the system bundle; text and JSON.
func TestDoctorTLSInterception(t *testing.T) {
	key := fakeapi.Key("ok")
	for _, asJSON := range []bool{true, false} {
		tr := newTestRun(t, "OPENAI_API_KEY="+key)
		tr.app.NewClient = interceptingClient(t)
		var text string
		if asJSON {
			rep, code := runDoctorJSON(t, tr, "--no-spend", "--check", "api.auth")
			c := checkByID(rep, "net.reach")
			if c.Status != "fail" || c.Code != "tls" || code != exitFailed {
				t.Fatalf("net.reach = %s/%s, exit %d", c.Status, c.Code, code)
			}
			text = c.Summary + "\n" + c.Fix
		} else {
			tr.run(t, "doctor", "--no-spend", "--check", "api.auth")
			text = tr.out.String()
		}
		for _, want := range []string{"issued by CN=Zscaler Root CA", "a corporate proxy or security product",
			"NODE_EXTRA_CA_CERTS", "proxy-ca.pem"} {
			if !strings.Contains(text, want) {
				t.Errorf("json=%v: report lacks %q:\n%s", asJSON, want, text)
			}
		}
		if strings.Contains(text, "SSL_CERT_FILE=/path/to/proxy-ca.pem") || strings.Contains(text, `SSL_CERT_FILE="$HOME/.config/proxy-ca.pem"`) {
			t.Errorf("json=%v: SSL_CERT_FILE points at the proxy's CA alone:\n%s", asJSON, text)
		}
		assertNoLeak(t, key, tr.out.String())
	}
}

// With a proxy set and a package.json here, net.reach warns that Node.js
// would ignore the proxy, in text and JSON; NODE_USE_ENV_PROXY=1 silences it.
func TestDoctorNodeIgnoresProxy(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	env := []string{"OPENAI_API_KEY=" + fakeapi.Key("ok"), "HTTPS_PROXY=http://127.0.0.1:9"}
	for _, c := range []struct {
		extra []string
		want  string
	}{{nil, "warn node_ignores_proxy"}, {[]string{"NODE_USE_ENV_PROXY=1"}, "pass "}} {
		tr := newTestRun(t, append(env, c.extra...)...)
		if err := os.WriteFile(filepath.Join(tr.app.Dir, "package.json"), []byte("{}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		rep, _ := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--no-spend", "--check", "net.reach")
		if r := checkByID(rep, "net.reach"); string(r.Status)+" "+r.Code != c.want {
			t.Errorf("%v: net.reach = %s %s %q, want %s", c.extra, r.Status, r.Code, r.Summary, c.want)
		}
		tr2 := newTestRun(t, append(env, c.extra...)...)
		tr2.app.Dir = tr.app.Dir
		tr2.run(t, "doctor", "--base-url", srv.URL(), "--no-spend", "--check", "net.reach")
		out := tr2.out.String()
		if has := strings.Contains(out, "code: node_ignores_proxy") && strings.Contains(out, "NODE_USE_ENV_PROXY=1"); has != (c.extra == nil) {
			t.Errorf("%v: text report:\n%s", c.extra, out)
		}
	}
}
