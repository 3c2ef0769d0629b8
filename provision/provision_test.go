package provision

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func client(srv *fakeapi.Server, scenario string) *admin.Client {
	return admin.New(&http.Client{Timeout: 10 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey(scenario)))
}

func run(t *testing.T, srv *fakeapi.Server, scenario string, req Request) (Outcome, error) {
	t.Helper()
	if req.AccountName == "" {
		req.AccountName = "my-app-laptop-2026-12"
	}
	var heard []Receipt
	var found []admin.Project
	out, err := Run(context.Background(), client(srv, scenario), req, Events{
		Receipt: func(r Receipt) { heard = append(heard, r) },
		Found:   func(p admin.Project) { found = append(found, p) },
	})
	if len(found) == 1 != (out.ProjectFound && !req.DryRun) {
		t.Errorf("Found heard %d projects; the outcome says found=%v", len(found), out.ProjectFound)
	}
	if len(heard) != len(out.Receipts) {
		t.Errorf("onReceipt heard %d receipts, the outcome holds %d", len(heard), len(out.Receipts))
	}
	return out, err
}

func projectsNamed(t *testing.T, srv *fakeapi.Server, name string) []admin.Project {
	t.Helper()
	all, err := client(srv, "admin").Projects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []admin.Project
	for _, p := range all {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

func objects(rs []Receipt) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Action+" "+r.Object)
	}
	return strings.Join(s, ", ")
}

func writes(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// keyWorks asks the fake's /v1/models with key.
func keyWorks(t *testing.T, srv *fakeapi.Server, key apikey.Key) bool {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/models", nil)
	req.Header.Set("Authorization", "Bearer "+key.Reveal())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// Step 1 and 2: a new project, a service account in it, whose key works.
func TestRunCreatesProjectAndServiceAccount(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	out, err := run(t, srv, "admin", Request{Project: "my-app"})
	if err != nil {
		t.Fatal(err)
	}
	if got := objects(out.Receipts); got != "created project, created service_account" {
		t.Errorf("receipts = %s", got)
	}
	if !out.ProjectCreated || out.Project.Name != "my-app" || out.Account.Name != "my-app-laptop-2026-12" || out.Account.ID == "" {
		t.Errorf("outcome = %+v", out)
	}
	if out.Key.Kind() != apikey.KindServiceAccount || !keyWorks(t, srv, out.Key) {
		t.Errorf("the new key (%s) does not authenticate", out.Key.Fingerprint())
	}
}

// Step 1: the project is found by exact name past the first page of 100,
// archived projects do not count, and a second run makes no duplicate.
func TestRunFindsProjectsAndNeverDuplicates(t *testing.T) {
	tests := []struct {
		name, project string
		wantCreated   bool
	}{
		{"on the second page", "Project 140", false},
		{"a case-different name is another project", "project 140", true},
		{"archived does not count", "Old experiments", true},
		{"missing", "brand new", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New(fakeapi.WithProjects(150))
			defer srv.Close()
			out, err := run(t, srv, "admin", Request{Project: tt.project})
			if err != nil {
				t.Fatal(err)
			}
			if out.ProjectCreated != tt.wantCreated || out.Project.Name != tt.project {
				t.Fatalf("created=%v project=%+v", out.ProjectCreated, out.Project)
			}
			if srv.Count("/v1/organization/projects") < 2 {
				t.Errorf("listed projects %d times; 150+ projects need two pages", srv.Count("/v1/organization/projects"))
			}
			again, err := run(t, srv, "admin", Request{Project: tt.project})
			if err != nil {
				t.Fatal(err)
			}
			if again.ProjectCreated || again.Project.ID != out.Project.ID {
				t.Errorf("second run: created=%v id=%s, want the first run's %s", again.ProjectCreated, again.Project.ID, out.Project.ID)
			}
			if n := len(projectsNamed(t, srv, tt.project)); n != 1 {
				t.Errorf("%d active projects named %q after two runs, want 1", n, tt.project)
			}
		})
	}
}

// A read-only admin key fails at the first write, before anything exists,
// whether the project is new or found.
func TestRunReadOnlyAdminKeyLeavesNothing(t *testing.T) {
	for _, project := range []string{"brand new", "Project 001"} {
		t.Run(project, func(t *testing.T) {
			srv := fakeapi.New(fakeapi.WithProjects(1))
			defer srv.Close()
			out, err := run(t, srv, "admin_read_only", Request{Project: project, BudgetCents: 2000})
			var e *admin.Error
			if !errors.As(err, &e) || len(e.MissingScopes()) != 1 || e.MissingScopes()[0] != admin.ScopeWrite {
				t.Fatalf("err = %v, want Missing scopes: %s", err, admin.ScopeWrite)
			}
			if len(out.Receipts) != 0 || !out.Key.IsZero() {
				t.Errorf("receipts %s, key %s; want none", objects(out.Receipts), out.Key)
			}
			if project == "brand new" && len(projectsNamed(t, srv, project)) != 0 {
				t.Error("a project was left behind")
			}
		})
	}
}

// Step 2: --expires is sent; an organization whose policy requires it
// gets ErrExpiresRequired without it.
func TestRunExpiresAndLifetimePolicy(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	out, err := run(t, srv, "admin_key_lifetime", Request{Project: "p"})
	if !errors.Is(err, ErrExpiresRequired) {
		t.Fatalf("err = %v, want ErrExpiresRequired", err)
	}
	if !strings.Contains(err.Error(), "pass --expires") || objects(out.Receipts) != "created project" {
		t.Errorf("err %q, receipts %s", err, objects(out.Receipts))
	}
	out, err = run(t, srv, "admin_key_lifetime", Request{Project: "p", Expires: 90 * 24 * time.Hour})
	if err != nil || out.Key.IsZero() || out.ProjectCreated {
		t.Fatalf("with --expires: err %v, created project again %v", err, out.ProjectCreated)
	}
	if _, err := run(t, srv, "admin", Request{Project: "p", Expires: MaxExpires + time.Hour}); err == nil {
		t.Error("an expiry past 365 days was accepted by the fake: the request does not carry expires_in_seconds")
	}
}

// Step 3: budget and alert are receipts; a 404 is a note, and the run goes on.
func TestRunGuardRails(t *testing.T) {
	tests := []struct {
		scenario, receipts string
		notes              int
	}{
		{"admin", "created project, created service_account, set spend_limit, set spend_alert", 0},
		{"admin_no_guardrails", "created project, created service_account", 2},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			out, err := run(t, srv, tt.scenario, Request{Project: "p", BudgetCents: 2050, AlertEmail: "a@example.com"})
			if err != nil {
				t.Fatal(err)
			}
			if got := objects(out.Receipts); got != tt.receipts || len(out.Notes) != tt.notes {
				t.Errorf("receipts %s, notes %q", got, out.Notes)
			}
		})
	}
}

// A 5xx after the service account was made leaves a receipt listing it.
func TestRunServerErrorMidWayKeepsReceipts(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithAdminFailure("/spend_limit", 500))
	defer srv.Close()
	out, err := run(t, srv, "admin", Request{Project: "p", BudgetCents: 2000})
	var e *admin.Error
	if !errors.As(err, &e) || e.Status != 500 {
		t.Fatalf("err = %v, want the 500", err)
	}
	if got := objects(out.Receipts); got != "created project, created service_account" || out.Key.IsZero() {
		t.Errorf("receipts %s, key %s", got, out.Key)
	}
}

// --dry-run makes read calls only and says what it would do.
func TestRunDryRunReadsOnly(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(1))
	defer srv.Close()
	for _, project := range []string{"new one", "Project 001"} {
		out, err := run(t, srv, "admin", Request{Project: project, DryRun: true, BudgetCents: 1000, AlertEmail: "a@example.com", Expires: 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Plan) != 4 || len(out.Receipts) != 0 {
			t.Errorf("%s: plan %q, receipts %s", project, out.Plan, objects(out.Receipts))
		}
	}
	if n := writes(srv); n != 0 {
		t.Errorf("dry run made %d writes", n)
	}
}
