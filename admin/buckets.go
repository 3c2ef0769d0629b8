package admin

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ScopeUsageRead is the scope the costs and usage endpoints need.
const ScopeUsageRead = "api.usage.read"

// bucketsParallel is how many time windows of one endpoint are fetched at
// once: a cursor chain is serial, but windows of the range are independent.
const bucketsParallel = 4

// bucketPage is one answer of a costs or usage endpoint.
type bucketPage[R any] struct {
	Data []struct {
		StartTime int64 `json:"start_time"`
		EndTime   int64 `json:"end_time"`
		Results   []R   `json:"results"`
	} `json:"data"`
	HasMore  bool    `json:"has_more"`
	NextPage *string `json:"next_page"`
}

// Bucket is one time bucket (a UTC day or hour) and its results.
type Bucket[R any] struct {
	Start, End time.Time
	Results    []R
}

// FetchError is a costs or usage fetch that stopped part-way: the buckets
// already received are not returned, so no partial sum passes for a whole.
type FetchError struct {
	Path          string
	Fetched, Want int // buckets received before the failure, of all asked for
	Err           error
}

func (e *FetchError) Error() string {
	return "GET " + e.Path + ": " + strconv.Itoa(e.Fetched) + " of " + strconv.Itoa(e.Want) + " buckets fetched before: " + e.Err.Error()
}

func (e *FetchError) Unwrap() error { return e.Err }

// bucketQuery is what a costs or usage call asks for.
type bucketQuery struct {
	start, end time.Time // end exclusive
	width      time.Duration
	maxLimit   int // the endpoint's largest page, in buckets
	query      url.Values
}

// fetchBuckets splits [start, end) into windows of maxLimit buckets,
// follows each window's pages (has_more, next_page) concurrently and
// returns every bucket in time order, or an error and nothing.
func fetchBuckets[R any](ctx context.Context, c *Client, path string, q bucketQuery) ([]Bucket[R], error) {
	span := q.width * time.Duration(q.maxLimit)
	var windows [][2]time.Time
	for s := q.start; s.Before(q.end); s = s.Add(span) {
		windows = append(windows, [2]time.Time{s, minTime(s.Add(span), q.end)})
	}
	results := make([][]Bucket[R], len(windows))
	var got atomic.Int64 // buckets received, for the error
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, bucketsParallel)
	var wg sync.WaitGroup
	for i, w := range windows {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				return
			}
			b, err := fetchWindow[R](ctx, c, path, q, w[0], w[1], &got)
			if err != nil {
				cancel(err)
				return
			}
			results[i] = b
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		want := int((q.end.Sub(q.start) + q.width - 1) / q.width)
		return nil, &FetchError{Path: path, Fetched: int(got.Load()), Want: want, Err: err}
	}
	var all []Bucket[R]
	for _, b := range results {
		all = append(all, b...)
	}
	return all, nil
}

func fetchWindow[R any](ctx context.Context, c *Client, path string, q bucketQuery, start, end time.Time, got *atomic.Int64) ([]Bucket[R], error) {
	v := url.Values{}
	for k, vs := range q.query {
		v[k] = append([]string(nil), vs...)
	}
	v.Set("start_time", strconv.FormatInt(start.Unix(), 10))
	v.Set("end_time", strconv.FormatInt(end.Unix(), 10))
	v.Set("limit", strconv.Itoa(int((end.Sub(start)+q.width-1)/q.width)))
	var out []Bucket[R]
	err := followPages(ctx, c, path, v, nextPage, func(p *bucketPage[R]) (bool, string) {
		got.Add(int64(len(p.Data)))
		for _, d := range p.Data {
			out = append(out, Bucket[R]{Start: time.Unix(d.StartTime, 0).UTC(), End: time.Unix(d.EndTime, 0).UTC(), Results: d.Results})
		}
		if p.NextPage == nil {
			return p.HasMore, ""
		}
		return p.HasMore, *p.NextPage
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// addAll sends an array parameter the way the API reference does: the
// name repeated (group_by=a&group_by=b).
func addAll(v url.Values, name string, vals []string) {
	for _, s := range vals {
		v.Add(name, s)
	}
}

// nullString decodes a JSON string that may be null.
type nullString string

func (n *nullString) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s != nil {
		*n = nullString(*s)
	}
	return nil
}
