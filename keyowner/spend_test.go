package keyowner

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/shopspring/decimal"
)

// spendNow is a day with some of the month behind it: on the 1st of a
// month (UTC) the fake has nothing yet for the month, so the day before.
func spendNow() time.Time {
	now := time.Now().UTC()
	if now.Day() == 1 {
		now = now.Add(-24 * time.Hour)
	}
	return now
}

// fakeMonthSpend is what the fake's default project spent from the 1st of
// now's month up to now's day, summed here from its records.
func fakeMonthSpend(srv *fakeapi.Server, now time.Time) decimal.Decimal {
	since := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := now.Truncate(24 * time.Hour).Add(24 * time.Hour)
	var micros int64
	for _, r := range srv.UsageRecords() {
		if r.ProjectID == fakeapi.ProjectID && !r.Day.Before(since) && r.Day.Before(end) {
			micros += r.InputMicros + r.OutputMicros
		}
	}
	return decimal.New(micros, -6)
}

func spendRequest(srv *fakeapi.Server, adminScenario string, now time.Time) checks.OwnerRequest {
	return checks.OwnerRequest{Key: apikey.New(fakeapi.Key("ok")), AdminKey: apikey.New(fakeapi.AdminKey(adminScenario)), BaseURL: srv.URL(),
		BaseFrom: "flag", Trusted: true, Client: &http.Client{Timeout: 10 * time.Second}, Timeout: 10 * time.Second, Now: now}
}

// TestBillingSpendAgainstTheLimit: the spend of the key's project this
// month, summed from the fake's costs, is set against the limit read back;
// past 80 % a passing api.billing warns; an admin key without usage access
// gives a note naming the scope and leaves the status alone.
func TestBillingSpendAgainstTheLimit(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	now := spendNow()
	want := fakeMonthSpend(srv, now)
	if !want.IsPositive() {
		t.Fatalf("the fake's project spent nothing from the 1st to %s: nothing to set against a limit", now.Format(time.DateOnly))
	}
	pass := []checks.Result{{ID: checks.APIBilling, Status: checks.Pass, Summary: "a 1-token call was accepted: billing works"}}

	s := new(Lookup).spendOf(t.Context(), spendRequest(srv, "admin", now))
	if s.Note != "" || !s.Spent.Equal(want) || s.Limit != nil || s.ProjectID != fakeapi.ProjectID {
		t.Fatalf("no limit set: spent %s (want %s), limit %v, note %q", s.Spent, want, s.Limit, s.Note)
	}
	got := withSpend(clone(pass), s)[0]
	if got.Status != checks.Pass || len(got.Findings) != 1 || got.Findings[0].SpendUSD != json.Number(want.StringFixed(2)) ||
		!strings.Contains(got.Findings[0].Note, "no project spend limit is set") {
		t.Errorf("no limit: %+v", got)
	}

	// A limit the spend is over 80 % of (at least a cent, so it is one).
	limitCents := max(1, want.Mul(decimal.NewFromInt(100)).Div(decimal.NewFromFloat(0.9)).IntPart())
	cl := admin.New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey("admin")))
	if err := cl.SetSpendLimit(t.Context(), fakeapi.ProjectID, admin.SpendLimit{Cents: limitCents}); err != nil {
		t.Fatal(err)
	}
	s = new(Lookup).spendOf(t.Context(), spendRequest(srv, "admin", now))
	if s.Limit == nil || s.Limit.Mul(decimal.NewFromInt(100)).IntPart() != limitCents {
		t.Fatalf("limit read back: %v, want %d cents", s.Limit, limitCents)
	}
	got = withSpend(clone(pass), s)[0]
	if sh := s.Spent.Div(*s.Limit).InexactFloat64(); sh < 0.8 || got.Status != checks.Warn || got.Code != checks.CodeSpendNearLimit || !strings.Contains(got.Summary, "monthly limit") || got.URL == "" {
		t.Errorf("near the limit (%.2f of it): %+v", sh, got)
	}
	if got.Findings[0].LimitUSD != json.Number(s.Limit.StringFixed(2)) {
		t.Errorf("finding %+v lacks the limit", got.Findings[0])
	}

	// The same numbers under a call refused for quota tell which limit it was.
	refused := []checks.Result{{ID: checks.APIBilling, Status: checks.Fail, Code: checks.CodeInsufficientQuota}}
	s.Spent = s.Limit.Add(decimal.New(1, -2))
	if d := withSpend(refused, s)[0].Detail; len(d) != 1 || !strings.Contains(d[0], "the project's spend limit is reached") {
		t.Errorf("over the limit: detail %q", d)
	}
	refused = []checks.Result{{ID: checks.APIBilling, Status: checks.Fail, Code: checks.CodeInsufficientQuota}}
	s.Spent = decimal.Zero
	if d := withSpend(refused, s)[0].Detail; len(d) != 1 || !strings.Contains(d[0], "the organization's credits or budget refused the call") {
		t.Errorf("under the limit: detail %q", d)
	}

	s = new(Lookup).spendOf(t.Context(), spendRequest(srv, fakeapi.AdminNoUsage, now))
	got = withSpend(clone(pass), s)[0]
	if got.Status != checks.Pass || len(got.Findings) != 1 || !strings.Contains(got.Findings[0].Note, "lacks the api.usage.read permission") || got.Findings[0].SpendUSD != "" {
		t.Errorf("no usage access: %+v", got)
	}
}

// TestBillingSpendNotAsked: without an admin key, with another kind of
// key in its place, or to a base URL the admin key may not go to, nothing
// is looked up and api.billing is as it was.
func TestBillingSpendNotAsked(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for name, o := range map[string]checks.OwnerRequest{
		"no admin key": {Key: apikey.New(fakeapi.Key("ok")), BaseURL: srv.URL(), Trusted: true},
		"project key":  {Key: apikey.New(fakeapi.Key("ok")), AdminKey: apikey.New(fakeapi.Key("ok")), BaseURL: srv.URL(), Trusted: true},
		"untrusted":    {Key: apikey.New(fakeapi.Key("ok")), AdminKey: apikey.New(fakeapi.AdminKey("admin")), BaseURL: srv.URL()},
		"plain http":   {Key: apikey.New(fakeapi.Key("ok")), AdminKey: apikey.New(fakeapi.AdminKey("admin")), BaseURL: "http://api.example.invalid/v1", Trusted: true},
	} {
		s := new(Lookup).spendOf(t.Context(), o)
		res := New().Spend(t.Context(), o)([]checks.Result{{ID: checks.APIBilling, Status: checks.Pass}})
		if s.Asked || len(res[0].Findings) != 0 {
			t.Errorf("%s: looked up %+v", name, s)
		}
	}
}

func clone(rs []checks.Result) []checks.Result { return append([]checks.Result(nil), rs...) }
