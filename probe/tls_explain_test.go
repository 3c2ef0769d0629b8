package probe

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/testkit"
	"github.com/setupkit/openai-setup/internal/tlsproxy"
)

// ntClient dials l whatever host a URL names: the request never leaves
// this machine.
func ntClient(l net.Listener) *http.Client {
	tr := &http.Transport{Proxy: nil, DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, l.Addr().String())
	}}
	return &http.Client{Transport: tr, Timeout: 5 * time.Second}
}

// "A corporate proxy or security product" is said only for an OpenAI host
// or through a proxy; another host's untrusted certificate is its own.
func TestTLSExplainBlame(t *testing.T) {
	l := testkit.Interceptor(t)
	_, err := ntClient(l).Get("https://api.openai.com/v1/models")
	if _, ok := tlsproxy.FromError(err); !ok {
		t.Fatalf("not an unknown-authority error: %v", err)
	}
	base := TransportFailure{Code: "tls", Summary: "old", Fix: "old"}
	tests := []struct {
		name, hostname, proxy string
		blames                bool
	}{
		{"openai host", "api.openai.com", "", true},
		{"regional openai host", "eu.api.openai.com", "", true},
		{"through a proxy", "llm.internal.test", "proxy.corp:8080", true},
		{"openai host through a proxy", "api.openai.com", "proxy.corp:8080", true},
		{"another host", "llm.internal.test", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ExplainTLS(base, err, tt.hostname, tt.hostname, tt.proxy)
			if strings.Contains(got.Summary, "corporate proxy or security product") != tt.blames {
				t.Errorf("summary %q: blames a proxy = %v, want %v", got.Summary, !tt.blames, tt.blames)
			}
			if tt.proxy != "" && !strings.Contains(got.Summary, "the proxy "+tt.proxy) {
				t.Errorf("summary %q does not name the proxy", got.Summary)
			}
			if !strings.Contains(got.Summary, "Zscaler Root CA") || got.Fix == "old" {
				t.Errorf("not rewritten: %+v", got)
			}
		})
	}
	other := TransportFailure{Code: "tls", Summary: "issued for another host name"}
	if got := ExplainTLS(other, context.DeadlineExceeded, "api.openai.com", "api.openai.com", ""); got != other {
		t.Errorf("rewrote a tls failure that is not an unknown authority: %+v", got)
	}
}
