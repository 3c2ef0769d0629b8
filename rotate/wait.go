package rotate

import (
	"context"
	"time"

	"github.com/setupkit/openai-setup/checks"
)

// Polling defaults: the free GET /models every few seconds for two
// minutes is about 24 requests, far below any rate limit.
const (
	DefaultInterval = 5 * time.Second
	DefaultWait     = 2 * time.Minute
)

// StateOf reads an api.auth result (from checks.CheckAuth or checks.Run).
func StateOf(r checks.Result) KeyState {
	switch {
	case r.Status == checks.Pass, r.Status == checks.Warn && r.Code == "rate_limited":
		return KeyValid // a rate-limited GET /models still recognised the key
	case r.Status == checks.Fail && r.Code == "invalid_api_key":
		return KeyRevoked
	}
	return KeyUnknown
}

// Poll is one answer while waiting.
type Poll struct {
	Attempt   int           // 1-based
	Remaining time.Duration // until the wait ends; 0 after the last poll
	State     KeyState
	Result    checks.Result // the api.auth result, safe to print
}

// WaitRevoked polls checks.CheckAuth with req (the old key) until the API
// answers invalid_api_key, which returns KeyRevoked. Polls are interval apart;
// none starts after wait has passed, and the last one is made when it ends,
// so a key revoked in the final seconds is still seen. Otherwise it returns
// KeyValid when any answer said the key works, else KeyUnknown: a network
// error is never taken for a revocation. onPoll, when set, is called after
// each poll. Only ctx's end returns an error (ctx.Err()).
func WaitRevoked(ctx context.Context, req checks.APIRequest, interval, wait time.Duration, onPoll func(Poll)) (KeyState, error) {
	if interval <= 0 {
		interval = DefaultInterval
	}
	deadline := time.Now().Add(max(wait, 0))
	outcome := KeyUnknown
	timer := time.NewTimer(interval)
	timer.Stop()
	defer timer.Stop()
	for attempt := 1; ; attempt++ {
		r := checks.CheckAuth(ctx, req)
		if ctx.Err() != nil {
			return outcome, ctx.Err()
		}
		state := StateOf(r)
		if state == KeyValid {
			outcome = KeyValid
		}
		left := max(time.Until(deadline), 0)
		if onPoll != nil {
			onPoll(Poll{Attempt: attempt, Remaining: left, State: state, Result: r})
		}
		if state == KeyRevoked {
			return KeyRevoked, nil
		}
		if left <= 0 {
			return outcome, nil
		}
		timer.Reset(min(interval, left))
		select {
		case <-ctx.Done():
			return outcome, ctx.Err()
		case <-timer.C:
		}
	}
}
