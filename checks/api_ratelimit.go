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
	paid := r.probe(apiProbePaid)
	if paid != nil && paid.err == nil && paid.verdict.Family == probe.FamilyRate {
		v := paid.verdict
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
		if rl, ok := probe.ParseRateLimits(paid.header); ok {
			res.Detail = append(res.Detail, "limits: "+rl.Summary())
		}
		return res
	}
	var src *apiProbe
	for _, name := range []string{apiProbePaid, apiProbeScope, apiProbeLookup, apiProbeList} {
		if p := r.probe(name); p != nil && p.err == nil && p.header != nil && probe.HasRateHeaders(p.header) {
			src = p
			break
		}
	}
	if src != nil {
		rl, ok := probe.ParseRateLimits(src.header)
		if ok {
			sum := fmt.Sprintf("%s: %s", m, rl.Summary())
			if low := rl.Low(); len(low) > 0 {
				return Result{ID: APIRateLimit, Status: Warn, Code: CodeLowHeadroom, Duration: src.elapsed,
					Summary: fmt.Sprintf("less than 10%% of the %s limit is left; %s", strings.Join(low, " and "), sum),
					Fix:     fixes[CodeLowHeadroom].Do, URL: fixes[CodeLowHeadroom].URL}
			}
			return Result{ID: APIRateLimit, Status: Pass, Duration: src.elapsed, Summary: sum}
		}
	}
	switch {
	case r.req.NoSpend || paid == nil:
		return skipped(APIRateLimit, "", "skipped: --no-spend, and no free response carried x-ratelimit-* headers")
	case paid.err == nil && paid.verdict.Family == probe.FamilyOK:
		return Result{ID: APIRateLimit, Status: Warn, Code: CodeNoHeaders, Duration: paid.elapsed,
			Summary: fmt.Sprintf("the 1-token call to %s carried no x-ratelimit-* headers, so headroom is unknown", m),
			Fix:     fixes[CodeNoHeaders].Do, URL: fixes[CodeNoHeaders].URL}
	}
	return skipped(APIRateLimit, "", "skipped: the 1-token call did not succeed (see api.model and api.billing), so no limits were reported")
}
