package usage

import (
	"context"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/admin"
)

// Filter narrows what is fetched.
type Filter struct {
	ProjectIDs []string
	APIKeyIDs  []string
}

// Fetch gets the period's daily costs (with the period before, for the
// comparison) and completions usage, the two endpoints at once. Either
// failing fails the whole: no partial sums.
func Fetch(ctx context.Context, c *admin.Client, p Period, f Filter) (Data, error) {
	d := Data{Period: p}
	var costErr, useErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		d.Costs, costErr = c.Costs(ctx, admin.CostsQuery{Start: p.Before().Start(), End: p.End(),
			GroupBy: []string{"project_id", "line_item", "api_key_id"}, ProjectIDs: f.ProjectIDs, APIKeyIDs: f.APIKeyIDs})
	})
	wg.Go(func() {
		d.Usage, useErr = c.CompletionsUsage(ctx, admin.UsageQuery{Start: p.Start(), End: p.End(), Width: day,
			GroupBy: []string{"project_id", "api_key_id", "model"}, ProjectIDs: f.ProjectIDs, APIKeyIDs: f.APIKeyIDs})
	})
	wg.Wait()
	if costErr != nil {
		return Data{}, costErr
	}
	if useErr != nil {
		return Data{}, useErr
	}
	return d, nil
}

// Hour is one hour of one key's completions use.
type Hour struct {
	Start                                             time.Time
	Requests, InputTokens, OutputTokens, CachedTokens int64
}

// FetchHours gets one key's completions use per hour over the period and
// returns the hours with any use.
func FetchHours(ctx context.Context, c *admin.Client, p Period, keyID string) ([]Hour, error) {
	end := p.End()
	if next := time.Now().UTC().Truncate(time.Hour).Add(time.Hour); next.Before(end) {
		end = next // no hours from the future
	}
	if !end.After(p.Start()) {
		return nil, nil
	}
	bs, err := c.CompletionsUsage(ctx, admin.UsageQuery{Start: p.Start(), End: end, Width: time.Hour, APIKeyIDs: []string{keyID}})
	if err != nil {
		return nil, err
	}
	var out []Hour
	for _, b := range bs {
		h := Hour{Start: b.Start}
		for _, u := range b.Results {
			h.Requests += u.Requests
			h.InputTokens += u.InputTokens
			h.OutputTokens += u.OutputTokens
			h.CachedTokens += u.CachedTokens
		}
		if h.Requests > 0 || h.InputTokens > 0 || h.OutputTokens > 0 {
			out = append(out, h)
		}
	}
	return out, nil
}
