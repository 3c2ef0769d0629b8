package main

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/testkit"
	"github.com/setupkit/openai-setup/tui"
)

// wizardProvisionFor is the admin-key route of a wizard in a fresh folder
// against srv, with env in its environment.
func wizardProvisionFor(t *testing.T, srv *fakeapi.Server, env ...string) (*testRun, *wizardProvision, *tui.ProvisionOptions) {
	t.Helper()
	tr := newTestRun(t, env...)
	gitInit(t, tr.app.Dir)
	o := &setupOptions{app: tr.app, BaseURL: srv.URL(), Timeout: 10 * time.Second, Model: checks.DefaultModel, NoSpend: true, EnvFile: ".env"}
	var opts tui.Options
	wp := addProvision(o, &opts, discoverHere(o.app))
	return tr, wp, opts.Provision
}

// runEvents runs po.Run and collects what it reported.
func runEvents(t *testing.T, po *tui.ProvisionOptions, admin apikey.Key, f tui.ProvisionFields) (tui.ProvisionResult, []tui.ProvisionEvent) {
	t.Helper()
	var events []tui.ProvisionEvent
	res := po.Run(context.Background(), admin, f, func(e tui.ProvisionEvent) { events = append(events, e) })
	return res, events
}

func writeCalls(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// TestWizardProvisionSuccess: the admin key from the environment, a plan
// that writes nothing, a run whose receipts arrive as they are made and
// whose key the API accepts, checks that pass, and quitting unsaved prints
// what exists and exits 3, with neither key in the output.
func TestWizardProvisionSuccess(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr, wp, po := wizardProvisionFor(t, srv, adminEnv("admin"))
	admin := apikey.New(fakeapi.AdminKey("admin"))
	if !po.EnvKey.Equal(admin) || po.EnvProblem != "" || po.Refusal != "" {
		t.Fatalf("env key %v problem %q refusal %q", po.EnvKey, po.EnvProblem, po.Refusal)
	}
	plan, err := po.Plan(context.Background(), po.EnvKey, po.Fields)
	if err != nil || writeCalls(srv) != 0 {
		t.Fatalf("plan: %v, %d write calls", err, writeCalls(srv))
	}
	if !strings.Contains(strings.Join(plan.Lines, "\n"), `create the project "`+po.Fields.Project+`"`) {
		t.Errorf("plan %q does not create the project", plan.Lines)
	}
	res, events := runEvents(t, po, po.EnvKey, po.Fields)
	if res.Err != nil || res.Key.Kind() != apikey.KindServiceAccount || !fakeAccepts(t, srv, res.Key) {
		t.Fatalf("run: %v, key %v", res.Err, res.Key)
	}
	var objects []string
	for _, e := range events {
		if e.Receipt != nil {
			objects = append(objects, e.Receipt.Action+" "+e.Receipt.Object)
		}
	}
	if !slices.Equal(objects, []string{"created project", "created service account"}) {
		t.Errorf("receipts %v", objects)
	}
	var results []checks.Result
	var waits []string
	po.RunChecks(context.Background(), res.Key, true, func(r checks.Result) { results = append(results, r) }, func(w string) { waits = append(waits, w) })
	if !slices.ContainsFunc(results, func(r checks.Result) bool { return r.ID == checks.APIAuth && r.Status == checks.Pass }) || !slices.Equal(waits, []string{""}) {
		t.Errorf("checks %v, waits %q: want auth passing with no wait", results, waits)
	}
	handled, err := wp.finish(tr.app, tui.Outcome{Quit: true, QuitUnsaved: true})
	if !handled || !errors.Is(err, errQuitUnsaved) {
		t.Fatalf("finish: %v %v, want exit 3", handled, err)
	}
	out := tr.out.String()
	for _, want := range []string{"the new key " + res.Key.Fingerprint() + " was not saved", "What exists now:", "created service account", "curl -X DELETE", "$OPENAI_ADMIN_KEY"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	testkit.AssertNoLeak(t, out+tr.err.String(), admin.Reveal(), res.Key.Reveal())
}

// TestWizardProvisionSavedSummary: once saved, the summary lists the
// receipts before the usual record.
func TestWizardProvisionSavedSummary(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr, wp, po := wizardProvisionFor(t, srv, adminEnv("admin"))
	res, _ := runEvents(t, po, po.EnvKey, po.Fields)
	handled, err := wp.finish(tr.app, tui.Outcome{Saved: true, Fingerprint: res.Key.Fingerprint(), Files: []string{".env"}})
	if !handled || err != nil {
		t.Fatalf("finish: %v %v", handled, err)
	}
	out := tr.out.String()
	if !strings.Contains(out, "made with the admin key sk-admin-") || !strings.Contains(out, "created project") || !strings.Contains(out, "saved key "+res.Key.Fingerprint()) {
		t.Errorf("summary:\n%s", out)
	}
}

// TestWizardProvisionSavedAnyway: a key saved after its guard-rail failed
// ends with the failure said and exit 1; a guard-rail the organization
// does not offer is a note.
func TestWizardProvisionSavedAnyway(t *testing.T) {
	for _, tt := range []struct {
		name, scenario string
		opts           []fakeapi.Option
		want           string
		exit1          bool
	}{
		{"5xx on the spend limit", "admin", []fakeapi.Option{fakeapi.WithAdminFailure("/spend_limit", 500)}, "not finished: the Admin API answered 500", true},
		{"no spend limits offered", "admin_no_guardrails", nil, "note: spend limit: not set", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New(tt.opts...)
			defer srv.Close()
			tr, wp, po := wizardProvisionFor(t, srv, adminEnv(tt.scenario))
			f := po.Fields
			f.Budget = "20"
			res, _ := runEvents(t, po, po.EnvKey, f)
			if res.Key.IsZero() {
				t.Fatalf("no key made: %v", res.Err)
			}
			handled, err := wp.finish(tr.app, tui.Outcome{Saved: true, Fingerprint: res.Key.Fingerprint()})
			if !handled || errors.Is(err, errSilent) != tt.exit1 {
				t.Errorf("finish: %v %v, want exit 1 = %v", handled, err, tt.exit1)
			}
			if !strings.Contains(tr.out.String(), tt.want) {
				t.Errorf("summary lacks %q:\n%s", tt.want, tr.out)
			}
		})
	}
}

// TestWizardProvisionFailureAfterAccount: a 5xx on the spend limit after
// the service account was made: the result holds the account and the
// error; Delete removes it (its key stops working), and the summary says
// so and exits 1.
func TestWizardProvisionFailureAfterAccount(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithAdminFailure("/spend_limit", 500))
	defer srv.Close()
	tr, wp, po := wizardProvisionFor(t, srv, adminEnv("admin"))
	f := po.Fields
	f.Budget = "20"
	res, events := runEvents(t, po, po.EnvKey, f)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "500") || res.AccountID == "" || res.Key.IsZero() || len(events) != 2 {
		t.Fatalf("run: err %v account %q, %d events", res.Err, res.AccountID, len(events))
	}
	r, err := po.Delete(context.Background(), po.EnvKey, res.ProjectID, res.AccountID)
	if err != nil || r.Action != "deleted" || r.ID != res.AccountID {
		t.Fatalf("delete: %+v %v", r, err)
	}
	if fakeAccepts(t, srv, res.Key) {
		t.Error("the deleted service account's key still works")
	}
	handled, err := wp.finish(tr.app, tui.Outcome{Quit: true})
	if !handled || !errors.Is(err, errSilent) || errors.Is(err, errQuitUnsaved) {
		t.Fatalf("finish: %v %v, want exit 1", handled, err)
	}
	out := tr.out.String()
	if !strings.Contains(out, "deleted service account") || strings.Contains(out, "curl -X DELETE") {
		t.Errorf("summary should list the deletion and no delete command:\n%s", out)
	}
}

// TestWizardProvisionReadOnly: a read-only admin key fails at the first
// write with nothing made, and the wizard points at the dashboard path.
func TestWizardProvisionReadOnly(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr, wp, po := wizardProvisionFor(t, srv, adminEnv("admin_read_only"))
	res, events := runEvents(t, po, po.EnvKey, po.Fields)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "read-only") || !strings.Contains(res.Err.Error(), "dashboard") || len(events) != 0 || !res.Key.IsZero() {
		t.Fatalf("run: %v, %d events", res.Err, len(events))
	}
	if projectsCalled(t, srv, po.Fields.Project) != 0 {
		t.Error("a project was left behind")
	}
	if handled, _ := wp.finish(tr.app, tui.Outcome{Quit: true}); handled {
		t.Errorf("nothing was made, yet the summary is the route's:\n%s", tr.out)
	}
}

// TestWizardProvisionFieldWords: provision's refusals, in the plan
// screen's words, before any call.
func TestWizardProvisionFieldWords(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	_, _, po := wizardProvisionFor(t, srv, adminEnv("admin"))
	tests := []struct {
		f    tui.ProvisionFields
		want string
	}{
		{tui.ProvisionFields{Project: "default project"}, `Project: the "Default project" cannot hold service accounts`},
		{tui.ProvisionFields{Budget: "lots"}, `Budget "lots" is not a dollar amount`},
		{tui.ProvisionFields{AlertEmail: "a@b.c"}, "fill in Budget too"},
		{tui.ProvisionFields{Expires: "forever"}, `Expires "forever" is not a lifetime`},
		{tui.ProvisionFields{Project: testkit.Key("sk-proj-", 74, 1)}, "a key was given to Project or Key name"},
	}
	for _, tt := range tests {
		_, err := po.Plan(context.Background(), po.EnvKey, tt.f)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "--") {
			t.Errorf("%+v: %v, want %q", tt.f, err, tt.want)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d calls for refused fields", n)
	}
}

// TestWizardProvisionRefusals: an admin key is never sent to a base URL
// set in a dotenv file, and OPENAI_ADMIN_KEY holding a project key is not
// taken.
func TestWizardProvisionRefusals(t *testing.T) {
	tr := newTestRun(t, "OPENAI_ADMIN_KEY="+testkit.Key("sk-proj-", 74, 1))
	writeDotenv(t, tr.app.Dir, "OPENAI_BASE_URL=https://proxy.example.com/v1\n")
	o := &setupOptions{app: tr.app, Timeout: time.Second}
	var opts tui.Options
	addProvision(o, &opts, discoverHere(o.app))
	po := opts.Provision
	if !strings.Contains(po.Refusal, "never sent to a base URL set in a file") || !strings.Contains(po.Refusal, "--base-url https://proxy.example.com/v1") {
		t.Errorf("refusal %q", po.Refusal)
	}
	if !po.EnvKey.IsZero() || !strings.Contains(po.EnvProblem, "holds a project key") {
		t.Errorf("env key %v problem %q", po.EnvKey, po.EnvProblem)
	}
	testkit.AssertNoLeak(t, po.Refusal+po.EnvProblem, testkit.Key("sk-proj-", 74, 1))
}

// TestWizardProvisionCheckWarmup: a new key the API does not accept yet
// is asked again after a visible wait before the checks run.
func TestWizardProvisionCheckWarmup(t *testing.T) {
	old := keyWarmup
	keyWarmup = []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond}
	defer func() { keyWarmup = old }()
	srv := fakeapi.New(fakeapi.WithAccountKeyWarmup(2))
	defer srv.Close()
	_, _, po := wizardProvisionFor(t, srv, adminEnv("admin"))
	res, _ := runEvents(t, po, po.EnvKey, po.Fields)
	var results []checks.Result
	var waits []string
	po.RunChecks(context.Background(), res.Key, true, func(r checks.Result) { results = append(results, r) }, func(w string) { waits = append(waits, w) })
	if len(waits) != 3 || !strings.Contains(waits[0], "not accepted yet") || waits[2] != "" {
		t.Errorf("waits %q, want two waits then the end of waiting", waits)
	}
	if !slices.ContainsFunc(results, func(r checks.Result) bool { return r.ID == checks.APIAuth && r.Status == checks.Pass }) {
		t.Errorf("auth does not pass after the wait: %v", results)
	}
}
