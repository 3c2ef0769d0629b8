package probe

import (
	"os"
	"runtime"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/tlsproxy"
)

// ExplainTLS rewrites a tls failure whose certificate chain ends at an
// authority this system does not trust: the summary names the issuer, and
// the fix adds that authority to what each runtime trusts (never replacing
// the system bundle with it). It says "a corporate proxy or security
// product" only when that is the likely cause: OpenAI's hosts present
// publicly trusted certificates, and a proxy in the path can re-sign them.
// Any other tls failure (host name, expiry, plain HTTP) is left as is.
func ExplainTLS(t TransportFailure, err error, hostname, host, proxyHost string) TransportFailure {
	if t.Code != "tls" {
		return t
	}
	ua, ok := tlsproxy.FromError(err)
	if !ok {
		return t
	}
	t.Summary = "the TLS certificate presented for " + host + " is signed by an unknown authority: " + ua.Describe()
	switch {
	case openai.IsOpenAIHost(hostname) && proxyHost != "":
		t.Summary += "; OpenAI's own certificate is publicly trusted, so a corporate proxy or security product is re-signing TLS (the request went through the proxy " + proxyHost + ")"
	case openai.IsOpenAIHost(hostname):
		t.Summary += "; OpenAI's own certificate is publicly trusted, so a corporate proxy or security product on this network is re-signing TLS"
	case proxyHost != "":
		t.Summary += "; the request went through the proxy " + proxyHost + ", so a corporate proxy or security product is likely re-signing TLS"
	default:
		t.Summary += " (a self-signed or private certificate on that server)"
	}
	t.Fix = tlsproxy.FixText(runtime.GOOS, tlsproxy.SystemBundle(runtime.GOOS, fileExists)) +
		"; otherwise check the base URL's host"
	t.URL = ""
	return t
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
