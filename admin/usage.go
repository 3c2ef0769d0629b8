package admin

import (
	"context"
	"net/url"
	"time"
)

// UsageQuery asks for completions usage in [Start, End), in buckets of
// Width (time.Hour or 24*time.Hour).
type UsageQuery struct {
	Start, End time.Time
	Width      time.Duration
	GroupBy    []string // "model", "project_id", "api_key_id"
	ProjectIDs []string
	APIKeyIDs  []string
}

// Usage is one result of a completions usage bucket. Fields not grouped by
// are "".
type Usage struct {
	InputTokens  int64  `json:"input_tokens"`
	CachedTokens int64  `json:"input_cached_tokens"`
	OutputTokens int64  `json:"output_tokens"`
	Requests     int64  `json:"num_model_requests"`
	ProjectID    string `json:"-"`
	APIKeyID     string `json:"-"`
	Model        string `json:"-"`
}

type wireUsage struct {
	Usage
	ProjectID nullString `json:"project_id"`
	APIKeyID  nullString `json:"api_key_id"`
	Model     nullString `json:"model"`
}

// CompletionsUsage returns every bucket of completions usage, all pages.
func (c *Client) CompletionsUsage(ctx context.Context, q UsageQuery) ([]Bucket[Usage], error) {
	width, bw, maxLimit := 24*time.Hour, "1d", 31
	if q.Width == time.Hour {
		width, bw, maxLimit = time.Hour, "1h", 168
	}
	v := url.Values{"bucket_width": {bw}}
	addAll(v, "group_by", q.GroupBy)
	addAll(v, "project_ids", q.ProjectIDs)
	addAll(v, "api_key_ids", q.APIKeyIDs)
	ws, err := fetchBuckets[wireUsage](ctx, c, "/organization/usage/completions",
		bucketQuery{start: q.Start, end: q.End, width: width, maxLimit: maxLimit, query: v})
	if err != nil {
		return nil, err
	}
	out := make([]Bucket[Usage], len(ws))
	for i, b := range ws {
		out[i] = Bucket[Usage]{Start: b.Start, End: b.End, Results: make([]Usage, len(b.Results))}
		for j, r := range b.Results {
			u := r.Usage
			u.ProjectID, u.APIKeyID, u.Model = string(r.ProjectID), string(r.APIKeyID), string(r.Model)
			out[i].Results[j] = u
		}
	}
	return out, nil
}
