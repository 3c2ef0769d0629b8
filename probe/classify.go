// Package probe sends doctor's requests to the OpenAI API (Send for one,
// Batch for the named probes at once) and classifies each answer (or a
// request that got none) into a verdict the checks can judge, and reads the
// x-ratelimit-* headers. It never retries and never shows a key; what the
// verdicts mean for the setup is checks' to decide.
package probe

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Family groups API answers by what the user must do about them.
type Family string

// Families of API answers.
const (
	FamilyOK           Family = "ok"           // 2xx
	FamilyAuth         Family = "auth"         // the key or its identity is refused
	FamilyScopes       Family = "scopes"       // the key lacks a permission ("Missing scopes:")
	FamilyRegion       Family = "region"       // unsupported country/region
	FamilyVerification Family = "verification" // organization must be verified for the model
	FamilyModel        Family = "model"        // the model does not exist for this key
	FamilyQuota        Family = "quota"        // billing: credits, spend or usage limits; never retry
	FamilyRate         Family = "rate"         // rate limit: transient, honor retry-after
	FamilyBadRequest   Family = "bad_request"  // body validation (expected for the free scope probe)
	FamilyNotFound     Family = "not_found"    // an unknown URL: the base URL is probably wrong
	FamilyServer       Family = "server"       // 5xx: OpenAI's side, retry later
	FamilyUnexpected   Family = "unexpected"   // anything the API would not say (HTML 4xx, garbage)
)

// Verdict is the classification of one HTTP answer from the API. Every
// string in it is safe to show once scrubbed of the key: Message is
// sanitised (no control characters, at most maxMessage runes) but not
// scrubbed, since the classifier does not know the key.
type Verdict struct {
	Status     int
	Family     Family
	Code       string        // our stable check code ("" for FamilyOK and FamilyBadRequest)
	Type       string        // the envelope's error.type, as sent
	APICode    string        // the envelope's error.code, as sent
	Param      string        // the envelope's error.param, as sent
	Message    string        // the envelope's error.message (or the string envelope)
	Scopes     []string      // for FamilyScopes: the scopes after "Missing scopes:"
	RetryAfter time.Duration // from retry-after-ms / retry-after; 0 when absent
	RequestID  string        // x-request-id, when it looks like one
	JSON       bool          // the body was a JSON object
	NoKeySent  bool          // the server says no key arrived (a proxy may strip it)
}

// maxMessage bounds how much of a server message is ever shown.
const maxMessage = 300

// BodyLimit caps how much of a response body is read.
const BodyLimit = 64 << 10

// quotaCodes are error.code values that mean a billing problem (reference
// §3.4 rule 1), mapped to our check codes.
var quotaCodes = map[string]string{
	"insufficient_quota":                "insufficient_quota",
	"credit_balance_exhausted":          "credit_balance_exhausted",
	"organization_spend_limit_exceeded": "spend_limit",
	"project_spend_limit_exceeded":      "spend_limit",
	"organization_usage_limit_exceeded": "spend_limit",
	"billing_hard_limit_reached":        "spend_limit",
	"billing_not_active":                "billing_not_active",
}

// authCodes are error.code values that mean the key or its identity is
// refused, mapped to our check codes.
var authCodes = map[string]string{
	"invalid_api_key":         "invalid_api_key",
	"invalid_authentication":  "invalid_api_key",
	"account_deactivated":     "account_deactivated",
	"no_organization":         "no_organization",
	"mismatched_organization": "mismatched_organization",
	"invalid_organization":    "mismatched_organization",
	"mismatched_project":      "mismatched_project",
	"ip_not_authorized":       "ip_not_authorized",
}

// Classify classifies one API answer from its status, headers and body
// (already capped by the caller). It is pure and total: any input gives a
// verdict, never a panic. The rules follow the reference: code before type;
// a 401/403 saying "Missing scopes:" is a permission problem, not a bad key;
// quota 429s and rate-limit 429s differ; both envelope shapes; non-JSON
// bodies are never read as a bad key.
func Classify(status int, header http.Header, body []byte) Verdict {
	v := Verdict{Status: status}
	v.RequestID = RequestID(header)
	v.RetryAfter = retryAfter(header)
	env, isJSON := parseEnvelope(body)
	v.JSON = isJSON
	v.Type, v.APICode, v.Param = env.typ, env.code, env.param
	v.Message = Sanitize(env.message)
	if !isJSON && status >= 300 {
		v.Message = Sanitize(bodyGist(body))
	}
	msg := strings.ToLower(env.message)

	set := func(f Family, code string) Verdict {
		v.Family, v.Code = f, code
		return v
	}

	if status >= 200 && status < 300 {
		return set(FamilyOK, "")
	}
	if !isJSON {
		// An edge or proxy page: say what class of answer it was, but
		// never blame the key on a body the API did not write.
		switch {
		case status >= 500:
			if status == 503 {
				return set(FamilyServer, "overloaded")
			}
			return set(FamilyServer, "server_error")
		case status == 429:
			return set(FamilyRate, "rate_limited")
		}
		return set(FamilyUnexpected, "unexpected_response")
	}
	if (status == 401 || status == 403) && strings.Contains(env.message, "Missing scopes:") {
		v.Scopes = parseScopes(env.message)
		return set(FamilyScopes, "missing_scopes")
	}

	// A data-residency project called on the wrong host: the code is often
	// null, so the message decides.
	if status == 401 && strings.Contains(msg, "incorrect regional hostname") {
		return set(FamilyAuth, "regional_hostname")
	}

	// code before type
	switch code := env.code; {
	case quotaCodes[code] != "":
		return set(FamilyQuota, quotaCodes[code])
	case authCodes[code] != "":
		return set(FamilyAuth, authCodes[code])
	case code == "unsupported_country_region_territory":
		return set(FamilyRegion, "unsupported_region")
	case code == "model_not_found":
		return set(FamilyModel, "model_not_found")
	case code == "slow_down":
		return set(FamilyRate, "slow_down")
	case code == "rate_limit_exceeded":
		return set(FamilyRate, "rate_limited")
	case code == "server_is_overloaded":
		return set(FamilyServer, "overloaded")
	}
	if strings.Contains(msg, "must be verified") {
		return set(FamilyVerification, "verification_required")
	}
	switch env.typ {
	case "insufficient_quota":
		return set(FamilyQuota, "insufficient_quota")
	case "billing_not_active":
		return set(FamilyQuota, "billing_not_active")
	case "server_error":
		return set(FamilyServer, "server_error")
	case "service_unavailable_error":
		return set(FamilyServer, "overloaded")
	}

	switch {
	case status == 401:
		if strings.Contains(msg, "didn't provide an api key") || strings.Contains(msg, "did not provide an api key") {
			v.NoKeySent = true
			return set(FamilyUnexpected, "unexpected_response")
		}
		return set(FamilyAuth, "invalid_api_key")
	case status == 403:
		if strings.Contains(msg, "country") || strings.Contains(msg, "region") || env.typ == "request_forbidden" {
			return set(FamilyRegion, "unsupported_region")
		}
		return set(FamilyUnexpected, "unexpected_response")
	case status == 404:
		if strings.Contains(msg, "does not exist") && strings.Contains(msg, "model") {
			return set(FamilyModel, "model_not_found")
		}
		return set(FamilyNotFound, "unexpected_response")
	case status == 429:
		switch {
		case strings.Contains(msg, "quota") || strings.Contains(msg, "billing"):
			return set(FamilyQuota, "insufficient_quota")
		case strings.Contains(msg, "slow down"):
			return set(FamilyRate, "slow_down")
		}
		return set(FamilyRate, "rate_limited")
	case status == 503:
		return set(FamilyServer, "overloaded")
	case status >= 500:
		return set(FamilyServer, "server_error")
	case status == 400 || status == 422:
		return set(FamilyBadRequest, "")
	}
	return set(FamilyUnexpected, "unexpected_response")
}

type envelope struct{ message, typ, code, param string }

// parseEnvelope reads both envelope shapes, {"error":{...}} and
// {"error":"string"}. isJSON reports whether the body was a JSON object at
// all; fields it cannot read stay empty.
func parseEnvelope(body []byte) (envelope, bool) {
	var env envelope
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return env, false
	}
	var outer map[string]json.RawMessage
	if json.Unmarshal(trimmed, &outer) != nil {
		return env, false
	}
	raw, ok := outer["error"]
	if !ok {
		// Some servers put message at the top level.
		env.message = jsonString(outer["message"])
		return env, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		env.message = s
		return env, true
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(raw, &inner) == nil {
		env.message = jsonString(inner["message"])
		env.typ = jsonString(inner["type"])
		env.code = jsonString(inner["code"])
		env.param = jsonString(inner["param"])
	}
	return env, true
}

// jsonString reads a JSON string, or a number as its text (codes have
// been seen as numbers on compatible servers); anything else is "".
func jsonString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// parseScopes returns the comma-separated scopes after "Missing scopes:",
// up to the sentence's end.
func parseScopes(msg string) []string {
	_, rest, ok := strings.Cut(msg, "Missing scopes:")
	if !ok {
		return nil
	}
	// The list ends at ". " (the next sentence) or the end of the message.
	if i := strings.Index(rest, ". "); i >= 0 {
		rest = rest[:i]
	}
	var scopes []string
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		f = strings.TrimRight(f, ".")
		if f == "" || !scopeLike(f) {
			continue
		}
		scopes = append(scopes, f)
		if len(scopes) == 16 {
			break
		}
	}
	return scopes
}

func scopeLike(s string) bool {
	if len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// RequestID returns x-request-id when it looks like an id (printable,
// short), so a hostile header cannot put anything odd in a report.
func RequestID(h http.Header) string {
	id := strings.TrimSpace(h.Get("x-request-id"))
	if id == "" || len(id) > 80 {
		return ""
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':') {
			return ""
		}
	}
	return id
}

// retryAfter reads retry-after-ms, then retry-after (seconds or an HTTP
// date), capped at a day so a silly value cannot make a silly report.
func retryAfter(h http.Header) time.Duration {
	const limit = 24 * time.Hour
	if ms := h.Get("retry-after-ms"); ms != "" {
		if f, err := strconv.ParseFloat(ms, 64); err == nil && f > 0 && f < float64(limit/time.Millisecond) {
			return time.Duration(f * float64(time.Millisecond))
		}
	}
	ra := strings.TrimSpace(h.Get("retry-after"))
	if ra == "" {
		return 0
	}
	if f, err := strconv.ParseFloat(ra, 64); err == nil {
		if f > 0 && f < limit.Seconds() {
			return time.Duration(f * float64(time.Second))
		}
		return 0
	}
	if t, err := http.ParseTime(ra); err == nil {
		if d := time.Until(t); d > 0 && d < limit {
			return d.Round(time.Second)
		}
	}
	return 0
}

// bodyGist is a short, readable hint of a non-JSON body: an HTML title
// or the first line of text.
func bodyGist(body []byte) string {
	s := string(body)
	lower := strings.ToLower(s)
	if i := strings.Index(lower, "<title>"); i >= 0 {
		rest := s[i+len("<title>"):]
		if j := strings.Index(strings.ToLower(rest), "</title>"); j >= 0 {
			return strings.TrimSpace(rest[:j])
		}
	}
	if strings.Contains(lower, "<html") || strings.Contains(lower, "<!doctype") {
		return "an HTML page"
	}
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

// starRun matches the long run of stars in a redacted key echo.
var starRun = regexp.MustCompile(`\*{9,}`)

// Sanitize makes server text safe for one terminal line: valid UTF-8, no
// control or escape characters, collapsed spaces, at most maxMessage runes.
func Sanitize(s string) string {
	if s == "" {
		return ""
	}
	if strings.Contains(s, "*********") {
		s = starRun.ReplaceAllString(s, "********…")
	}
	var b strings.Builder
	space := false
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			r = '?'
		}
		if unicode.Is(unicode.Cf, r) {
			continue // zero-width and bidi controls: invisible, and can reorder text
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= maxMessage {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
