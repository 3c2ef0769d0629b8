package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

var (
	// adminKey2 is a second admin key, as pasted; adminKey is in OPENAI_ADMIN_KEY.
	adminKey2 = adminKey[:len(adminKey)-4] + "Wx7z"
	newKey    = makeKey("sk-svcacct-", 74)
	newFP     = "sk-svcacct-…Ab3d"
)

// provFakes are the admin-key route's doubles: a scripted plan and run,
// recording what the wizard asked and with which admin key.
type provFakes struct {
	fakes
	pmu       sync.Mutex
	planErr   error
	plans     []ProvisionFields
	runs      []ProvisionFields
	admins    []string // fingerprints of the admin keys used
	events    []ProvisionEvent
	result    ProvisionResult
	deleted   []string // account ids
	deleteErr error
	waits     []string // said by RunChecks before its results
	freeRuns  int
}

func newProvFakes() *provFakes {
	return &provFakes{
		fakes: fakes{results: passResults()},
		events: []ProvisionEvent{
			{Receipt: &Receipt{Action: "created", Object: "project", Name: "myapp", ID: "proj_1"}},
			{Receipt: &Receipt{Action: "created", Object: "service account", Name: "myapp-testhost-2026-12", ID: "svc_acct_1"}},
		},
		result: ProvisionResult{Key: apikey.New(newKey), ProjectID: "proj_1", AccountID: "svc_acct_1", AccountName: "myapp-testhost-2026-12"},
	}
}

// failAfterAccount makes the run fail on the spend limit (a 5xx) after
// the project and the service account were made.
func (f *provFakes) failAfterAccount() {
	f.result.Err = errors.New("the Admin API answered 500 server_error to POST /organization/projects/proj_1/spend_limit: boom")
}

// readOnly makes the run fail at its first write: nothing is made.
func (f *provFakes) readOnly() {
	f.events = nil
	f.result = ProvisionResult{Err: errors.New("this admin key is read-only: create one with write permission at https://platform.openai.com/settings/organization/admin-keys (organization owners can)")}
}

func (f *provFakes) provOptions() Options {
	o := f.options()
	o.Provision = &ProvisionOptions{
		EnvKey:       apikey.New(adminKey),
		AdminKeysURL: "https://platform.openai.com/settings/organization/admin-keys",
		ProjectsURL:  "https://platform.openai.com/settings/organization/projects",
		Fields:       ProvisionFields{Project: "myapp", Name: "myapp-testhost-2026-12"},
		Plan: func(_ context.Context, admin apikey.Key, pf ProvisionFields) (ProvisionPlan, error) {
			f.pmu.Lock()
			defer f.pmu.Unlock()
			f.plans = append(f.plans, pf)
			f.admins = append(f.admins, admin.Fingerprint())
			if f.planErr != nil {
				return ProvisionPlan{}, f.planErr
			}
			return ProvisionPlan{Lines: []string{"create the project \"" + pf.Project + "\"", "create the service account \"" + pf.Name + "\" in it"}}, nil
		},
		Run: func(_ context.Context, admin apikey.Key, pf ProvisionFields, on func(ProvisionEvent)) ProvisionResult {
			f.pmu.Lock()
			f.runs = append(f.runs, pf)
			f.admins = append(f.admins, admin.Fingerprint())
			events, res := f.events, f.result
			f.pmu.Unlock()
			for _, e := range events {
				on(e)
			}
			return res
		},
		Delete: func(_ context.Context, _ apikey.Key, project, account string) (Receipt, error) {
			f.pmu.Lock()
			defer f.pmu.Unlock()
			if f.deleteErr != nil {
				return Receipt{}, f.deleteErr
			}
			f.deleted = append(f.deleted, account)
			return Receipt{Action: "deleted", Object: "service account", Name: "myapp-testhost-2026-12", ID: account}, nil
		},
		RunChecks: func(ctx context.Context, key apikey.Key, free bool, onResult func(checks.Result), onWait func(string)) {
			f.pmu.Lock()
			waits := f.waits
			if free {
				f.freeRuns++
			}
			f.pmu.Unlock()
			for _, w := range waits {
				onWait(w)
			}
			onWait("")
			o.RunChecks(ctx, key, onResult)
		},
	}
	return o
}

// toAdminKey walks a fresh model from Welcome to the admin-key screen.
func toAdminKey(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = keys(t, m, strconv.Itoa(m.choiceNumber(routeAdmin)))
	if m.cur().stage != stageAdminKey {
		t.Fatalf("stage = %v, want the admin key screen:\n%s", m.cur().stage, screen(m))
	}
	return m
}

// toRun walks to the Create screen with the environment's admin key and
// the default fields: the run has ended when it returns.
func toRun(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = keys(t, toAdminKey(t, m), "enter")
	if m.cur().stage != stageProvPlan || !m.prov.planCurrent() {
		t.Fatalf("no plan shown:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageProvRun {
		t.Fatalf("stage = %v, want the Create screen:\n%s", m.cur().stage, screen(m))
	}
	return m
}

// running is the Create screen with the run started and nothing heard
// back yet: its command is not run, as if the calls were under way.
func running(t *testing.T, f *provFakes) Model {
	t.Helper()
	m := newTest(t, f.provOptions())
	m, _ = keys(t, toAdminKey(t, m), "enter")
	next, _ := m.Update(press("enter"))
	m = next.(Model)
	if !m.prov.inFlight() {
		t.Fatalf("the run did not start:\n%s", screen(m))
	}
	return m
}

// hear feeds one run event to m, leaving its follow-up command unrun.
func hear(m Model, e ProvisionEvent) Model {
	next, _ := m.Update(streamItem[provEvent]{id: m.prov.runID, value: provEvent{event: e}})
	return next.(Model)
}

// flat is s with every run of spaces and line breaks made one space, for
// looking for sentences that wrap.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// quitMsgs says whether msgs hold a quit and an interrupt.
func quitMsgs(msgs []tea.Msg) (quit, interrupt bool) {
	return hasMsg[tea.QuitMsg](msgs), hasMsg[tea.InterruptMsg](msgs)
}
