package checks

import (
	"context"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/testkit"
	"github.com/setupkit/openai-setup/internal/tlsproxy"
)

// ntInterceptor is testkit.Interceptor: a TLS-inspecting proxy on loopback.
var ntInterceptor = testkit.Interceptor

// ntClient dials l whatever host a URL names: the request never leaves
// this machine.
func ntClient(l net.Listener) *http.Client {
	tr := &http.Transport{Proxy: nil, DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, l.Addr().String())
	}}
	return &http.Client{Transport: tr, Timeout: 5 * time.Second}
}

// An OpenAI host answering with an untrusted chain is interception: the
// summary names the issuer and says so, and the fix adds the proxy's CA to
// the system bundle instead of pointing SSL_CERT_FILE at it alone.
func TestNetReachTLSInterception(t *testing.T) {
	l := ntInterceptor(t)
	req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: ntClient(l)}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("tls"))
	r := res[0]
	for _, want := range []string{"issued by CN=Zscaler Root CA,O=Zscaler Inc.", "a corporate proxy or security product", "unknown authority"} {
		if !strings.Contains(r.Summary, want) {
			t.Errorf("summary %q lacks %q", r.Summary, want)
		}
	}
	if want := tlsproxy.FixText(runtime.GOOS, tlsproxy.SystemBundle(runtime.GOOS, func(p string) bool { _, err := os.Stat(p); return err == nil })); !strings.HasPrefix(r.Fix, want) {
		t.Errorf("fix %q\nwant it to start with %q", r.Fix, want)
	}
	if strings.Contains(r.Fix, `SSL_CERT_FILE="`+tlsproxy.ProxyCA) || strings.Contains(r.Fix, "SSL_CERT_FILE=/path/to/proxy-ca.pem") {
		t.Errorf("fix points SSL_CERT_FILE at the proxy's CA alone: %q", r.Fix)
	}
}
