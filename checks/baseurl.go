package checks

import "github.com/setupkit/openai-setup/discover"

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
