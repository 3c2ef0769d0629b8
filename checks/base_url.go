package checks

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

// Resolver looks up a host name's addresses; *net.Resolver is one, and
// tests pass a map so they never ask a DNS server.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// resolveTimeout bounds the lookup of a *.localhost name.
const resolveTimeout = 2 * time.Second

// apiBase is a base URL that passed the checks, and what they found.
type apiBase struct {
	*url.URL
	local    bool   // this machine: no proxy is ever used
	pinned   string // for a *.localhost name, the loopback address it resolved to
	insecure bool   // plain http to another machine, allowed by InsecureHTTP
}

// apiParseBaseURL checks the base URL before anything is sent: it must be
// http(s) with a host, and plain http only to this machine (or with
// InsecureHTTP), since the key would otherwise cross the network readable
// by anyone on the path.
func apiParseBaseURL(ctx context.Context, req APIRequest) (*apiBase, *Result) {
	raw := strings.TrimSpace(req.BaseURL)
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if raw == "" || err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		shown := probe.Sanitize(openai.MaskURL(raw))
		if u != nil && u.User != nil {
			shown = "(a URL holding a user name or password)"
		}
		return nil, &Result{ID: NetReach, Status: Fail, Code: CodeBadBaseURL,
			Summary: "the base URL " + apiQuote(shown) + " is not a usable http(s) URL, so nothing was sent",
			Fix:     fixes[CodeBadBaseURL].Do,
		}
	}
	b := &apiBase{URL: u}
	b.local, b.pinned = isLocal(ctx, req.Resolver, u.Hostname())
	if u.Scheme == "http" && !b.local {
		if !req.InsecureHTTP {
			return nil, &Result{ID: NetReach, Status: Fail, Code: CodeInsecureBaseURL,
				Summary: "the base URL " + apiQuote(probe.Sanitize(openai.MaskURL(raw))) + " is plain http to a host that is not this machine: the key would cross the network unencrypted, so it was not sent",
				Fix:     fixes[CodeInsecureBaseURL].Do,
			}
		}
		b.insecure = true
	}
	u.RawQuery, u.Fragment = "", ""
	return b, nil
}

func apiQuote(s string) string { return "\u201c" + s + "\u201d" }

// isLocal reports whether host is this machine: a loopback address,
// "localhost", or a *.localhost name whose every address is loopback (any
// DNS server may answer for such a name, so its answer is checked). pinned
// is the address to dial for a *.localhost name, so the connection goes
// where the check looked.
func isLocal(ctx context.Context, res Resolver, host string) (local bool, pinned string) {
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

// apiSafeClient copies the caller's client with a redirect policy that
// refuses to leave the base URL's origin (scheme, host and port): Go itself
// forwards Authorization to the same host name on another port, and to
// subdomains, which is not good enough for an API key. For a local base
// URL it also drops any proxy (a proxy would carry the key off the
// machine) and dials the checked loopback address.
func apiSafeClient(c *http.Client, base *apiBase) *http.Client {
	var cp http.Client
	if c != nil {
		cp = *c
	} else {
		cp.Timeout = DefaultTimeout
	}
	if base.local {
		cp.Transport = localTransport(cp.Transport, base)
	}
	inner := cp.CheckRedirect
	cp.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if r.URL.Scheme != base.Scheme || !strings.EqualFold(r.URL.Host, base.Host) {
			to := r.URL.Scheme + "://" + r.URL.Host
			return &probe.RedirectError{To: probe.Sanitize(to)}
		}
		if len(via) >= 3 {
			return &probe.RedirectError{To: "a loop of redirects"}
		}
		if inner != nil {
			return inner(r, via)
		}
		return nil
	}
	return &cp
}

// localTransport is rt without a proxy, dialing base's pinned address. A
// transport that is not an *http.Transport is returned as it is: it
// decides its own routing.
func localTransport(rt http.RoundTripper, base *apiBase) http.RoundTripper {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return rt
	}
	t = t.Clone()
	t.Proxy = nil
	if base.pinned != "" {
		dial := t.DialContext
		if dial == nil {
			dial = (&net.Dialer{Timeout: 30 * time.Second}).DialContext
		}
		name := strings.ToLower(base.Hostname())
		t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			if h, port, err := net.SplitHostPort(addr); err == nil && strings.EqualFold(strings.TrimSuffix(h, "."), name) {
				addr = net.JoinHostPort(base.pinned, port)
			}
			return dial(ctx, network, addr)
		}
	}
	return t
}

// apiProxyFor asks the client's transport which proxy it would use.
func apiProxyFor(c *http.Client, base *url.URL) *url.URL {
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
