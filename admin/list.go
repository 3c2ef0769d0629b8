package admin

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
)

// page is one answer of a list endpoint.
type page[T any] struct {
	Data    []T    `json:"data"`
	LastID  string `json:"last_id"`
	HasMore bool   `json:"has_more"`
}

// listAll follows a list endpoint from its first page to its last: limit,
// then after=<last_id> while has_more. A server that repeats a cursor or
// never ends is an error, not a loop.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	if query == nil {
		query = url.Values{}
	}
	size := c.PageSize
	if size < 1 || size > 100 {
		size = DefaultPageSize
	}
	query.Set("limit", strconv.Itoa(size))
	var all []T
	seen := map[string]bool{}
	for range maxPages {
		var p page[json.RawMessage]
		if err := c.do(ctx, "GET", path, query, nil, &p); err != nil {
			return nil, err
		}
		for _, raw := range p.Data {
			var v T
			if err := json.Unmarshal(raw, &v); err != nil {
				return nil, &BodyError{Status: 200, Method: "GET", Path: path, Why: "a list item was not the expected JSON"}
			}
			all = append(all, v)
		}
		if !p.HasMore {
			return all, nil
		}
		if p.LastID == "" || seen[p.LastID] {
			return nil, &PagingError{Path: path, Why: "the API said there is more but gave no new last_id"}
		}
		seen[p.LastID] = true
		query.Set("after", p.LastID)
	}
	return nil, &PagingError{Path: path, Why: "more than " + strconv.Itoa(maxPages) + " pages"}
}
