package tui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// pushFake records the pushes the Done screen asks for and answers with
// result.
type pushFake struct {
	mu      sync.Mutex
	targets []string
	keys    []string // fingerprints
	result  PushResult
}

func (p *pushFake) push(_ context.Context, target string, key apikey.Key) PushResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.targets = append(p.targets, target)
	p.keys = append(p.keys, key.Fingerprint())
	return p.result
}

var githubOffer = PushOffer{Target: "github", Label: "GitHub Actions secrets", Sign: ".github/workflows", Command: "openai-setup push github"}

// doneWithPush walks to the Done screen of a saved key with results, an
// offer for github and pf as Options.Push.
func doneWithPush(t *testing.T, results []checks.Result, pf *pushFake, envPath string) Model {
	t.Helper()
	f := &fakes{results: results}
	opts := f.options()
	opts.PushOffers = []PushOffer{githubOffer}
	opts.Push = pf.push
	if envPath != "" {
		opts.EnvPath = envPath
	}
	m := toChecks(t, newTest(t, opts), goodKey)
	m, _ = keys(t, m, "enter") // save
	if m.keyRejected() {
		m = typeText(t, m, "save")
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageDone {
		t.Fatalf("stage = %v, want done; screen:\n%s", m.cur().stage, screen(m))
	}
	return m
}

func TestDonePushVerified(t *testing.T) {
	pf := &pushFake{result: PushResult{Verified: true, Pushed: true,
		Summary: "Pushed OPENAI_API_KEY (" + goodFP + ") to GitHub repository octo/app, and gh secret list shows it with a fresh update time.",
		Detail:  []string{"GitHub does not give secrets to workflows run from forks."}}}
	m := doneWithPush(t, passResults(), pf, "")
	text := doneText(m)
	for _, want := range []string{"Next: put the key where your app runs", "GitHub Actions secrets (.github/workflows is here):", "openai-setup push github", "Press p to run it now"} {
		if !strings.Contains(text, want) {
			t.Errorf("Done lacks %q:\n%s", want, text)
		}
	}
	if !m.activeKeys().Push.Enabled() {
		t.Fatal("p is not enabled on the Done screen")
	}
	m, _ = keys(t, m, "p")
	if len(pf.targets) != 1 || pf.targets[0] != "github" || pf.keys[0] != goodFP {
		t.Fatalf("Push got %v %v, want github once with the saved key", pf.targets, pf.keys)
	}
	text = doneText(m)
	for _, want := range []string{iconPass + " Pushed OPENAI_API_KEY", "fresh update time", "forks"} {
		if !strings.Contains(text, want) {
			t.Errorf("Done after p lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Press p") || m.activeKeys().Push.Enabled() {
		t.Errorf("p is still offered after a verified push:\n%s", text)
	}
	if got := m.Outcome().Pushed; len(got) != 1 || !strings.Contains(got[0], "octo/app") {
		t.Errorf("Outcome.Pushed = %q", got)
	}
	// p again does nothing: the push is done.
	m, _ = keys(t, m, "p")
	if len(pf.targets) != 1 {
		t.Errorf("a second p pushed again")
	}
	if strings.Contains(screen(m), goodKey) {
		t.Error("the key is on screen")
	}
}

func TestDonePushFailedCanRetry(t *testing.T) {
	pf := &pushFake{result: PushResult{Summary: "Not pushed: gh is not logged in to GitHub (gh auth status failed)",
		Fix: "run gh auth login, then try again", Detail: []string{"gh said:", "  You are not logged into any GitHub hosts."}}}
	m := doneWithPush(t, passResults(), pf, "")
	m, _ = keys(t, m, "p")
	text := doneText(m)
	for _, want := range []string{iconFail + " Not pushed: gh is not logged in", "Fix: run gh auth login", "gh said:", "Press p to try again"} {
		if !strings.Contains(text, want) {
			t.Errorf("Done lacks %q:\n%s", want, text)
		}
	}
	if len(m.Outcome().Pushed) != 0 {
		t.Errorf("Outcome.Pushed = %q after a failed push", m.Outcome().Pushed)
	}
	pf.result = PushResult{Verified: true, Pushed: true, Summary: "Pushed."}
	m, _ = keys(t, m, "p")
	if len(pf.targets) != 2 || !strings.Contains(doneText(m), iconPass+" Pushed.") {
		t.Errorf("retry: pushes %v\n%s", pf.targets, doneText(m))
	}
}

// While a push runs, its line spins and p starts nothing more; an answer
// arriving then is shown.
func TestDonePushRunning(t *testing.T) {
	pf := &pushFake{}
	m := doneWithPush(t, passResults(), pf, "")
	next, cmd := m.Update(press("p"))
	m = next.(Model)
	if cmd == nil || !m.pushing() || !strings.Contains(doneText(m), "Pushing with github…") {
		t.Fatalf("p did not start a push:\n%s", doneText(m))
	}
	if !m.spinnersVisible() {
		t.Error("no spinner while pushing")
	}
	next, _ = m.Update(press("p"))
	if next.(Model).nextPush() != -1 {
		t.Error("p is offered while a push runs")
	}
	if _, cmd := m.Update(press("enter")); cmd != nil || m.activeKeys().Quit.Enabled() {
		t.Error("enter or q ends the wizard before the push answered")
	}
	next, _ = m.Update(pushedMsg{i: 0, result: PushResult{Pushed: true, Summary: "Pushed, but not confirmed: the read-back failed"}})
	m = next.(Model)
	if !strings.Contains(doneText(m), iconWarn+" Pushed, but not confirmed") {
		t.Errorf("a push without read-back is not a warning:\n%s", doneText(m))
	}
	// A stray answer for an offer not running changes nothing.
	next, _ = m.Update(pushedMsg{i: 0, result: PushResult{Verified: true, Summary: "late"}})
	if strings.Contains(doneText(next.(Model)), "late") {
		t.Error("an answer for no running push was shown")
	}
}

// No offer for a key that failed a check, nor without a Push function.
func TestDonePushNotOffered(t *testing.T) {
	quota := []checks.Result{{ID: checks.APIModel, Status: checks.Fail, Code: checks.CodeInsufficientQuota, Summary: "no credits"}}
	m := doneWithPush(t, quota, &pushFake{}, "")
	if strings.Contains(doneText(m), "Next: put the key") || m.activeKeys().Push.Enabled() {
		t.Errorf("push offered for a failing key:\n%s", doneText(m))
	}

	f := &fakes{results: passResults()}
	opts := f.options()
	opts.PushOffers = []PushOffer{githubOffer} // but no Push
	m = toChecks(t, newTest(t, opts), goodKey)
	m, _ = keys(t, m, "enter", "enter")
	if strings.Contains(doneText(m), "Next: put the key") {
		t.Errorf("push offered without a Push function:\n%s", doneText(m))
	}
}

// A key saved elsewhere than .env is named in the command, so the command
// pushes the saved key.
func TestDonePushCommandNamesEnvFile(t *testing.T) {
	m := doneWithPush(t, passResults(), &pushFake{}, "config/my app.env")
	if text := doneText(m); !strings.Contains(text, "openai-setup push github --from-env-file 'config/my app.env'") {
		t.Errorf("command does not name the saved file:\n%s", text)
	}
}

// doneText is the whole Done screen without ANSI escapes.
func doneText(m Model) string { return ansi.Strip(m.viewDoneText()) }
