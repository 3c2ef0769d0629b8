package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/usage"
)

type usageDoc struct {
	SchemaVersion    int `json:"schema_version"`
	Since, Until, By string
	TotalUSD         float64  `json:"total_usd"`
	PreviousTotalUSD float64  `json:"previous_total_usd"`
	LimitUSD         *float64 `json:"limit_usd"`
	Rows             []struct {
		Group, Label string
		USD          float64 `json:"usd"`
		Share        float64
		InputTokens  *int64 `json:"input_tokens"`
		OutputTokens *int64 `json:"output_tokens"`
		Requests     *int64 `json:"requests"`
		ThisFolder   bool   `json:"this_folder"`
	} `json:"rows"`
	Days []struct {
		Date string
		USD  float64 `json:"usd"`
	} `json:"days"`
	Hours []struct {
		Hour     string
		Requests int64
	} `json:"hours"`
}

// expected totals the fake's records independently of the code under test:
// integer micro-dollars, rounded half up to the cent.
type expected struct {
	micros   map[string]int64 // by group
	total    int64
	previous int64
	inTokens map[string]int64
}

func expectFromFake(srv *fakeapi.Server, days int, group func(fakeapi.UsageRecord) string) expected {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	since, prev := today.AddDate(0, 0, -(days-1)), today.AddDate(0, 0, -(2*days-1))
	e := expected{micros: map[string]int64{}, inTokens: map[string]int64{}}
	for _, r := range srv.UsageRecords() {
		m := r.InputMicros + r.OutputMicros
		switch {
		case !r.Day.Before(since):
			e.total += m
			e.micros[group(r)] += m
			e.inTokens[group(r)] += r.InputTokens
		case !r.Day.Before(prev):
			e.previous += m
		}
	}
	return e
}

func toCents(micros int64) float64 { return float64((micros+5000)/10000) / 100 }

func runUsage(t *testing.T, srv *fakeapi.Server, scenario string, args ...string) *testRun {
	t.Helper()
	tr := newTestRun(t, adminEnv(scenario))
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+fakeapi.Key("ok")+"\n")
	tr.run(t, append([]string{"usage", "--base-url", srv.URL()}, args...)...)
	assertNoLeak(t, fakeapi.AdminKey(scenario), tr.out.String()+tr.err.String())
	assertNoLeak(t, fakeapi.Key("ok"), tr.out.String()+tr.err.String())
	return tr
}

func decodeUsage(t *testing.T, tr *testRun) usageDoc {
	t.Helper()
	var doc usageDoc
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("%v\nstdout: %s\nstderr: %s", err, tr.out, tr.err)
	}
	return doc
}

// TestUsageJSONTotalsMatchFakeData checks 30 days by project (six pages of
// costs a window) against sums made here from the fake's records.
func TestUsageJSONTotalsMatchFakeData(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(3))
	defer srv.Close()
	tr := runUsage(t, srv, "admin", "--since", "30d") // piped: JSON without asking
	doc := decodeUsage(t, tr)
	want := expectFromFake(srv, 30, func(r fakeapi.UsageRecord) string { return r.ProjectID })
	if doc.SchemaVersion != 1 || doc.By != "project" || len(doc.Days) != 30 || doc.LimitUSD != nil {
		t.Errorf("schema %d, by %q, %d days, limit %v", doc.SchemaVersion, doc.By, len(doc.Days), doc.LimitUSD)
	}
	if doc.TotalUSD != toCents(want.total) || doc.PreviousTotalUSD != toCents(want.previous) {
		t.Errorf("total %v, previous %v; want %v, %v", doc.TotalUSD, doc.PreviousTotalUSD, toCents(want.total), toCents(want.previous))
	}
	if len(doc.Rows) != len(want.micros) {
		t.Fatalf("%d rows, want %d", len(doc.Rows), len(want.micros))
	}
	for _, r := range doc.Rows {
		if r.USD != toCents(want.micros[r.Group]) || r.InputTokens == nil || *r.InputTokens != want.inTokens[r.Group] {
			t.Errorf("row %s: $%v, input %v; want $%v, %d", r.Label, r.USD, r.InputTokens, toCents(want.micros[r.Group]), want.inTokens[r.Group])
		}
		if r.Group == fakeapi.ProjectID && r.Label != fakeapi.DefaultProjectName {
			t.Errorf("project %s labelled %q", r.Group, r.Label)
		}
	}
	if last := doc.Days[len(doc.Days)-1]; last.USD != 0 {
		t.Errorf("today shows $%v; the fake has nothing today", last.USD)
	}
}

func TestUsageCSVByModel(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := runUsage(t, srv, "admin", "--since", "7d", "--by", "model", "--csv")
	recs, err := csv.NewReader(tr.out).ReadAll()
	if err != nil {
		t.Fatal(err, tr.err.String())
	}
	want := expectFromFake(srv, 7, func(r fakeapi.UsageRecord) string { return r.Model })
	if strings.Join(recs[0], ",") != "group,label,usd,share,input_tokens,output_tokens,cached_tokens,requests" || len(recs) != 1+len(want.micros) {
		t.Fatalf("csv:\n%s", tr.out)
	}
	for _, r := range recs[1:] {
		if r[2] != jsonCents(want.micros[r[0]]) {
			t.Errorf("model %s: usd %s, want %s", r[0], r[2], jsonCents(want.micros[r[0]]))
		}
	}
}

func jsonCents(micros int64) string {
	c := (micros + 5000) / 10000
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}

func TestUsageByLineItemHasNoTokens(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	doc := decodeUsage(t, runUsage(t, srv, "admin", "--since", "3d", "--by", "line-item", "--json"))
	if len(doc.Rows) == 0 {
		t.Fatal("no rows")
	}
	for _, r := range doc.Rows {
		if r.InputTokens != nil || r.Requests != nil || !strings.Contains(r.Group, ", ") {
			t.Errorf("line item row %+v: tokens must be null (the API gives none per line item)", r)
		}
	}
}

func TestUsageByKeyMarksThisFolder(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	doc := decodeUsage(t, runUsage(t, srv, "admin", "--since", "7d", "--by", "key", "--json"))
	marked := 0
	for _, r := range doc.Rows {
		if r.ThisFolder {
			marked++
			if r.Group != "key_FakeUser0000000001" || !strings.HasPrefix(r.Label, "laptop sk-proj-") {
				t.Errorf("marked row %+v", r)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d rows marked as this folder's key, want 1", marked)
	}
}

func TestUsageOneKey(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	fp := apikey.Fingerprint(fakeapi.Key("ok"))
	doc := decodeUsage(t, runUsage(t, srv, "admin", "--since", "7d", "--key", fp, "--json"))
	want := expectFromFake(srv, 7, func(r fakeapi.UsageRecord) string { return r.APIKeyID })
	if doc.TotalUSD != toCents(want.micros["key_FakeUser0000000001"]) || len(doc.Hours) == 0 {
		t.Errorf("one key: total %v (want %v), %d hours", doc.TotalUSD, toCents(want.micros["key_FakeUser0000000001"]), len(doc.Hours))
	}

	tr := runUsage(t, srv, "admin", "--since", "2020-01-01", "--until", "2020-01-31", "--key", fp)
	if !strings.Contains(tr.out.String(), `"hours": []`) {
		t.Errorf("a period without use: %s", tr.out)
	}
}

func TestUsageOneKeyNothingUsedSaysSo(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	tr.app.OutTTY, tr.app.Width = true, func() int { return 100 }
	code := tr.run(t, "usage", "--base-url", srv.URL(), "--since", "2020-01-01", "--until", "2020-01-31", "--key", apikey.Fingerprint(fakeapi.Key("ok")))
	if code != exitOK || !strings.Contains(tr.out.String(), "This key was not used in this period") {
		t.Errorf("exit %d\n%s\n%s", code, tr.out, tr.err)
	}
}

func TestUsageErrors(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for _, tc := range []struct {
		name, scenario string
		args           []string
		code           int
		want           string
	}{
		{"scope", fakeapi.AdminNoUsage, nil, exitFailed, "lacks the api.usage.read permission"},
		{"5xx mid-way", fakeapi.AdminUsage5xx, []string{"--since", "30d"}, exitFailed, "no totals shown, as they would be partial"},
		{"bad by", "admin", []string{"--by", "colour"}, exitUsage, "choose project, model, key or line-item"},
		{"bad since", "admin", []string{"--since", "last week"}, exitUsage, "YYYY-MM-DD"},
		{"since after until", "admin", []string{"--since", "2026-02-02", "--until", "2026-02-01"}, exitUsage, "is after --until"},
		{"not a fingerprint", "admin", []string{"--key", "laptop"}, exitUsage, "fingerprint"},
		{"unknown key", "admin", []string{"--key", "sk-proj-…zzzz"}, exitFailed, "no key in the"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTestRun(t, adminEnv(tc.scenario))
			code := tr.run(t, append([]string{"usage", "--json", "--base-url", srv.URL()}, tc.args...)...)
			if code != tc.code || !strings.Contains(tr.err.String(), tc.want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q", code, tc.code, tr.err, tc.want)
			}
			if tc.code != exitOK && tr.out.Len() > 0 {
				t.Errorf("a failed run printed a report: %s", tr.out)
			}
			assertNoLeak(t, fakeapi.AdminKey(tc.scenario), tr.out.String()+tr.err.String())
		})
	}
}

func TestUsageNoAdminKey(t *testing.T) {
	tr := newTestRun(t)
	code := tr.run(t, "usage", "--json")
	if code != exitFailed || !strings.Contains(tr.err.String(), "only organization owners") || !strings.Contains(tr.err.String(), "read-only one is enough") ||
		strings.Count(strings.TrimSpace(tr.err.String()), "\n") != 0 {
		t.Errorf("exit %d, stderr %q", code, tr.err)
	}
}

func TestUsageWholeKeyToKeyFlagIsRefused(t *testing.T) {
	tr := newTestRun(t, adminEnv("admin"))
	code := tr.run(t, "usage", "--key", fakeapi.Key("ok"))
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	assertNoLeak(t, fakeapi.Key("ok"), tr.out.String()+tr.err.String())
}

func TestUsageTextMarksThisFolder(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(2))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+fakeapi.Key("ok")+"\n")
	tr.app.OutTTY, tr.app.Width = true, func() int { return 80 }
	tr.run(t, "usage", "--base-url", srv.URL(), "--by", "key")
	for _, line := range strings.Split(tr.out.String(), "\n") {
		if strings.Contains(line, markThisFolder) && !strings.HasPrefix(line, "laptop ") {
			t.Errorf("marked line %q is not the laptop key", line)
		}
	}
	if !strings.Contains(tr.out.String(), markThisFolder) {
		t.Errorf("no key marked:\n%s", tr.out)
	}
}

func TestUsageTextAtTerminal(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	tr.app.OutTTY, tr.app.Width = true, func() int { return 80 }
	if code := tr.run(t, "usage", "--base-url", srv.URL(), "--since", "7d", "--by", "model"); code != exitOK {
		t.Fatalf("exit %d: %s", code, tr.err)
	}
	out := tr.out.String()
	for _, want := range []string{"the 7 days before", "MODEL", "gpt-4o-mini", "usage can take a few minutes to appear", "billing/overview"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

// TestUsageTUIFetchesAnotherPeriodAlike: the view's Fetch option asks for
// the new period with the same project filter and keeps the names.
func TestUsageTUIFetchesAnotherPeriodAlike(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(1))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	s, err := openAdmin(tr.app, adminFlags{BaseURL: srv.URL(), Timeout: 10 * time.Second}, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := &usageOptions{app: tr.app, Project: fakeapi.DefaultProjectName, By: "project", now: time.Now}
	req, err := o.check()
	if err != nil {
		t.Fatal(err)
	}
	res, err := fetchUsage(context.Background(), s, o, req)
	if err != nil {
		t.Fatal(err)
	}
	opts := usageTUIOptions(context.Background(), s, res, req.by)
	before := req.period.Shift(-1)
	d, err := opts.Fetch(context.Background(), before)
	if err != nil {
		t.Fatal(err)
	}
	rep := d.Report(usage.ByProject, time.Now())
	if d.Period != before || len(rep.Rows) != 1 || rep.Rows[0].Label != fakeapi.DefaultProjectName {
		t.Errorf("period %v (want %v), rows %+v", d.Period, before, rep.Rows)
	}
	bad := newTestRun(t, adminEnv(fakeapi.AdminNoUsage))
	s2, _ := openAdmin(bad.app, adminFlags{BaseURL: srv.URL(), Timeout: 10 * time.Second}, false, nil)
	if _, err := usageTUIOptions(context.Background(), s2, res, req.by).Fetch(context.Background(), before); err == nil ||
		!strings.Contains(err.Error(), "api.usage.read") {
		t.Errorf("a refused fetch: %v", err)
	}
}

// TestUsageTimeoutMidWay: costs that never answer end at --timeout with an
// error saying nothing was totalled, not a hang and not partial numbers.
func TestUsageTimeoutMidWay(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/organization/projects") {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"object":"list","data":[],"has_more":false}`)
			return
		}
		<-r.Context().Done() // costs and usage never answer
	}))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	code := tr.run(t, "usage", "--json", "--timeout", "300ms", "--base-url", srv.URL+"/v1")
	if code != exitFailed || !strings.Contains(tr.err.String(), "no totals shown") || !strings.Contains(tr.err.String(), "within 300ms") || tr.out.Len() > 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, tr.out, tr.err)
	}
}

// TestUsageProjectLimit: with --project, limit_usd is the limit the
// project has (read back from the Admin API), null when it has none; the
// text says which.
func TestUsageProjectLimit(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	doc := decodeUsage(t, runUsage(t, srv, "admin", "--since", "7d", "--project", fakeapi.DefaultProjectName))
	if doc.LimitUSD != nil {
		t.Errorf("no limit set: limit_usd %v, want null", *doc.LimitUSD)
	}
	cl := admin.New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey("admin")))
	if err := cl.SetSpendLimit(t.Context(), fakeapi.ProjectID, admin.SpendLimit{Cents: 2050}); err != nil {
		t.Fatal(err)
	}
	doc = decodeUsage(t, runUsage(t, srv, "admin", "--since", "7d", "--project", fakeapi.ProjectID))
	if doc.LimitUSD == nil || *doc.LimitUSD != 20.5 {
		t.Errorf("limit_usd %v, want 20.5", doc.LimitUSD)
	}
	if doc = decodeUsage(t, runUsage(t, srv, "admin", "--since", "7d")); doc.LimitUSD != nil {
		t.Errorf("the whole organization: limit_usd %v, want null", *doc.LimitUSD)
	}
}
