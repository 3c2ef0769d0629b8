package tui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// TestProvisionSuccess: Welcome's fifth choice takes the environment's
// admin key, shows the plan, makes the key with a receipt per change,
// saves it, checks it (no way back: it is saved), and ends on Done.
func TestProvisionSuccess(t *testing.T) {
	f := newProvFakes()
	m := newTest(t, f.provOptions())
	var seen []string
	look := func(m Model) { seen = append(seen, screen(m)) }
	if !strings.Contains(screen(m), "4. I have an admin key (make the key for me)") {
		t.Fatalf("Welcome lacks the admin-key choice:\n%s", screen(m))
	}
	m = toAdminKey(t, m)
	look(m)
	if !strings.Contains(screen(m), "OPENAI_ADMIN_KEY in this shell's environment: sk-admin-…Ab3d") {
		t.Errorf("the environment's admin key is not offered by fingerprint:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	look(m)
	if len(f.plans) != 1 || f.plans[0].Project != "myapp" || len(f.runs) != 0 {
		t.Fatalf("plans %v runs %v, want one plan for myapp and no run", f.plans, f.runs)
	}
	m, _ = keys(t, m, "enter")
	look(m)
	for _, want := range []string{"Your key is made", "created project myapp (proj_1)", "created service account myapp-testhost-2026-12 (svc_acct_1)", newFP} {
		if !strings.Contains(screen(m), want) {
			t.Errorf("Create screen lacks %q:\n%s", want, screen(m))
		}
	}
	if !m.unsaved || m.outcome.Saved {
		t.Errorf("unsaved %v saved %v after the run, want the key held and not saved", m.unsaved, m.outcome.Saved)
	}
	m, _ = keys(t, m, "enter")
	look(m)
	if m.cur().stage != stageSave {
		t.Fatalf("stage %v, want Save:\n%s", m.cur().stage, screen(m))
	}
	m, _ = keys(t, m, "enter")
	look(m)
	if m.cur().stage != stageChecks || !strings.Contains(screen(m), "Checking the new key "+newFP) {
		t.Fatalf("after saving: stage %v, want the new key's checks:\n%s", m.cur().stage, screen(m))
	}
	if !slices.Equal(f.saved, []string{".env"}) || !slices.Contains(f.keys, newFP) {
		t.Errorf("saved %v, checked %v: want .env saved and the new key checked", f.saved, f.keys)
	}
	m, _ = keys(t, m, "esc") // saved already: nothing to go back to
	if m.cur().stage != stageChecks {
		t.Errorf("esc left the new key's checks for %v", m.cur().stage)
	}
	m, msgs := keys(t, m, "enter")
	look(m)
	if m.cur().stage != stageDone || !m.outcome.Saved || m.outcome.Fingerprint != newFP {
		t.Fatalf("stage %v outcome %+v, want Done with the new key saved", m.cur().stage, m.outcome)
	}
	if quit, _ := quitMsgs(msgs); quit {
		t.Error("Done quit by itself")
	}
	if !slices.Equal(f.admins, []string{"sk-admin-…Ab3d", "sk-admin-…Ab3d"}) {
		t.Errorf("admin keys used %v, want the environment's for the plan and the run", f.admins)
	}
	testkit.AssertNoLeak(t, strings.Join(seen, "\n"), adminKey, newKey)
}

// TestProvisionPastedAdminKey: a pasted key is taken over the
// environment's; a project key is refused, as the command refuses it.
func TestProvisionPastedAdminKey(t *testing.T) {
	f := newProvFakes()
	opts := f.provOptions()
	opts.Provision.EnvKey = apikey.Key{} // OPENAI_ADMIN_KEY not set
	m := toAdminKey(t, newTest(t, opts))
	if !strings.Contains(screen(m), "Waiting for a paste") {
		t.Errorf("no environment key, yet no paste asked for:\n%s", screen(m))
	}
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	if !strings.Contains(flat(screen(m)), "This needs an admin key (sk-admin-…), not a project key; only organization owners can create one, at https://platform.openai.com/settings/organization/admin-keys") {
		t.Errorf("a project key is not refused as the command refuses it:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageAdminKey || len(f.plans) != 0 {
		t.Fatalf("a project key went on (stage %v, plans %v)", m.cur().stage, f.plans)
	}
	m, _ = keys(t, m, "ctrl+u")
	m, _ = update(t, m, tea.PasteMsg{Content: " " + adminKey2 + "\n"})
	if !strings.Contains(screen(m), "admin key sk-admin-…Wx7z") {
		t.Errorf("the pasted admin key is not shown by fingerprint:\n%s", screen(m))
	}
	testkit.AssertNoLeak(t, screen(m), adminKey2)
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageProvPlan || !slices.Equal(f.admins, []string{"sk-admin-…Wx7z"}) {
		t.Fatalf("stage %v admins %v, want the plan made with the pasted key", m.cur().stage, f.admins)
	}
	if m.prov.in.admin.Value() != "" {
		t.Error("the admin key stayed in the field after it was taken")
	}
}

// TestProvisionReadOnly: a read-only admin key fails at the first write
// with nothing made; esc goes back to change the plan or the key, and
// quitting asks nothing and is not an unsaved key.
func TestProvisionReadOnly(t *testing.T) {
	f := newProvFakes()
	f.readOnly()
	m := toRun(t, newTest(t, f.provOptions()))
	for _, want := range []string{"Not finished", "This admin key is read-only", "Nothing was made."} {
		if !strings.Contains(screen(m), want) {
			t.Errorf("screen lacks %q:\n%s", want, screen(m))
		}
	}
	if !m.key.IsZero() || m.unsaved {
		t.Errorf("key %v unsaved %v after a run that made nothing", m.key, m.unsaved)
	}
	if strings.Contains(screen(m), "enter ") {
		t.Errorf("enter offered with no key to save:\n%s", screen(m))
	}
	back, _ := keys(t, m, "esc")
	if back.cur().stage != stageProvPlan {
		t.Errorf("esc went to %v, want the plan", back.cur().stage)
	}
	back, _ = keys(t, back, "esc")
	if back.cur().stage != stageAdminKey {
		t.Errorf("esc went to %v, want the admin key", back.cur().stage)
	}
	m, msgs := keys(t, m, "q")
	if quit, _ := quitMsgs(msgs); !quit || m.outcome.QuitUnsaved {
		t.Errorf("q: quit %v unsaved %v, want a plain quit", quit, m.outcome.QuitUnsaved)
	}
}

// TestProvisionFailureAfterAccount: a 5xx after the service account was
// made says what exists (the receipts) and offers to delete the account;
// d deletes it, and its key is then nothing to save.
func TestProvisionFailureAfterAccount(t *testing.T) {
	f := newProvFakes()
	f.failAfterAccount()
	m := toRun(t, newTest(t, f.provOptions()))
	for _, want := range []string{"Not finished", "500 server_error", "What exists now:", "created project myapp (proj_1)",
		"created service account myapp-testhost-2026-12 (svc_acct_1)", "Projects cannot be deleted", "Press d to delete it", "d delete the service account"} {
		if !strings.Contains(screen(m), want) {
			t.Errorf("screen lacks %q:\n%s", want, screen(m))
		}
	}
	if back, _ := keys(t, m, "esc"); back.cur().stage != stageProvRun {
		t.Errorf("esc left a run that made things, for %v", back.cur().stage)
	}
	// Saving anyway is offered: the key works, only the guard-rail failed.
	if saving, _ := keys(t, m, "enter"); saving.cur().stage != stageSave {
		t.Errorf("enter went to %v, want Save", saving.cur().stage)
	}
	// Quitting now would lose the key: asked first, with the receipts.
	asked, _ := keys(t, m, "q")
	if !strings.Contains(screen(asked), "Quit without saving?") || !strings.Contains(screen(asked), "created service account") {
		t.Errorf("q does not ask with the receipts:\n%s", screen(asked))
	}

	f.deleteErr = errors.New("the Admin API answered 500 server_error to DELETE …")
	m, _ = keys(t, m, "d")
	if !strings.Contains(screen(m), "Not deleted: The Admin API answered 500") || len(f.deleted) != 0 {
		t.Errorf("a failed delete is not said:\n%s", screen(m))
	}
	f.deleteErr = nil
	m, _ = keys(t, m, "d")
	if !slices.Equal(f.deleted, []string{"svc_acct_1"}) {
		t.Fatalf("deleted %v, want the run's service account", f.deleted)
	}
	for _, want := range []string{"deleted service account myapp-testhost-2026-12 (svc_acct_1)", "is deleted: its key no longer works"} {
		if !strings.Contains(flat(screen(m)), want) {
			t.Errorf("screen lacks %q:\n%s", want, screen(m))
		}
	}
	if !m.key.IsZero() || m.unsaved || strings.Contains(screen(m), "d delete") || strings.Contains(screen(m), "enter save") {
		t.Errorf("after deleting: key %v unsaved %v, delete or save still offered:\n%s", m.key, m.unsaved, screen(m))
	}
	m, msgs := keys(t, m, "q")
	if quit, _ := quitMsgs(msgs); !quit || m.outcome.QuitUnsaved {
		t.Errorf("q after deleting: quit %v unsaved %v, want a plain quit", quit, m.outcome.QuitUnsaved)
	}
}

// TestProvisionQuit: with the new key made and not saved, or while it is
// being made, ctrl+c and q ask first, showing the receipts; confirming
// quits as an unsaved key (exit 3). With nothing at stake ctrl+c
// interrupts at once.
func TestProvisionQuit(t *testing.T) {
	made := func(t *testing.T) Model { return toRun(t, newTest(t, newProvFakes().provOptions())) }
	inFlight := func(t *testing.T) Model {
		return hear(running(t, newProvFakes()), ProvisionEvent{Receipt: &Receipt{Action: "created", Object: "project", Name: "myapp", ID: "proj_1"}})
	}
	atPlan := func(t *testing.T) Model {
		m, _ := keys(t, toAdminKey(t, newTest(t, newProvFakes().provOptions())), "enter")
		return m
	}
	saved := func(t *testing.T) Model {
		m, _ := keys(t, made(t), "enter", "enter")
		return m
	}
	tests := []struct {
		name        string
		start       func(*testing.T) Model
		press       []string
		asked       string // on screen at the end, "" for no question
		quit        bool
		interrupted bool
		unsaved     bool
	}{
		{"ctrl+c with the key made asks", made, []string{"ctrl+c"}, "created service account myapp-testhost-2026-12 (svc_acct_1)", false, false, false},
		{"a second ctrl+c quits unsaved", made, []string{"ctrl+c", "ctrl+c"}, "", true, false, true},
		{"q, y quits unsaved", made, []string{"q", "y"}, "", true, false, true},
		{"q, n stays", made, []string{"q", "n"}, "", false, false, false},
		{"ctrl+c mid-way asks", inFlight, []string{"ctrl+c"}, "Quit while the key is being made?", false, false, false},
		{"mid-way, the receipts so far", inFlight, []string{"q"}, "created project myapp (proj_1)", false, false, false},
		{"mid-way, confirmed", inFlight, []string{"ctrl+c", "y"}, "", true, false, true},
		{"ctrl+c on the plan interrupts", atPlan, []string{"ctrl+c"}, "", false, true, false},
		{"ctrl+c once saved interrupts", saved, []string{"ctrl+c"}, "", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, msgs := keys(t, tt.start(t), tt.press...)
			if tt.asked != "" && !strings.Contains(screen(m), tt.asked) {
				t.Errorf("screen lacks %q:\n%s", tt.asked, screen(m))
			}
			if tt.asked == "" && m.confirmQuit {
				t.Errorf("still asking:\n%s", screen(m))
			}
			quit, interrupt := quitMsgs(msgs)
			if quit != tt.quit || interrupt != tt.interrupted || m.outcome.QuitUnsaved != tt.unsaved {
				t.Errorf("quit %v interrupt %v unsaved %v, want %v %v %v", quit, interrupt, m.outcome.QuitUnsaved, tt.quit, tt.interrupted, tt.unsaved)
			}
			if (quit || interrupt) && m.prov.cancel != nil {
				t.Error("the run was not cancelled on quitting")
			}
		})
	}
}

// TestProvisionPlanFields: editing a field makes the plan stale (enter
// asks again with the new values, a second enter makes it); a key typed
// into a field is taken out; the plan's refusal is shown.
func TestProvisionPlanFields(t *testing.T) {
	f := newProvFakes()
	m, _ := keys(t, toAdminKey(t, newTest(t, f.provOptions())), "enter")
	m, _ = keys(t, m, "tab", "tab")
	m = typeText(t, m, "20")
	if m.prov.planCurrent() || !strings.Contains(screen(m), "Press enter to see what will be made") {
		t.Fatalf("an edited field kept the old plan:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageProvPlan || len(f.runs) != 0 || f.plans[len(f.plans)-1].Budget != "20" {
		t.Fatalf("enter on a stale plan: stage %v runs %v plans %v", m.cur().stage, f.runs, f.plans)
	}
	m, _ = keys(t, m, "tab")
	m = typeText(t, m, "x sk-proj-abcdefgh")
	if m.prov.in.fields[fieldAlert].Value() != "" || !strings.Contains(screen(m), "That looks like a key") {
		t.Errorf("a key typed into a field stayed: %q\n%s", m.prov.in.fields[fieldAlert].Value(), screen(m))
	}
	testkit.AssertNoLeak(t, screen(m), goodKey)

	m, _ = keys(t, m, "tab")
	m = typeText(t, m, "90d")
	f.planErr = errors.New(`project: the "Default project" cannot hold service accounts; name another project`)
	m, _ = keys(t, m, "enter")
	if !strings.Contains(screen(m), `"Default project" cannot hold service accounts`) || !strings.Contains(screen(m), "Nothing was made.") {
		t.Errorf("the plan's refusal is not shown:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageProvPlan || len(f.runs) != 0 {
		t.Errorf("a refused plan was made (stage %v)", m.cur().stage)
	}
}

// TestProvisionCheckWait: while the API does not accept the new key yet,
// the Checks screen says so.
func TestProvisionCheckWait(t *testing.T) {
	f := newProvFakes()
	f.waits = []string{"The new key is not accepted yet (401 invalid_api_key); new keys can take a few seconds. Checking again in 1s…"}
	m, _ := keys(t, toRun(t, newTest(t, f.provOptions())), "enter", "enter")
	if m.cur().stage != stageChecks || m.prov.waitNote != "" || strings.Contains(screen(m), "not accepted yet") {
		t.Fatalf("the wait note outlived the checks:\n%s", screen(m))
	}
	m, _ = m.startProvisionChecks(false) // a new run, its messages fed by hand
	next, _ := m.Update(streamItem[provCheck]{id: m.checkRun.id, value: provCheck{wait: f.waits[0]}})
	m = next.(Model)
	if !strings.Contains(screen(m), "The new key is not accepted yet") {
		t.Errorf("the wait is not shown:\n%s", screen(m))
	}
	stale, _ := m.Update(streamItem[provCheck]{id: m.checkRun.id - 1, value: provCheck{wait: "stale"}})
	if strings.Contains(screen(stale.(Model)), "stale") {
		t.Error("a stale run's wait was shown")
	}
}

// TestProvisionRefusal: where no admin key may be sent, the route says
// why and takes nothing.
func TestProvisionRefusal(t *testing.T) {
	f := newProvFakes()
	opts := f.provOptions()
	opts.Provision.Refusal = "OPENAI_BASE_URL in ./.env:1 points at proxy.example, and an admin key is never sent to a base URL set in a file"
	m := toAdminKey(t, newTest(t, opts))
	m, _ = update(t, m, tea.PasteMsg{Content: adminKey2})
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageAdminKey || len(f.plans) != 0 || !strings.Contains(screen(m), "never sent to a base URL set in a file") {
		t.Fatalf("the refusal did not hold (stage %v):\n%s", m.cur().stage, screen(m))
	}
	if m, _ = keys(t, m, "esc"); m.cur().stage != stageWelcome {
		t.Errorf("esc went to %v, want Welcome", m.cur().stage)
	}
}

// TestProvisionNotOffered: without Options.Provision there is no admin-key
// choice, and 4 (its number when offered without a configured key) does
// nothing.
func TestProvisionNotOffered(t *testing.T) {
	m := newTest(t, (&fakes{results: passResults()}).options())
	if strings.Contains(screen(m), "admin key") {
		t.Errorf("Welcome offers the admin key route without it:\n%s", screen(m))
	}
	if m, _ = keys(t, m, "4"); m.cur().stage != stageWelcome {
		t.Errorf("4 went to %v", m.cur().stage)
	}
}
