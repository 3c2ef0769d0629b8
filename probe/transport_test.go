package probe

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestClassifyTransport(t *testing.T) {
	target, _ := url.Parse("https://api.openai.com/v1")
	proxy, _ := url.Parse("http://u:p@proxy.corp:3128")
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: target.String() + "/models", Err: err} }
	tests := []struct {
		name      string
		err       error
		proxy     *url.URL
		connected bool
		code      string
		has       string
	}{
		{"dns not found", wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Name: "api.openai.com", IsNotFound: true}}), nil, false, "dns", "no such host"},
		{"dns timeout", wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Name: "api.openai.com", IsTimeout: true}}), nil, false, "dns", "did not answer"},
		{"refused", wrap(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), nil, false, "connect", "refused"},
		{"reset", wrap(syscall.ECONNRESET), nil, true, "connect", "closed the connection"},
		{"eof", wrap(io.EOF), nil, true, "connect", "closed the connection"},
		{"unreachable", wrap(&net.OpError{Op: "dial", Err: syscall.ENETUNREACH}), nil, false, "connect", "cannot connect"},
		{"unknown authority", wrap(&x509.UnknownAuthorityError{}), nil, true, "tls", "unknown authority"},
		{"hostname", wrap(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "api.openai.com"}), nil, true, "tls", "another host name"},
		{"expired", wrap(x509.CertificateInvalidError{Reason: x509.Expired}), nil, true, "tls", "expired"},
		{"tls via proxy", wrap(&x509.UnknownAuthorityError{}), proxy, true, "tls", "via proxy proxy.corp:3128"},
		{"deadline before connect", wrap(context.DeadlineExceeded), nil, false, "timeout", "no connection"},
		{"deadline after connect", wrap(context.DeadlineExceeded), nil, true, "timeout", "no answer"},
		{"canceled", wrap(context.Canceled), nil, true, "timeout", "cancelled"},
		{"proxyconnect", wrap(&net.OpError{Op: "proxyconnect", Err: syscall.ECONNREFUSED}), proxy, false, "proxy", "proxy.corp:3128"},
		{"connect refused by proxy", wrap(errors.New("Forbidden")), proxy, true, "proxy", "Forbidden"},
		{"proxy wants credentials", wrap(errors.New("Proxy Authentication Required")), proxy, true, "proxy", "asks for credentials"},
		{"timeout via proxy", wrap(context.DeadlineExceeded), proxy, false, "timeout", "via proxy proxy.corp:3128"},
		{"redirect", wrap(&RedirectError{To: "https://evil.example"}), nil, true, "redirect", "evil.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ClassifyTransport(TransportInput{Err: tt.err, Target: target, Proxy: tt.proxy, Connected: tt.connected, Elapsed: 1500 * time.Millisecond})
			if got.Code != tt.code || !strings.Contains(got.Summary, tt.has) {
				t.Errorf("got %s %q, want %s containing %q", got.Code, got.Summary, tt.code, tt.has)
			}
			if strings.Contains(got.Summary+got.Fix, "u:p") {
				t.Errorf("proxy credentials shown: %q", got.Summary)
			}
			if got.Code != "redirect" && got.Code != "timeout" && got.Fix == "" {
				t.Errorf("no fix for %s", got.Code)
			}
			if strings.Contains(strings.ToLower(got.Summary+got.Fix), "invalid api key") {
				t.Errorf("a network failure blames the key: %q", got.Summary)
			}
		})
	}
}

// Before the proxy is reached, a timeout is the proxy's to check, not the
// internet connection's.
func TestTimeoutViaProxyNamesTheProxy(t *testing.T) {
	target, _ := url.Parse("https://api.openai.com/v1")
	proxy, _ := url.Parse("http://proxy.corp:3128")
	f := ClassifyTransport(TransportInput{Err: context.DeadlineExceeded, Target: target, Proxy: proxy, Elapsed: time.Second})
	if f.Code != "timeout" || !strings.Contains(f.Fix, "proxy proxy.corp:3128") || strings.Contains(f.Fix, "internet connection") {
		t.Errorf("got %s %q", f.Code, f.Fix)
	}
}
