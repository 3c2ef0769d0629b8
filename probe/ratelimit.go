package probe

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimits is what the six x-ratelimit-* headers say. A field is -1
// (or 0 for the durations) when its header was absent or unreadable.
type RateLimits struct {
	LimitRequests     int64
	LimitTokens       int64
	RemainingRequests int64
	RemainingTokens   int64
	ResetRequests     time.Duration
	ResetTokens       time.Duration
}

// ParseRateLimits reads the x-ratelimit-* headers (limit, remaining and
// reset, for requests and for tokens). ok is false when none of the limit or remaining headers is readable.
func ParseRateLimits(h http.Header) (RateLimits, bool) {
	num := func(name string) int64 {
		v := strings.TrimSpace(h.Get(name))
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return -1
		}
		return n
	}
	dur := func(name string) time.Duration {
		d, err := time.ParseDuration(strings.TrimSpace(h.Get(name)))
		if err != nil || d < 0 {
			return 0
		}
		return d
	}
	rl := RateLimits{
		LimitRequests:     num("x-ratelimit-limit-requests"),
		LimitTokens:       num("x-ratelimit-limit-tokens"),
		RemainingRequests: num("x-ratelimit-remaining-requests"),
		RemainingTokens:   num("x-ratelimit-remaining-tokens"),
		ResetRequests:     dur("x-ratelimit-reset-requests"),
		ResetTokens:       dur("x-ratelimit-reset-tokens"),
	}
	ok := rl.LimitRequests >= 0 || rl.LimitTokens >= 0 || rl.RemainingRequests >= 0 || rl.RemainingTokens >= 0
	return rl, ok
}

// Low reports the dimensions with less than 10% of their limit left.
func (rl RateLimits) Low() []string {
	var out []string
	if rl.LimitRequests > 0 && rl.RemainingRequests >= 0 && rl.RemainingRequests*10 < rl.LimitRequests {
		out = append(out, "requests")
	}
	if rl.LimitTokens > 0 && rl.RemainingTokens >= 0 && rl.RemainingTokens*10 < rl.LimitTokens {
		out = append(out, "tokens")
	}
	return out
}

// Summary is one line: "requests: 499 of 500 left (full again in 120ms);
// tokens: 199,990 of 200,000 left (full again in 6m0s)".
func (rl RateLimits) Summary() string {
	part := func(what string, rem, lim int64, reset time.Duration) string {
		if rem < 0 && lim < 0 {
			return ""
		}
		s := what + ": "
		switch {
		case rem >= 0 && lim >= 0:
			s += thousands(rem) + " of " + thousands(lim) + " left"
		case lim >= 0:
			s += "limit " + thousands(lim)
		default:
			s += thousands(rem) + " left"
		}
		if reset > 0 {
			s += " (full again in " + reset.String() + ")"
		}
		return s
	}
	var parts []string
	for _, p := range []string{
		part("requests", rl.RemainingRequests, rl.LimitRequests, rl.ResetRequests),
		part("tokens", rl.RemainingTokens, rl.LimitTokens, rl.ResetTokens),
	} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// HasRateHeaders reports whether any x-ratelimit-* header is present.
func HasRateHeaders(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(strings.ToLower(k), "x-ratelimit-") {
			return true
		}
	}
	return false
}
