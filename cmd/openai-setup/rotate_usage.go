package main

import (
	"context"
	"fmt"
	"time"

	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/usage"
)

// leakUsageDays bounds how far back the leaked key's use is fetched: a key
// made years ago would otherwise take hundreds of pages.
const leakUsageDays = 90

// leakUsage is one line on what the revoked key cost and used, from its
// creation (at most leakUsageDays back) to today, with the usage package's
// per-key report. ok is false when it could not be told; the line then
// says why (a missing api.usage.read permission names it). It never fails
// the rotation.
func leakUsage(ctx context.Context, s *adminSession, r rotate.Receipt, fp string, now time.Time) (line string, ok bool) {
	if r.KeyID == "" {
		return fmt.Sprintf("What %s used is not shown: the listing gave no key id to ask about.", fp), false
	}
	today := now.UTC().Truncate(24 * time.Hour)
	p := usage.Period{Since: today.AddDate(0, 0, -(leakUsageDays - 1)), Until: today}
	since := fmt.Sprintf("in the last %d days", leakUsageDays)
	if c := r.KeyCreated.UTC().Truncate(24 * time.Hour); !c.IsZero() && c.After(p.Since) {
		p.Since = c
		since = "since it was created on " + c.Format(time.DateOnly)
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	d, err := usage.Fetch(ctx, s.Client, p, usage.Filter{APIKeyIDs: []string{r.KeyID}})
	if err != nil {
		return fmt.Sprintf("What %s used is not shown: %s.", fp, sentenceEnd(s.explainUsageError(err).Error())), false
	}
	rep := d.Report(usage.ByKey, now)
	var req, in, out int64
	for _, row := range rep.Rows {
		req, in, out = req+row.Requests, in+row.InputTokens, out+row.OutputTokens
	}
	if rep.Total.IsZero() && req == 0 {
		return fmt.Sprintf("Nothing used: %s made no requests and cost nothing %s (usage can take a few minutes to appear).", fp, since), true
	}
	return fmt.Sprintf("What %s used %s: %s, %s requests, %s input and %s output tokens (%s).",
		fp, since, usage.Dollars(rep.Total), groupDigits(req), groupDigits(in), groupDigits(out), p), true
}

// sentenceEnd drops a final period, so a message can end a sentence.
func sentenceEnd(s string) string {
	if n := len(s); n > 0 && s[n-1] == '.' {
		return s[:n-1]
	}
	return s
}
