package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// waitFor waits until the program's output holds fragment. The v2 renderer
// writes only changed cells, so fragments must be ones drawn whole.
func waitFor(t *testing.T, tm *teatest.TestModel, fragment string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(fragment))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestProgramFullPath drives the real program loop: steps, a bracketed
// paste with spaces and a newline, live checks with the real spinner
// timing, save, done.
func TestProgramFullPath(t *testing.T) {
	f := &fakes{results: passResults()}
	tm := teatest.NewTestModel(t, New(f.options()), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Get a working OpenAI API key")
	for range 5 {
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	waitFor(t, tm, "Waiting for a paste")
	tm.Send(tea.PasteMsg{Content: "  " + goodKey + "  \n"})
	waitFor(t, tm, "Press enter to check it.")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Every check passed")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "What will change:")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Your key is saved")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	o := fm.Outcome()
	if !o.Saved || o.Fingerprint != goodFP || o.Quit || o.Interrupted {
		t.Errorf("outcome = %+v", o)
	}
	if len(f.saved) != 1 || f.saved[0] != ".env" {
		t.Errorf("saved %v", f.saved)
	}
	if strings.Contains(fm.View().Content, goodKey[8:30]) {
		t.Error("key on screen")
	}
	if len(f.opened) != 3 { // Welcome's choice opens nothing; enter on each step does
		t.Errorf("auto-opened %d pages, want 3", len(f.opened))
	}
}

func TestProgramQuitConfirm(t *testing.T) {
	f := &fakes{results: failResults()}
	tm := teatest.NewTestModel(t, New(f.options()), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Get a working OpenAI API key")
	for range 5 {
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	waitFor(t, tm, "Waiting for a paste")
	tm.Send(tea.PasteMsg{Content: goodKey})
	waitFor(t, tm, "Press enter to check it.")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Some checks failed.")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	waitFor(t, tm, "to quit without saving, n to stay.")
	tm.Send(tea.KeyPressMsg{Code: 'y', Text: "y"})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if o := fm.Outcome(); !o.Quit || o.Saved || o.Interrupted || !o.QuitUnsaved {
		t.Errorf("outcome = %+v", o)
	}
}

// TestProgramRotate drives the rotate flow through the real program loop:
// Init's check of the old key, the paste, the checks, the write, and a wait
// whose polls arrive while the count-down and spinner tick.
func TestProgramRotate(t *testing.T) {
	f := newRotFakes()
	f.polls = []rotate.Poll{{Attempt: 1, Remaining: 119 * time.Second, State: rotate.KeyValid}, {Attempt: 2, Remaining: 118 * time.Second, State: rotate.KeyRevoked}}
	tm := teatest.NewTestModel(t, New(f.rotateOptions()), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "It still works")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Create the new secret key")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Waiting for a paste")
	tm.Send(tea.PasteMsg{Content: goodKey + "\n"})
	waitFor(t, tm, "Press enter to check it.")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "choose files")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Nothing is written until you press enter.")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Revoked: the API now rejects")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Your key is rotated")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if o := fm.Outcome(); !o.Rotated || o.Revocation != rotate.RevokedNow || len(o.Files) != 2 {
		t.Errorf("outcome = %+v", o)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.replaced) != 1 || len(f.replaced[0]) != 2 {
		t.Errorf("replaced %v", f.replaced)
	}
}
