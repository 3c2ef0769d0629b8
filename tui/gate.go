package tui

import (
	"slices"

	"github.com/setupkit/openai-setup/checks"
)

// outsideCauses are failure codes that say nothing against the key itself:
// billing, rate limits, OpenAI's side, the network. Enter may save past
// them; any other failure needs "save" typed on the Save screen.
var outsideCauses = []checks.Code{
	checks.CodeInsufficientQuota, checks.CodeCreditBalanceExhausted, checks.CodeSpendLimit, checks.CodeBillingNotActive,
	checks.CodeRateLimited, checks.CodeSlowDown, checks.CodeServerError, checks.CodeOverloaded,
	checks.CodeTimeout, checks.CodeDNS, checks.CodeConnect, checks.CodeTLS, checks.CodeProxy, checks.CodeRegionalHostname,
}

// failures are the shown results that failed.
func (m Model) failures() []checks.Result {
	var out []checks.Result
	for _, r := range m.shownResults() {
		if r.Status == checks.Fail {
			out = append(out, r)
		}
	}
	return out
}

// keyRejected is whether a failure speaks against the key itself, so that
// saving it needs "save" typed.
func (m Model) keyRejected() bool { return keyRejectedIn(m.failures()) }

// keyRejectedIn is keyRejected for a list of failed results.
func keyRejectedIn(fails []checks.Result) bool {
	for _, r := range fails {
		if !slices.Contains(outsideCauses, r.Code) {
			return true
		}
	}
	return false
}

// failingNames are the names of the failed checks, for the outcome.
func (m Model) failingNames() []string {
	var out []string
	for _, r := range m.failures() {
		out = append(out, checkName(r.ID))
	}
	return out
}

// checkName is a check's label on screen; unknown ids show as is.
func checkName(id string) string {
	if n := checkNames[id]; n != "" {
		return n
	}
	return id
}
