package tui

import (
	"regexp"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/checks"
)

// keyVerdict is what a failure says of the key itself.
type keyVerdict int

const (
	keyRefused    keyVerdict = iota // it speaks against the key: saving needs "save" typed
	keyAccepted                     // the API took the key; the failure is elsewhere (billing, limits)
	keyRecognised                   // the API knew the key, on the wrong host
	keyNotJudged                    // nothing reached a verdict (network, OpenAI's side)
)

// cause is one failure code in the wizard's words.
type cause struct {
	words string // a clause: what failed, e.g. "the key was rejected"
	key   keyVerdict
}

// causes word every failure the wizard's checks end in, by code: the skip
// lines of the checks after it, and the Save screen's sentence. The one
// table, so that a key the API recognised is never called rejected. A code
// not here speaks against the key (causeOf).
var causes = map[checks.Code]cause{
	checks.CodeInvalidAPIKey:          {"the key was rejected", keyRefused},
	checks.CodeAccountDeactivated:     {"the key's account is deactivated", keyRefused},
	checks.CodeNoOrganization:         {"the key's user is in no organization", keyRefused},
	checks.CodeMismatchedOrganization: {"the organization sent is not the key's", keyRefused},
	checks.CodeMismatchedProject:      {"the project sent is not the key's", keyRefused},
	checks.CodeIPNotAuthorized:        {"this machine's IP address is not on the key's allowlist", keyRefused},
	checks.CodeUnsupportedRegion:      {"the API is not offered where you connect from", keyRefused},
	checks.CodeUnexpectedResponse:     {"the server did not answer as the API does", keyRefused},
	checks.CodeRegionalHostname:       {"the API recognised the key, but this is the wrong host for its project's region", keyRecognised},
	checks.CodeInsufficientQuota:      {"no credit left to spend (insufficient_quota)", keyAccepted},
	checks.CodeCreditBalanceExhausted: {"the prepaid credit balance is zero", keyAccepted},
	checks.CodeSpendLimit:             {"a budget or usage limit was reached", keyAccepted},
	checks.CodeBillingNotActive:       {"billing is not active", keyAccepted},
	checks.CodeRateLimited:            {"the API is rate limiting this key", keyAccepted},
	checks.CodeSlowDown:               {"the traffic grew too fast", keyAccepted},
	checks.CodeServerError:            {"OpenAI's side failed", keyNotJudged},
	checks.CodeOverloaded:             {"OpenAI is overloaded", keyNotJudged},
	checks.CodeTimeout:                {"the API did not answer in time", keyNotJudged},
	checks.CodeDNS:                    {"the API could not be reached", keyNotJudged},
	checks.CodeConnect:                {"the API could not be reached", keyNotJudged},
	checks.CodeTLS:                    {"the API could not be reached", keyNotJudged},
	checks.CodeProxy:                  {"the API could not be reached", keyNotJudged},
}

// causeOf is r's failure in words; an unknown code is the check's failure,
// against the key.
func causeOf(r checks.Result) cause {
	if c, ok := causes[r.Code]; ok {
		return c
	}
	return cause{words: "the " + checkName(r.ID) + " check failed", key: keyRefused}
}

// skippedAfter matches the checks engine's skip of a check whose
// prerequisite failed: "skipped: api.auth failed".
var skippedAfter = regexp.MustCompile(`^skipped: ([a-z_.]+) failed$`)

// resultWords is a result's summary in the wizard's words: a skip after a
// failed check says that check's cause (from results, by code), and ids
// become check names.
func resultWords(r checks.Result, results []checks.Result) string {
	if m := skippedAfter.FindStringSubmatch(r.Summary); m != nil {
		i := slices.IndexFunc(results, func(f checks.Result) bool { return f.ID == m[1] && f.Status == checks.Fail })
		if i >= 0 {
			return "skipped: " + causeOf(results[i]).words
		}
	}
	return inWords(r.Summary)
}

// outsideSentence is the Save screen's sentence for failures none of which
// speaks against the key: what is known of the key, and the causes.
func outsideSentence(fails []checks.Result) string {
	var words []string
	verdict := keyAccepted
	for _, r := range fails {
		c := causeOf(r)
		if !slices.Contains(words, c.words) {
			words = append(words, c.words)
		}
		verdict = max(verdict, c.key)
	}
	lead := map[keyVerdict]string{
		keyAccepted:   "The API accepted the key itself; the failure is outside it: ",
		keyRecognised: "The failure is outside the key: ",
		keyNotJudged:  "The key itself was not judged: ",
	}[verdict]
	return lead + strings.Join(words, "; ") + ". Enter saves it, and Done says what remains to do."
}
