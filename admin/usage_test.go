package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/shopspring/decimal"
)

func last30Days() (time.Time, time.Time) {
	end := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	return end.AddDate(0, 0, -30), end
}

// TestCostsFollowsEveryPageExactly sums 30 days of costs, paged five
// buckets at a time, and compares with the fake's micro-dollar records.
func TestCostsFollowsEveryPageExactly(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(3))
	defer srv.Close()
	start, end := last30Days()
	buckets, err := newClient(srv, "admin").Costs(context.Background(), CostsQuery{Start: start, End: end, GroupBy: []string{"project_id", "line_item"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(buckets) != 30 {
		t.Fatalf("%d buckets, want 30", len(buckets))
	}
	got := decimal.Zero
	for _, b := range buckets {
		for _, r := range b.Results {
			got = got.Add(r.Amount)
			if r.ProjectID == "" || r.LineItem == "" || r.APIKeyID != "" {
				t.Fatalf("result not grouped as asked: %+v", r)
			}
		}
	}
	var want int64
	for _, r := range srv.UsageRecords() {
		if !r.Day.Before(start) {
			want += r.InputMicros + r.OutputMicros
		}
	}
	if !got.Equal(decimal.New(want, -6)) {
		t.Errorf("costs sum %s, want %s", got, decimal.New(want, -6))
	}
	if n := countGets(srv, "/v1/organization/costs"); n < 30/fakeapi.UsagePageSize {
		t.Errorf("%d costs pages fetched; paging at %d buckets needs at least %d", n, fakeapi.UsagePageSize, 30/fakeapi.UsagePageSize)
	}
}

func TestUsageHourlyTokens(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	start, end := last30Days()
	key := "key_FakeUser0000000001"
	buckets, err := newClient(srv, "admin").CompletionsUsage(context.Background(),
		UsageQuery{Start: start, End: end, Width: time.Hour, GroupBy: []string{"model"}, APIKeyIDs: []string{key}})
	if err != nil {
		t.Fatal(err)
	}
	if len(buckets) != 30*24 {
		t.Fatalf("%d hourly buckets, want %d", len(buckets), 30*24)
	}
	var got, want int64
	for _, b := range buckets {
		for _, r := range b.Results {
			got += r.InputTokens
		}
	}
	for _, r := range srv.UsageRecords() {
		if r.APIKeyID == key && !r.Day.Before(start) {
			want += r.InputTokens
		}
	}
	if got != want || want == 0 {
		t.Errorf("input tokens %d, want %d (non-zero)", got, want)
	}
}

func TestCostsErrors(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	start, end := last30Days()
	_, err := newClient(srv, fakeapi.AdminNoUsage).Costs(context.Background(), CostsQuery{Start: start, End: end})
	var apiErr *Error
	if !errors.As(err, &apiErr) || len(apiErr.MissingScopes()) != 1 || apiErr.MissingScopes()[0] != ScopeUsageRead {
		t.Errorf("no-usage key: %v, want an *Error naming %s", err, ScopeUsageRead)
	}
	_, err = newClient(srv, fakeapi.AdminUsage5xx).Costs(context.Background(), CostsQuery{Start: start, End: end})
	var fe *FetchError
	if !errors.As(err, &fe) || !errors.As(err, &apiErr) || apiErr.Status != 500 || fe.Fetched != fakeapi.UsagePageSize || fe.Want != 30 {
		t.Errorf("5xx mid-way: %v, want a FetchError over the 500", err)
	}
}

// TestCostsRepeatedNextPage: a server that keeps answering has_more with
// the same next_page stops with a PagingError, the same loop lists use.
func TestCostsRepeatedNextPage(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"object":"page","data":[{"start_time":0,"end_time":86400,"results":[]}],"has_more":true,"next_page":"page_1"}`)
	}))
	defer ts.Close()
	start, end := last30Days()
	_, err := New(&http.Client{Timeout: 5 * time.Second}, ts.URL+"/v1", apikey.New(fakeapi.AdminKey("admin"))).Costs(t.Context(), CostsQuery{Start: start, End: end})
	var pe *PagingError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "no new next_page") {
		t.Fatalf("err = %v, want a PagingError about next_page", err)
	}
}
