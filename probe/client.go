package probe

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Resolver looks up a host name's addresses; *net.Resolver is one, and
// tests pass a map so they never ask a DNS server.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// resolveTimeout bounds the lookup of a *.localhost name.
const resolveTimeout = 2 * time.Second

// IsLocal reports whether host is this machine: a loopback address,
// "localhost", or a *.localhost name whose every address is loopback (any
// DNS server may answer for such a name, so its answer is checked). pinned
// is the address to dial for a *.localhost name, so the connection goes
// where the check looked.
func IsLocal(ctx context.Context, res Resolver, host string) (local bool, pinned string) {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" {
		return true, ""
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback(), ""
	}
	if !strings.HasSuffix(h, ".localhost") {
		return false, ""
	}
	if res == nil {
		res = net.DefaultResolver
	}
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	addrs, err := res.LookupHost(ctx, h)
	if err != nil || len(addrs) == 0 {
		return false, ""
	}
	for _, a := range addrs {
		if ip := net.ParseIP(a); ip == nil || !ip.IsLoopback() {
			return false, ""
		}
	}
	return true, addrs[0]
}

// SafeClient copies the caller's client with a redirect policy that
// refuses to leave the base URL's origin (scheme, host and port): Go itself
// forwards Authorization to the same host name on another port, and to
// subdomains, which is not good enough for an API key. For a local base
// URL it also drops any proxy (a proxy would carry the key off the
// machine) and dials the checked loopback address.
func SafeClient(c *http.Client, base *url.URL, local bool, pinned string) *http.Client {
	cp := *c
	if local {
		cp.Transport = localTransport(cp.Transport, base, pinned)
	}
	inner := cp.CheckRedirect
	cp.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if r.URL.Scheme != base.Scheme || !strings.EqualFold(r.URL.Host, base.Host) {
			to := r.URL.Scheme + "://" + r.URL.Host
			return &RedirectError{To: Sanitize(to)}
		}
		if len(via) >= 3 {
			return &RedirectError{To: "a loop of redirects"}
		}
		if inner != nil {
			return inner(r, via)
		}
		return nil
	}
	return &cp
}

// localTransport is rt without a proxy, dialing the pinned address for
// base's host. A
// transport that is not an *http.Transport is returned as it is: it
// decides its own routing.
func localTransport(rt http.RoundTripper, base *url.URL, pinned string) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return rt
	}
	t = t.Clone()
	t.Proxy = nil
	if pinned != "" {
		dial := t.DialContext
		if dial == nil {
			dial = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
		}
		name := strings.ToLower(base.Hostname())
		t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if h, port, err := net.SplitHostPort(addr); err == nil && strings.EqualFold(strings.TrimSuffix(h, "."), name) {
				addr = net.JoinHostPort(pinned, port)
			}
			return dial(ctx, network, addr)
		}
	}
	return t
}

// ProxyFor asks the client's transport which proxy it would use.
func ProxyFor(c *http.Client, base *url.URL) *url.URL {
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok || t.Proxy == nil {
		return nil
	}
	p, err := t.Proxy(&http.Request{Method: http.MethodGet, URL: base, Header: http.Header{}})
	if err != nil {
		return nil
	}
	return p
}
