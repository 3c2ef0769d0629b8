package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/shopspring/decimal"
)

// TestDoctorBillingSpend: with an admin key in the environment, api.billing
// carries the spend of the key's project since the 1st (the fake's own
// records, summed here) and the limit read back; an admin key without
// usage access adds a note naming the scope and changes no status.
func TestDoctorBillingSpend(t *testing.T) {
	for _, tc := range []struct {
		scenario, note string
		limitCents     int64 // set before doctor runs; 0: none
	}{
		{"admin", "no project spend limit is set", 0},
		{"admin", "monthly spend limit", 100_000_000},
		{fakeapi.AdminNoUsage, "lacks the api.usage.read permission", 0},
	} {
		t.Run(tc.scenario+tc.note, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			if tc.limitCents > 0 {
				cl := admin.New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey("admin")))
				if err := cl.SetSpendLimit(t.Context(), fakeapi.ProjectID, admin.SpendLimit{Cents: tc.limitCents}); err != nil {
					t.Fatal(err)
				}
			}
			tr := newTestRun(t, openai.EnvAPIKey+"="+fakeapi.Key("ok"), adminEnv(tc.scenario))
			rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--check", "api.billing")
			c := checkByID(rep, "api.billing")
			if code != exitOK || c.Status != "pass" || len(c.Findings) != 1 || !strings.Contains(c.Findings[0].Note, tc.note) {
				t.Fatalf("exit %d, api.billing %s/%s, findings %+v; want a pass with a finding saying %q", code, c.Status, c.Code, c.Findings, tc.note)
			}
			f := c.Findings[0]
			if tc.scenario == "admin" {
				now := time.Now().UTC()
				since := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
				var micros int64
				for _, r := range srv.UsageRecords() {
					if r.ProjectID == fakeapi.ProjectID && !r.Day.Before(since) {
						micros += r.InputMicros + r.OutputMicros
					}
				}
				if want := decimal.New(micros, -6).StringFixed(2); string(f.SpendUSD) != want || f.ProjectID != fakeapi.ProjectID {
					t.Errorf("spend_usd %s in %s, want %s in %s", f.SpendUSD, f.ProjectID, want, fakeapi.ProjectID)
				}
				if wantLimit := map[bool]string{true: "1000000.00", false: ""}[tc.limitCents > 0]; string(f.LimitUSD) != wantLimit {
					t.Errorf("limit_usd %q, want %q", f.LimitUSD, wantLimit)
				}
			}
			assertNoLeak(t, fakeapi.Key("ok"), tr.out.String()+tr.err.String())
			assertNoLeak(t, fakeapi.AdminKey(tc.scenario), tr.out.String()+tr.err.String())
		})
	}
}

// TestDoctorListsKeysOnce: key.owner and api.billing's spend both need the
// organization's keys, and one doctor run asks the Admin API for them once.
func TestDoctorListsKeysOnce(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, openai.EnvAPIKey+"="+fakeapi.Key("ok"), adminEnv("admin"))
	rep, _ := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--check", "api.billing", "--check", "key.owner")
	owner, billing := checkByID(rep, "key.owner"), checkByID(rep, "api.billing")
	if owner.Status != "pass" || len(billing.Findings) != 1 || billing.Findings[0].ProjectID != fakeapi.ProjectID {
		t.Fatalf("key.owner %s %q, api.billing findings %+v: want both from the listing", owner.Status, owner.Summary, billing.Findings)
	}
	projects, keys := srv.Count("/v1/organization/projects"), srv.Count("/v1/organization/projects/"+fakeapi.ProjectID+"/api_keys")
	if projects != 1 || keys != 1 {
		t.Errorf("the projects were listed %d times and their keys %d times, want once each", projects, keys)
	}
}
