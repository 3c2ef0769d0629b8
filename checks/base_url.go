package checks

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

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
	b.local, b.pinned = probe.IsLocal(ctx, req.Resolver, u.Hostname())
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

// BaseURLForKeyNotInFile applies doctor's base-URL precedence (--base-url,
// then OPENAI_BASE_URL, then the default) and its trust rule to a key that
// was read from no dotenv file, such as an admin key: a base URL set in a
// dotenv file and pointing at a host other than OpenAI or loopback is not
// trusted with it (the "same file" exception never applies). from is
// "flag", "environment", a file label like "./.env:3", or "default".
func BaseURLForKeyNotInFile(flag string, inv discover.Inventory) (url, from string, trusted bool) {
	inv.KeySource = nil
	c := chooseBaseURL(flag, inv)
	return c.url, c.from, c.blocked == nil
}

// PlainHTTPForKey applies net.reach's rule for plain http to the base URL
// BaseURLForKeyNotInFile chooses: it is refused (err, one sentence with the
// fix) unless it points at this machine, or insecureHTTP (--insecure-http)
// allows it, which it never does for a base URL read from a dotenv file.
// insecure reports that the key will cross the network unencrypted. A URL
// that is not http(s) with a host is refused as well.
func PlainHTTPForKey(ctx context.Context, flag string, inv discover.Inventory, insecureHTTP bool) (insecure bool, err error) {
	inv.KeySource = nil
	c := chooseBaseURL(flag, inv)
	b, res := apiParseBaseURL(ctx, APIRequest{BaseURL: c.url, InsecureHTTP: insecureHTTP && !c.fromDotenv})
	if res != nil {
		return false, errors.New(res.Summary + "; " + res.Fix)
	}
	return b.insecure, nil
}
