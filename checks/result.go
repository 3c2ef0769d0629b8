// Package checks decides what doctor reports about an OpenAI API key
// setup: the key checks and the API checks (auth, scopes, model access,
// billing, rate limits). It holds Result, the catalog, the codes and their
// fixes, the engine and those judges; discover finds where keys and
// settings live, and probe sends the requests and classifies the answers.
// Package hygiene judges the files and git, and package keyowner asks the
// Admin API who owns the key and what its project spent: both import this
// package for Result and the codes, so the engine runs them through
// Options.Hygiene and Options.Admin.
//
// It works over an injected *http.Client, a base URL and the file system,
// and returns plain data. It never imports tui, steps, cobra or any Charm
// package: rendering belongs to the callers.
package checks

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// Status is the outcome of one check.
type Status string

// The four statuses, as doctor prints them and --json carries them.
const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
	Skip Status = "skip"
)

// Result is one check's finding. Every field is safe to print: keys appear
// only as fingerprints.
type Result struct {
	ID        string        `json:"id"`
	Status    Status        `json:"status"`
	Code      Code          `json:"code,omitempty"`       // stable; set whenever Status is not Pass
	Summary   string        `json:"summary"`              // one line
	Fix       string        `json:"fix,omitempty"`        // the exact next step
	URL       string        `json:"url,omitempty"`        // dashboard page that helps
	RequestID string        `json:"request_id,omitempty"` // x-request-id of a failed API call
	Detail    []string      `json:"detail,omitempty"`     // extra lines (verbose)
	Findings  []Finding     `json:"findings,omitempty"`
	Data      Counts        `json:"data,omitempty"` // for scripts: git.history's "ignored"
	Duration  time.Duration `json:"-"`
}

// Counts are numbers a check reports besides its findings, by name.
type Counts map[string]int

// Finding is one item of a check with several (a key found in history).
type Finding struct {
	Commit      string `json:"commit,omitempty"`
	Path        string `json:"path,omitempty"`
	Line        int    `json:"line,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	InUse       bool   `json:"in_use,omitempty"` // the key doctor is checking
	Note        string `json:"note,omitempty"`
	// key.owner: a listed key the key in use may be.
	Project    string `json:"project,omitempty"`
	ProjectID  string `json:"project_id,omitempty"`
	KeyID      string `json:"key_id,omitempty"`
	KeyName    string `json:"key_name,omitempty"`
	Owner      string `json:"owner,omitempty"`        // a user's e-mail, a service account's name
	OwnerType  string `json:"owner_type,omitempty"`   // "user" or "service_account"
	LastUsedAt string `json:"last_used_at,omitempty"` // RFC 3339; empty: never used
	// api.billing: the project's spend this month and its monthly limit,
	// in dollars (with an admin key that may read usage).
	SpendUSD json.Number `json:"spend_usd,omitempty"`
	LimitUSD json.Number `json:"limit_usd,omitempty"`
}

// Failed reports whether the result is a failure.
func (r Result) Failed() bool { return r.Status == Fail }

// WithWarning adds a second finding to r. When r passed or was skipped it
// becomes r's warning (code, summary, fix), and r's own summary moves to
// Detail; when r already fails or warns, r keeps its status and code and the
// finding is added as a Detail line, so the first finding is never hidden.
// more are further Detail lines of the finding.
func (r Result) WithWarning(code Code, summary, fix string, more ...string) Result {
	if r.Status == Fail || r.Status == Warn {
		r.Detail = append(r.Detail, "also: "+summary+"; fix: "+fix)
		r.Detail = append(r.Detail, more...)
		return r
	}
	var first []string
	if r.Summary != "" {
		first = []string{r.Summary}
	}
	r.Detail = slices.Concat(first, more, r.Detail)
	r.Status, r.Code, r.Summary, r.Fix = Warn, code, summary, fix
	return r
}

// firstAndMore is the first of lines for a summary, saying "(and N more:
// see detail)" when there are others, and the others, for Detail.
func firstAndMore(lines []string) (first string, more []string) {
	if len(lines) < 2 {
		return lines[0], nil
	}
	return lines[0] + " (and " + strconv.Itoa(len(lines)-1) + " more: see detail)", lines[1:]
}

// Skipped builds a Skip result for a check that could not run.
func Skipped(id string, code Code, why string) Result {
	return Result{ID: id, Status: Skip, Code: code, Summary: why}
}

// FixFor returns the fix for code in situation c ("" is the usual one): the
// fixes table's door for judges outside this package (hygiene).
func FixFor(code Code, c string) Fix { return fixFor(code, c) }

// Scrub removes keys (and anything key-shaped) from every text field: a
// server's message or a listing quoted in a result may echo a key.
func (r Result) Scrub(keys ...apikey.Key) Result {
	s := func(t string) string { return apikey.Scrub(t, keys...) }
	r.Summary, r.Fix, r.URL, r.RequestID = s(r.Summary), s(r.Fix), s(r.URL), s(r.RequestID)
	if r.Detail != nil {
		d := make([]string, len(r.Detail))
		for i, line := range r.Detail {
			d[i] = s(line)
		}
		r.Detail = d
	}
	if r.Findings != nil {
		f := slices.Clone(r.Findings)
		for i := range f {
			f[i].Note = s(f[i].Note)
		}
		r.Findings = f
	}
	return r
}
