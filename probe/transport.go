package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// TransportFailure is a request that got no HTTP answer, classified for
// net.reach. Code is one of dns, connect, tls, proxy, timeout, or redirect
// (a refused cross-host redirect, which is an answer, not a reach problem).
type TransportFailure struct {
	Code    string
	Summary string
	Fix     string
	URL     string
}

// RedirectError is returned by the redirect policy when a redirect would
// take the request (and its Authorization header) to another origin.
type RedirectError struct{ To string }

func (e *RedirectError) Error() string {
	return "refused a redirect to " + e.To + ": the key is sent only to the configured base URL"
}

// TransportInput is everything the transport classifier looks at; it
// holds no key.
type TransportInput struct {
	Err       error
	Target    *url.URL      // the base URL
	Proxy     *url.URL      // the proxy the transport chose, or nil
	Connected bool          // a connection (TLS included) was established
	Elapsed   time.Duration // how long the request ran
}

// ClassifyTransport names the cause of a request that got no answer.
// It is pure over its input. A network failure is never a key problem.
func ClassifyTransport(in TransportInput) TransportFailure {
	err := in.Err
	host := "the API"
	if in.Target != nil && in.Target.Host != "" {
		host = in.Target.Host
	}
	proxyHost := ""
	if in.Proxy != nil {
		proxyHost = in.Proxy.Host // never the userinfo: it may hold a password
	}
	after := Round(in.Elapsed)

	var redir *RedirectError
	if errors.As(err, &redir) {
		return TransportFailure{Code: "redirect",
			Summary: fmt.Sprintf("%s redirected to another host (%s); doctor did not follow, so the key was not sent there", host, redir.To),
			Fix:     "point --base-url / OPENAI_BASE_URL at the final API address itself (it should end in /v1), not at a page that redirects",
		}
	}
	if errors.Is(err, context.Canceled) {
		return TransportFailure{Code: "timeout", Summary: fmt.Sprintf("cancelled after %s, before %s answered", after, host)}
	}
	if isTLS(err) {
		f := TransportFailure{Code: "tls", URL: "https://status.openai.com"}
		msg := tlsReason(err)
		if strings.Contains(msg, "HTTP response to HTTPS") {
			f.Summary = host + " speaks plain HTTP, but the base URL says https"
			f.Fix = "use http:// for a local server, or check the port in the base URL"
			f.URL = ""
			return f
		}
		f.Summary = fmt.Sprintf("the TLS certificate presented for %s is not trusted: %s", host, msg)
		// An unknown authority gets per-runtime lines from checks (tlsExplain);
		// SSL_CERT_FILE replaces the system bundle, so it is never named here.
		f.Fix = "check the system clock and the base URL's host; if your network inspects TLS (a corporate proxy or antivirus), " +
			"ask IT for its CA certificate and add it to what your system and runtimes trust"
		if proxyHost != "" {
			f.Summary += " (via proxy " + proxyHost + ")"
		}
		return f
	}
	var op *net.OpError
	if proxyHost != "" && errors.As(err, &op) && op.Op == "proxyconnect" {
		return proxyFailure(proxyHost, host, errGist(op.Err))
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		name := dnsErr.Name
		if name == "" {
			name = host
		}
		return TransportFailure{Code: "dns",
			Summary: fmt.Sprintf("cannot resolve %s: %s", Sanitize(name), dnsReason(dnsErr)),
			Fix:     fmt.Sprintf("check the host name in the base URL and your internet connection or VPN; try: nslookup %s", Sanitize(name)),
			URL:     "https://status.openai.com",
		}
	}
	if isTimeout(err) {
		f := TransportFailure{Code: "timeout", URL: "https://status.openai.com"}
		if in.Connected {
			f.Summary = fmt.Sprintf("connected to %s, but no answer within %s", host, after)
			f.Fix = "OpenAI may be slow right now: check https://status.openai.com, then retry, or give it longer with --timeout"
		} else {
			f.Summary = fmt.Sprintf("no connection to %s within %s", host, after)
			f.Fix = "check your internet connection, VPN or firewall (a proxy is set with HTTPS_PROXY); or give it longer with --timeout"
		}
		if proxyHost != "" {
			f.Summary += " (via proxy " + proxyHost + ")"
			if !in.Connected {
				f.Fix = "check that the proxy " + proxyHost + " is up and can reach " + host + " (HTTPS_PROXY, NO_PROXY); or give it longer with --timeout"
				f.URL = ""
			}
		}
		return f
	}
	if proxyHost != "" {
		// Through a proxy, whatever else fails (CONNECT refused, proxy
		// auth) is the proxy's doing.
		return proxyFailure(proxyHost, host, errGist(err))
	}
	f := TransportFailure{Code: "connect", URL: "https://status.openai.com"}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		f.Summary = fmt.Sprintf("connection to %s refused: nothing is listening there", host)
		f.Fix = "check the host and port in the base URL (--base-url / OPENAI_BASE_URL); if a local server should be there, start it"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET):
		f.Summary = fmt.Sprintf("%s closed the connection without answering", host)
		f.Fix = "a firewall, VPN or proxy may be cutting the connection; if you need a proxy, set HTTPS_PROXY=http://proxy:port"
	default:
		f.Summary = fmt.Sprintf("cannot connect to %s: %s", host, errGist(err))
		f.Fix = "check your internet connection, firewall or VPN; if you need a proxy to reach the internet, set HTTPS_PROXY=http://proxy:port"
	}
	return f
}

func proxyFailure(proxyHost, host, why string) TransportFailure {
	if strings.Contains(why, "Proxy Authentication Required") || strings.HasPrefix(why, "407") {
		return ProxyAuthFailure(proxyHost, host)
	}
	return TransportFailure{Code: "proxy",
		Summary: fmt.Sprintf("the proxy %s (from HTTPS_PROXY/HTTP_PROXY) failed to reach %s: %s", proxyHost, host, why),
		Fix:     "check HTTPS_PROXY, HTTP_PROXY and NO_PROXY (host, port, credentials); if you do not need a proxy here, unset HTTPS_PROXY",
	}
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ETIMEDOUT) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isTLS(err error) bool {
	var (
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalid     x509.CertificateInvalidError
		verifyErr   *tls.CertificateVerificationError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
	)
	switch {
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid),
		errors.As(err, &verifyErr), errors.As(err, &recordErr), errors.As(err, &alertErr):
		return true
	}
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "x509:") || strings.Contains(s, "tls:") || strings.Contains(s, "HTTP response to HTTPS client")
}

func tlsReason(err error) string {
	var (
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalid     x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &unknownAuth):
		return "signed by an unknown authority (typical of a TLS-inspecting proxy)"
	case errors.As(err, &hostErr):
		return "issued for another host name"
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "expired or not yet valid (check the system clock)"
		}
		return "invalid"
	}
	return errGist(err)
}

func dnsReason(e *net.DNSError) string {
	switch {
	case e.IsNotFound:
		return "no such host"
	case e.IsTimeout:
		return "the DNS server did not answer"
	}
	return Sanitize(e.Err)
}

// errGist is the innermost error text, without the "Get \"URL\":" prefix
// url.Error adds.
func errGist(err error) string {
	if err == nil {
		return "unknown error"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return Sanitize(err.Error())
}

// Round formats a duration for people: 2.0s, 350ms.
func Round(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return "<1ms"
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

// ProxyAuthFailure is a proxy's 407: it wants credentials before it
// forwards anything.
func ProxyAuthFailure(proxyHost, host string) TransportFailure {
	return TransportFailure{Code: "proxy",
		Summary: fmt.Sprintf("the proxy %s asks for credentials (HTTP 407 Proxy Authentication Required), so nothing reached %s", proxyHost, host),
		Fix:     "give the proxy its user name and password in HTTPS_PROXY (http://user:password@proxy:port; ask IT which), or unset HTTPS_PROXY if this network does not need a proxy",
	}
}

// ProxyAnswerFailure is an HTTP answer the proxy wrote itself (over plain
// http it answers in the server's place): its error page, not the server's.
func ProxyAnswerFailure(proxyHost, host string, status int, gist string) TransportFailure {
	if status == 407 {
		return ProxyAuthFailure(proxyHost, host)
	}
	what := http.StatusText(status)
	if gist != "" {
		what = gist
	}
	return TransportFailure{Code: "proxy",
		Summary: fmt.Sprintf("the proxy %s answered HTTP %d (%s) itself: it did not get an answer from %s", proxyHost, status, Sanitize(what), host),
		Fix:     "check that the proxy can reach " + host + " (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); if you do not need a proxy here, unset HTTP_PROXY and HTTPS_PROXY",
	}
}
