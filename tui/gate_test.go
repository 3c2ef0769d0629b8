package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// failWith is failResults with the authentication failure's code replaced.
func failWith(code checks.Code) []checks.Result {
	rs := failResults()
	rs[1].Code = code
	return rs
}

// TestSaveGate: plain enter saves past outside causes only; a key the API
// rejects needs "save" typed, and the saved outcome lists the failure.
func TestSaveGate(t *testing.T) {
	cases := []struct {
		code      checks.Code
		needsWord bool
	}{
		{"invalid_api_key", true},
		{"mismatched_project", true},
		{"missing_scopes", true},
		{"insufficient_quota", false},
		{"rate_limited", false},
		{"timeout", false},
		{"regional_hostname", false},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			f := &fakes{results: failWith(c.code)}
			m := toChecks(t, newTest(t, f.options()), goodKey)
			m, _ = keys(t, m, "enter", "enter", "enter")
			if saved := len(f.saved) > 0; saved == c.needsWord {
				t.Fatalf("after enter×3 saved=%v, want %v; screen:\n%s", saved, !c.needsWord, screen(m))
			}
			if c.needsWord {
				if !strings.Contains(screen(m), "Type save first") {
					t.Fatalf("no reason given:\n%s", screen(m))
				}
				m = typeText(t, m, "save")
				m, _ = keys(t, m, "enter")
				if len(f.saved) != 1 {
					t.Fatalf("typing save did not save; screen:\n%s", screen(m))
				}
			}
			if m.cur().stage != stageDone || len(m.Outcome().Failing) != 1 {
				t.Fatalf("stage %v, failing %v", m.cur().stage, m.Outcome().Failing)
			}
			done := m.viewDoneText()
			if !strings.Contains(done, "failed a check") || !strings.Contains(done, "Still to do") || strings.Contains(done, iconPass+" Your key is saved") {
				t.Fatalf("done screen does not carry the failure:\n%s", done)
			}
		})
	}
}

// TestShadowedSave: when apps would get another key after the save, Done
// says so first, with the commands, and the outcome is marked.
func TestShadowedSave(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	var asked []string
	opts.CheckSaved = func(_ context.Context, path string, key apikey.Key) SavedCheck {
		asked = append(asked, path+" "+key.Fingerprint())
		return SavedCheck{Shadow: &Shadow{Fingerprint: "sk-proj-…Old1", From: "this shell's environment (~/.zshrc:12)",
			Commands: []string{"unset OPENAI_API_KEY", "delete line 12 of ~/.zshrc"}}}
	}
	m := toChecks(t, newTest(t, opts), goodKey)
	m, _ = keys(t, m, "enter", "enter")
	if len(asked) != 1 || asked[0] != ".env "+goodFP {
		t.Fatalf("CheckSaved asked %v", asked)
	}
	done := m.viewDoneText()
	first := strings.SplitN(strings.TrimSpace(done), "\n", 2)[0]
	if !strings.Contains(first, "will not get this key") {
		t.Fatalf("first line %q", first)
	}
	for _, want := range []string{"unset OPENAI_API_KEY", "delete line 12 of ~/.zshrc", "sk-proj-…Old1", "~/.zshrc:12"} {
		if !strings.Contains(done, want) {
			t.Errorf("done lacks %q:\n%s", want, done)
		}
	}
	if strings.Contains(done, "Your key is saved") {
		t.Errorf("done claims success:\n%s", done)
	}
	out := m.Outcome()
	if !out.Shadowed || !out.Saved || len(out.Todo) == 0 {
		t.Fatalf("outcome %+v", out)
	}
}

// TestSavedNotShadowed: a clean re-check says the app will get the key.
func TestSavedNotShadowed(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.CheckSaved = func(context.Context, string, apikey.Key) SavedCheck { return SavedCheck{} }
	m := toChecks(t, newTest(t, opts), goodKey)
	m, _ = keys(t, m, "enter", "enter")
	if !strings.Contains(screen(m), "your app will get it") || m.Outcome().Shadowed {
		t.Fatalf("screen:\n%s", screen(m))
	}
}

// TestChecksAskBeforeSpending: with a free runner the screen asks first;
// n runs the free checks, enter the paid ones.
func TestChecksAskBeforeSpending(t *testing.T) {
	for _, c := range []struct {
		key      string
		wantFree bool
	}{{"n", true}, {"enter", false}} {
		f := &fakes{results: passResults()}
		opts := f.options()
		free := 0
		opts.RunFreeChecks = func(ctx context.Context, key apikey.Key, on func(checks.Result)) { free++ }
		m := toChecks(t, newTest(t, opts), goodKey)
		if !strings.Contains(screen(m), "under a cent") || f.runs != 0 {
			t.Fatalf("no question before the run (runs %d):\n%s", f.runs, screen(m))
		}
		m, _ = keys(t, m, c.key)
		if (free == 1) != c.wantFree || (f.runs == 1) == c.wantFree {
			t.Fatalf("%s: free runs %d, paid runs %d", c.key, free, f.runs)
		}
		_ = m
	}
	// --no-spend: no question.
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.NoSpend = true
	opts.RunFreeChecks = opts.RunChecks
	m := toChecks(t, newTest(t, opts), goodKey)
	if strings.Contains(screen(m), "under a cent") {
		t.Fatalf("asked despite NoSpend:\n%s", screen(m))
	}
	_, _ = update(t, m, tea.KeyPressMsg{})
}

// TestCheckNamesNotIDs: the wizard says check names, never ids.
func TestCheckNamesNotIDs(t *testing.T) {
	cases := map[string]string{
		// Without the failed result, only its name: the cause comes from its code.
		"skipped: api.auth failed":  "skipped: the Authentication check failed",
		"skipped: net.reach failed": "skipped: the Network check failed",
		"skipped: the key may not call models (missing model.request, see api.permissions)": "skipped: the key may not call models (missing model.request, see the Permissions check)",
	}
	for in, want := range cases {
		if got := inWords(in); got != want {
			t.Errorf("inWords(%q) = %q, want %q", in, got, want)
		}
	}
	f := &fakes{results: failResults()}
	f.results[2].Summary = "skipped: api.auth failed"
	m := toChecks(t, newTest(t, f.options()), goodKey)
	if s := screen(m); strings.Contains(s, "api.auth") || !strings.Contains(s, "the key was rejected") {
		t.Fatalf("screen:\n%s", s)
	}
}

// TestCheckPathSeam: a path the target check refuses is shown as such and
// enter writes nothing until the path changes.
func TestCheckPathSeam(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.CheckPath = func(p string) (SaveTarget, error) {
		if p == ".env" {
			return SaveTarget{Dir: "/p/app", InRepo: true}, errString("it is a directory")
		}
		return SaveTarget{Dir: "/p/app", InRepo: true}, nil
	}
	m := toChecks(t, newTest(t, opts), goodKey)
	m, _ = keys(t, m, "enter", "enter")
	if len(f.saved) != 0 || !strings.Contains(screen(m), "Cannot save there: It is a directory.") {
		t.Fatalf("saved %v; screen:\n%s", f.saved, screen(m))
	}
	m = typeText(t, m, "2")
	_, _ = keys(t, m, "enter")
	if len(f.saved) != 1 || f.saved[0] != ".env2" {
		t.Fatalf("saved %v", f.saved)
	}
}

// TestReplacedKeyTodo: saving over a configured key leaves revoking the old
// one as a to-do.
func TestReplacedKeyTodo(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.Existing = &Existing{Fingerprint: "sk-proj-…Zz99", Source: ".env:3", Key: apikey.New(otherKey)}
	m := newTest(t, opts)
	m, _ = keys(t, m, "3")
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	m, _ = keys(t, m, "enter", "enter", "enter")
	todo := strings.Join(m.Outcome().Todo, "\n")
	if !strings.Contains(todo, "sk-proj-…Zz99 stays live until you revoke it") || !strings.Contains(m.viewDoneText(), "openai-setup rotate") {
		t.Fatalf("todo %q\n%s", todo, m.viewDoneText())
	}
}
