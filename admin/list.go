package admin

import (
	"context"
	"net/url"
	"strconv"
)

// page is one answer of a list endpoint.
type page[T any] struct {
	Data    []T    `json:"data"`
	LastID  string `json:"last_id"`
	HasMore bool   `json:"has_more"`
}

// cursor is how an endpoint points at its next page: the query parameter
// to send and the answer's field it comes from (for the error).
type cursor struct{ param, field string }

var (
	afterLastID = cursor{"after", "last_id"}  // lists
	nextPage    = cursor{"page", "next_page"} // costs and usage
)

// followPages is the one paging loop: it GETs path into a fresh P, hands
// it to take (which keeps what it holds and returns whether there is more
// and the next cursor), and sends that cursor as cur.param until there is
// no more. A server that repeats a cursor or never ends is an error, not a
// loop. query is changed.
func followPages[P any](ctx context.Context, c *Client, path string, query url.Values, cur cursor, take func(*P) (more bool, next string)) error {
	seen := map[string]bool{}
	for range maxPages {
		var p P
		if err := c.do(ctx, "GET", path, query, nil, &p); err != nil {
			return err
		}
		more, next := take(&p)
		if !more {
			return nil
		}
		if next == "" || seen[next] {
			return &PagingError{Path: path, Why: "the API said there is more but gave no new " + cur.field}
		}
		seen[next] = true
		query.Set(cur.param, next)
	}
	return &PagingError{Path: path, Why: "more than " + strconv.Itoa(maxPages) + " pages"}
}

// listAll follows a list endpoint from its first page to its last: limit,
// then after=<last_id> while has_more.
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
	err := followPages(ctx, c, path, query, afterLastID, func(p *page[T]) (bool, string) {
		all = append(all, p.Data...)
		return p.HasMore, p.LastID
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}
