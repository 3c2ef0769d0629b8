package admin

import (
	"context"
	"net/url"
	"time"

	"github.com/shopspring/decimal"
)

// costsMaxLimit is the most daily buckets the costs endpoint gives per page.
const costsMaxLimit = 180

// CostsQuery asks for daily costs in [Start, End) (UTC days).
type CostsQuery struct {
	Start, End time.Time
	GroupBy    []string // "project_id", "line_item", "api_key_id"
	ProjectIDs []string
	APIKeyIDs  []string
}

// Cost is one result of a costs bucket. Amount is the dollar value exactly
// as the API wrote it (a JSON number read as a decimal, never a float).
// Fields not grouped by are "".
type Cost struct {
	Amount    decimal.Decimal
	Currency  string
	LineItem  string
	ProjectID string
	APIKeyID  string
}

type wireCost struct {
	Amount struct {
		Value    decimal.Decimal `json:"value"`
		Currency string          `json:"currency"`
	} `json:"amount"`
	LineItem  nullString `json:"line_item"`
	ProjectID nullString `json:"project_id"`
	APIKeyID  nullString `json:"api_key_id"`
}

// Costs returns every daily bucket of the organization's costs, all pages.
func (c *Client) Costs(ctx context.Context, q CostsQuery) ([]Bucket[Cost], error) {
	v := url.Values{"bucket_width": {"1d"}}
	addAll(v, "group_by", q.GroupBy)
	addAll(v, "project_ids", q.ProjectIDs)
	addAll(v, "api_key_ids", q.APIKeyIDs)
	ws, err := fetchBuckets[wireCost](ctx, c, "/organization/costs",
		bucketQuery{start: q.Start, end: q.End, width: 24 * time.Hour, maxLimit: costsMaxLimit, query: v})
	if err != nil {
		return nil, err
	}
	out := make([]Bucket[Cost], len(ws))
	for i, b := range ws {
		out[i] = Bucket[Cost]{Start: b.Start, End: b.End, Results: make([]Cost, len(b.Results))}
		for j, r := range b.Results {
			out[i].Results[j] = Cost{Amount: r.Amount.Value, Currency: r.Amount.Currency,
				LineItem: string(r.LineItem), ProjectID: string(r.ProjectID), APIKeyID: string(r.APIKeyID)}
		}
	}
	return out, nil
}
