package checks

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// APIRateLimits is what the six x-ratelimit-* headers say. A field is -1
// (or 0 for the durations) when its header was absent or unreadable.
type APIRateLimits struct {
	LimitRequests     int64
	LimitTokens       int64
	RemainingRequests int64
	RemainingTokens   int64
	ResetRequests     time.Duration
	ResetTokens       time.Duration
}

// ParseRateLimits reads the x-ratelimit-* headers (docs/openai-errors.md §4).
// ok is false when none of the limit or remaining headers is readable.
func ParseRateLimits(h http.Header) (APIRateLimits, bool) {
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
	rl := APIRateLimits{
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

// low reports the dimensions with less than 10% of their limit left.
func (rl APIRateLimits) low() []string {
	var out []string
	if rl.LimitRequests > 0 && rl.RemainingRequests >= 0 && rl.RemainingRequests*10 < rl.LimitRequests {
		out = append(out, "requests")
	}
	if rl.LimitTokens > 0 && rl.RemainingTokens >= 0 && rl.RemainingTokens*10 < rl.LimitTokens {
		out = append(out, "tokens")
	}
	return out
}

// summary is one line: "requests: 499 of 500 left (full again in 120ms);
// tokens: 199,990 of 200,000 left (full again in 6m0s)".
func (rl APIRateLimits) summary() string {
	part := func(what string, rem, lim int64, reset time.Duration) string {
		if rem < 0 && lim < 0 {
			return ""
		}
		s := what + ": "
		switch {
		case rem >= 0 && lim >= 0:
			s += apiThousands(rem) + " of " + apiThousands(lim) + " left"
		case lim >= 0:
			s += "limit " + apiThousands(lim)
		default:
			s += apiThousands(rem) + " left"
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

func apiThousands(n int64) string {
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

// apiHasRateHeaders reports whether any x-ratelimit-* header is present.
func apiHasRateHeaders(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(strings.ToLower(k), "x-ratelimit-") {
			return true
		}
	}
	return false
}

// apiRetryText says when to retry, for a rate-limit summary.
func apiRetryText(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	if d < time.Second {
		return fmt.Sprintf("; retry after %s", d.Round(time.Millisecond))
	}
	return fmt.Sprintf("; retry after %s", d.Round(time.Second))
}
