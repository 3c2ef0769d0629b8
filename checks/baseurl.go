package checks

import (
	"context"
	"errors"

	"github.com/setupkit/openai-setup/discover"
)

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
