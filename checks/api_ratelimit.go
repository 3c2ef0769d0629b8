package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/probe"
)

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

func (r *apiRun) rateLimit() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIRateLimit)
	}
	m := r.called()
	paid := r.probe(probe.Paid)
	if paid != nil && paid.Err == nil && paid.Verdict.Family == probe.FamilyRate {
		v := paid.Verdict
		st := Warn
		msg := strings.ToLower(v.Message)
		if v.RetryAfter > time.Minute || strings.Contains(msg, "per day") {
			st = Fail
		}
		what := "was rate limited"
		if Code(v.Code) == CodeSlowDown {
			what = "was told to slow down: traffic ramped up too fast"
		}
		res := r.apiFail(APIRateLimit, st, paid, fmt.Sprintf("the 1-token call to %s %s (HTTP 429 %s)%s", m, what, apiOrNull(v.APICode), apiRetryText(v.RetryAfter)))
		if v.Code == "" {
			res.Code = CodeRateLimited
		}
		if rl, ok := probe.ParseRateLimits(paid.Header); ok {
			res.Detail = append(res.Detail, "limits: "+rl.Summary())
		}
		return res
	}
	var src *probe.Named
	for _, name := range []string{probe.Paid, probe.Scope, probe.Lookup, probe.List} {
		if p := r.probe(name); p != nil && p.Err == nil && p.Header != nil && probe.HasRateHeaders(p.Header) {
			src = p
			break
		}
	}
	if src != nil {
		rl, ok := probe.ParseRateLimits(src.Header)
		if ok {
			sum := fmt.Sprintf("%s: %s", m, rl.Summary())
			if low := rl.Low(); len(low) > 0 {
				return Result{ID: APIRateLimit, Status: Warn, Code: CodeLowHeadroom, Duration: src.Elapsed,
					Summary: fmt.Sprintf("less than 10%% of the %s limit is left; %s", strings.Join(low, " and "), sum),
					Fix:     fixes[CodeLowHeadroom].Do, URL: fixes[CodeLowHeadroom].URL}
			}
			return Result{ID: APIRateLimit, Status: Pass, Duration: src.Elapsed, Summary: sum}
		}
	}
	switch {
	case r.req.NoSpend || paid == nil:
		return Skipped(APIRateLimit, "", "skipped: --no-spend, and no free response carried x-ratelimit-* headers")
	case paid.Err == nil && paid.Verdict.Family == probe.FamilyOK:
		return Result{ID: APIRateLimit, Status: Warn, Code: CodeNoHeaders, Duration: paid.Elapsed,
			Summary: fmt.Sprintf("the 1-token call to %s carried no x-ratelimit-* headers, so headroom is unknown", m),
			Fix:     fixes[CodeNoHeaders].Do, URL: fixes[CodeNoHeaders].URL}
	}
	return Skipped(APIRateLimit, "", "skipped: the 1-token call did not succeed (see api.model and api.billing), so no limits were reported")
}
