package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// rotRegionalFakes are the rotate wizard's doubles with the regional fix:
// the new key fails api.auth regional_hostname at the configured host and
// passes at usBase; log records the checks and writes in order.
type rotRegionalFakes struct {
	*rotFakes
	log       []string
	baseErrs  []error // errors for the first base-URL writes, in order
	blocker   string
	atResults []checks.Result
}

func newRotRegional() *rotRegionalFakes {
	f := &rotRegionalFakes{rotFakes: newRotFakes(), atResults: passResults()}
	f.results = regionalResults()
	f.AutoOpen(false)
	return f
}

func (f *rotRegionalFakes) options() Options {
	var writes [][2]string
	opts := regionalOptions(&f.fakes, &writes, nil) // its RegionalBaseURL
	o := f.rotateOptions()
	o.RegionalBaseURL, o.WriteBaseURL = opts.RegionalBaseURL, nil
	ro := o.Rotate
	replace := ro.Replace
	ro.Replace = func(paths []string, key apikey.Key) ([]FileChange, error) {
		f.mu.Lock()
		f.log = append(f.log, "key "+strings.Join(paths, " "))
		f.mu.Unlock()
		return replace(paths, key)
	}
	ro.CheckNewAt = func(_ context.Context, _ apikey.Key, base string, onResult func(checks.Result)) {
		f.mu.Lock()
		f.log = append(f.log, "check at "+base)
		rs := append([]checks.Result(nil), f.atResults...)
		f.mu.Unlock()
		for _, r := range rs {
			onResult(r)
		}
	}
	ro.RegionalBlocker = func(string) string { return f.blocker }
	ro.WriteBaseURL = func(paths []string, base string) (SaveReport, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.log = append(f.log, "base "+base+" "+strings.Join(paths, " "))
		if len(f.baseErrs) > 0 {
			err := f.baseErrs[0]
			f.baseErrs = f.baseErrs[1:]
			return SaveReport{}, err
		}
		return SaveReport{Files: []string{"./.env", "../.env"}, Lines: []string{"+ OPENAI_BASE_URL=" + base + "  (./.env:3, added)"}}, nil
	}
	return o
}

// toRegionalChecks goes from the intro to the Checks screen showing the
// regional failure.
func toRegionalChecks(t *testing.T, f *rotRegionalFakes) Model {
	t.Helper()
	m := newTest(t, f.options())
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 60})
	m, _ = drain(t, m, m.Init())
	m, _ = keys(t, m, "enter", "enter")
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageChecks {
		t.Fatalf("stage %v:\n%s", m.cur().stage, screen(m))
	}
	return m
}

// The rotate wizard offers the regional fix: w checks the new key at the
// regional host (nothing written), and once that passes the key replaces
// the old one and the OPENAI_BASE_URL line follows it into the same files.
func TestRotateRegionalFix(t *testing.T) {
	f := newRotRegional()
	m := toRegionalChecks(t, f)
	s := flat(screen(m))
	for _, want := range []string{"skipped: the API recognised the key, but this is the wrong host", "Press w to check the new key there; if it passes, OPENAI_BASE_URL=" + usBase + " is written with it into the files you tick"} {
		if !strings.Contains(s, want) {
			t.Errorf("checks screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "rejected") {
		t.Errorf("a recognised key is called rejected:\n%s", s)
	}
	k := m.activeKeys()
	if !k.Fix.Enabled() || k.Fix.Help().Desc != "check at regional host" || k.Next.Enabled() {
		t.Fatalf("keys: w %v %q, enter %v", k.Fix.Enabled(), k.Fix.Help().Desc, k.Next.Enabled())
	}
	if m, _ = keys(t, m, "enter"); m.cur().stage != stageChecks {
		t.Fatal("enter went on past a failing check")
	}
	m, _ = keys(t, m, "w")
	s = flat(screen(m))
	if !strings.Contains(s, "These checks ran again at the regional host "+usBase) || !strings.Contains(s, "Every check passed") {
		t.Fatalf("after w:\n%s", s)
	}
	if m.activeKeys().Fix.Enabled() || len(f.replaced) != 0 {
		t.Errorf("w still offered, or something written: %v", f.log)
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageReplace || !strings.Contains(flat(screen(m)), "OPENAI_BASE_URL="+usBase+" goes with it: enter writes the line right after the key into every ticked file") {
		t.Fatalf("stage %v:\n%s", m.cur().stage, screen(m))
	}
	m, _ = keys(t, m, "enter")
	want := []string{"check at " + usBase, "key /p/app/.env /p/.env", "base " + usBase + " /p/app/.env /p/.env"}
	if strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("calls %q, want %q (the line after the key, in the same files)", f.log, want)
	}
	if m.cur().stage != stageRevoke || !strings.Contains(flat(screen(m)), "./.env, ../.env hold OPENAI_BASE_URL="+usBase+" too") {
		t.Fatalf("stage %v:\n%s", m.cur().stage, screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageDone || !strings.Contains(flat(screen(m)), "set OPENAI_BASE_URL="+usBase+" in ./.env, ../.env") || m.Outcome().BaseURL != usBase {
		t.Errorf("done (outcome %q):\n%s", m.Outcome().BaseURL, screen(m))
	}
}

// A failed write of the line keeps the user on Replace, saying the files
// hold the key without it; enter tries again, s goes on and leaves a to-do.
func TestRotateRegionalWriteFails(t *testing.T) {
	for _, skip := range []bool{false, true} {
		f := newRotRegional()
		f.baseErrs = []error{errors.New("OPENAI_BASE_URL=" + usBase + " was not written to ./.env: permission denied")}
		m := toRegionalChecks(t, f)
		m, _ = keys(t, m, "w", "enter", "enter")
		s := flat(screen(m))
		if m.cur().stage != stageReplace || !strings.Contains(s, "The ticked files hold the new key, but the regional line is missing: OPENAI_BASE_URL="+usBase+" was not written to ./.env: permission denied.") || !strings.Contains(s, "./.env line 2 (OPENAI_API_KEY) ✓ written") || !m.Outcome().Rotated {
			t.Fatalf("stage %v, rotated %v:\n%s", m.cur().stage, m.Outcome().Rotated, s)
		}
		if td := m.Outcome().Todo; len(td) != 1 || !strings.Contains(td[0], "Set OPENAI_BASE_URL="+usBase) {
			t.Errorf("outcome to-do %q: quitting here must say the line is missing", td)
		}
		if k := m.activeKeys(); !k.Next.Enabled() || k.Next.Help().Desc != "retry" || !k.Skip.Enabled() || k.Back.Enabled() || k.Toggle.Enabled() {
			t.Errorf("keys after the failed write: %+v", k.ShortHelp())
		}
		if skip {
			m, _ = keys(t, m, "s", "enter")
			if m.cur().stage != stageDone || !strings.Contains(flat(screen(m)), "Set OPENAI_BASE_URL="+usBase+" where your apps read the new key") || m.Outcome().BaseURL != "" {
				t.Errorf("skipped: stage %v:\n%s", m.cur().stage, screen(m))
			}
			continue
		}
		m, _ = keys(t, m, "enter")
		if n := strings.Count(strings.Join(f.log, "|"), "base "); n != 2 || len(f.replaced) != 1 || m.cur().stage != stageRevoke || m.Outcome().Todo != nil || m.Outcome().BaseURL != usBase {
			t.Errorf("retry: %q, stage %v", f.log, m.cur().stage)
		}
	}
}

// A base URL from --base-url or the shell's environment: the line would not
// be used, so nothing is offered, and the screen says why.
func TestRotateRegionalBlocked(t *testing.T) {
	f := newRotRegional()
	f.blocker = "--base-url was given, so the line alone would not be used here: pass --base-url " + usBase + " instead"
	m := toRegionalChecks(t, f)
	s := flat(screen(m))
	if !strings.Contains(s, "The API asks for the regional host "+usBase+": "+f.blocker+".") || strings.Contains(s, "Press w") || m.activeKeys().Fix.Enabled() {
		t.Errorf("blocked:\n%s", s)
	}
	m, _ = keys(t, m, "w", "enter")
	if len(f.log) != 0 || m.cur().stage != stageChecks {
		t.Errorf("calls %q, stage %v", f.log, m.cur().stage)
	}
}

// The checks at the regional host fail too: nothing can be written, and a
// new key pasted after esc starts at the configured host again.
func TestRotateRegionalRecheckFails(t *testing.T) {
	f := newRotRegional()
	f.atResults = []checks.Result{{ID: checks.KeyFormat, Status: checks.Pass}, {ID: checks.APIAuth, Status: checks.Fail, Code: checks.CodeConnect, Summary: "could not connect"}}
	m := toRegionalChecks(t, f)
	m, _ = keys(t, m, "w")
	if s := flat(screen(m)); !strings.Contains(s, "Some checks failed, so this key cannot replace the old one") || m.activeKeys().Next.Enabled() {
		t.Fatalf("failed recheck:\n%s", s)
	}
	m, _ = keys(t, m, "r")
	if got := strings.Count(strings.Join(f.log, "|"), "check at"); got != 2 {
		t.Errorf("r re-ran %d times at the regional host, want 2: %q", got, f.log)
	}
	m, _ = keys(t, m, "esc")
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey[:len(goodKey)-4] + "Qq11"})
	m, _ = keys(t, m, "enter")
	if m.rot.regional.active(m.key) || !strings.Contains(flat(screen(m)), "Press w") {
		t.Errorf("another key kept the regional host:\n%s", screen(m))
	}
}
