package tui

import (
	"slices"

	"github.com/setupkit/openai-setup/checks"
)

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

// keyRejectedIn is keyRejected for a list of failed results. Failures
// that say nothing against the key itself (billing, rate limits, OpenAI's
// side, the network, the wrong regional host: causes) may be saved past
// with enter; any other needs "save" typed on the Save screen.
func keyRejectedIn(fails []checks.Result) bool {
	return slices.ContainsFunc(fails, func(r checks.Result) bool { return causeOf(r).key == keyRefused })
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
