package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
)

// TestRotateFlow walks the whole rotate flow: the old key works, the old key
// pasted again is refused, the new key is checked, one file is left out,
// the other is written, the wait sees the revocation, done.
func TestRotateFlow(t *testing.T) {
	f := newRotFakes()
	m := newRotateTest(t, f)
	s := screen(m)
	for _, want := range []string{"openai-setup rotate", "Step 1 of 7", oldFP, "./.env", "../.env", "~/.zshrc:4", "It still works"} {
		if !strings.Contains(s, want) {
			t.Errorf("intro lacks %q:\n%s", want, s)
		}
	}
	m, _ = keys(t, m, "enter")
	if st := screen(m); !strings.Contains(st, "Create the new secret key") {
		t.Fatalf("step screen:\n%s", st)
	}
	m, _ = keys(t, m, "enter")
	m, _ = update(t, m, tea.PasteMsg{Content: oldKey})
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stagePaste || !strings.Contains(screen(m), "That is the key being replaced") {
		t.Fatalf("the old key was accepted as the new one:\n%s", screen(m))
	}
	m, _ = keys(t, m, "ctrl+u")
	m = toReplaceFromPaste(t, m)

	// Both files ticked and planned; leave ../.env out.
	if got := f.planned[len(f.planned)-1]; !slices.Equal(got, []string{"/p/app/.env", "/p/.env"}) {
		t.Errorf("planned %v", got)
	}
	s = screen(m)
	for _, want := range []string{"Replace " + oldFP + " with " + goodFP, "[x] ./.env", "+ OPENAI_API_KEY=" + goodFP, "~/.zshrc:4: change the line"} {
		if !strings.Contains(s, want) {
			t.Errorf("replace screen lacks %q:\n%s", want, s)
		}
	}
	m, _ = keys(t, m, "tab", " ")
	if got := f.planned[len(f.planned)-1]; !slices.Equal(got, []string{"/p/app/.env"}) {
		t.Errorf("after unticking ../.env planned %v", got)
	}
	if s := screen(m); !strings.Contains(s, "[ ] ../.env") || !strings.Contains(s, "left out: keeps the old key") {
		t.Errorf("untick not shown:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if !slices.Equal(f.replaced[0], []string{"/p/app/.env"}) {
		t.Errorf("replaced %v, want only the ticked file", f.replaced)
	}
	if m.cur().stage != stageRevoke {
		t.Fatalf("stage %v, want revoke:\n%s", m.cur().stage, screen(m))
	}
	s = screen(m)
	for _, want := range []string{"Revoke the old key " + oldFP, "./.env now holds the new key", "../.env still holds the old key", "Revoked: the API now rejects " + oldFP, "enter finish"} {
		if !strings.Contains(s, want) {
			t.Errorf("revoke screen lacks %q:\n%s", want, s)
		}
	}
	if !slices.Contains(f.opened, steps.APIKeysURL) {
		t.Errorf("keys page not opened: %v", f.opened)
	}
	m, _ = keys(t, m, "enter")
	s = screen(m)
	for _, want := range []string{"Your key is rotated", "wrote ./.env", "../.env: holds the old key still", "rotate --old", "~/.zshrc:4"} {
		if !strings.Contains(s, want) {
			t.Errorf("done screen lacks %q:\n%s", want, s)
		}
	}
	m, msgs := keys(t, m, "enter")
	if !hasMsg[tea.QuitMsg](msgs) {
		t.Error("enter on done did not quit")
	}
	out := m.Outcome()
	if !out.Rotated || out.Revocation != rotate.RevokedNow || !slices.Equal(out.Files, []string{"./.env"}) || out.Fingerprint != goodFP || out.Quit {
		t.Errorf("outcome %+v", out)
	}
}

// toReplaceFromPaste pastes the good key on the paste screen and goes on
// to the Replace screen.
func toReplaceFromPaste(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = update(t, m, tea.PasteMsg{Content: "  " + goodKey + "\n"})
	m, _ = keys(t, m, "enter", "enter")
	if m.cur().stage != stageReplace {
		t.Fatalf("stage %v, want replace:\n%s", m.cur().stage, screen(m))
	}
	return m
}

func TestRotateRefusesAFailingNewKey(t *testing.T) {
	f := newRotFakes()
	f.results = failResults()
	m := newRotateTest(t, f)
	m, _ = keys(t, m, "enter", "enter")
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	m, _ = keys(t, m, "enter", "enter")
	if m.cur().stage != stageChecks {
		t.Fatalf("went past failing checks to %v", m.cur().stage)
	}
	s := screen(m)
	if !strings.Contains(s, "cannot replace the old one") || strings.Contains(s, "enter ") {
		t.Errorf("failing checks screen:\n%s", s)
	}
	if len(f.planned) != 0 {
		t.Error("planned a replacement with a failing key")
	}
}

func TestRotateAlreadyRevoked(t *testing.T) {
	f := newRotFakes()
	f.old = OldKeyCheck{State: rotate.KeyRevoked, Summary: "401 invalid_api_key", History: []string{"The old key is in commit abc1234 (config.py)."}}
	m := newRotateTest(t, f)
	s := screen(m)
	if !strings.Contains(s, "The API already rejects it") || !strings.Contains(s, "Replacing it is exactly the fix") || !strings.Contains(s, "git history") {
		t.Errorf("intro:\n%s", s)
	}
	m = toReplace(t, m, goodKey)
	m, _ = keys(t, m, "enter")
	if f.waits != 0 {
		t.Errorf("waited %d times for a key already rejected", f.waits)
	}
	if s := screen(m); !strings.Contains(s, "Nothing to revoke") || strings.Contains(s, "o open page") {
		t.Errorf("revoke screen:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if s := m.viewDoneText(); !strings.Contains(s, "already rejected the old key") || !strings.Contains(s, "commit abc1234") {
		t.Errorf("done:\n%s", s)
	}
	if m.Outcome().Revocation != rotate.RevokedAlready {
		t.Errorf("revocation %q", m.Outcome().Revocation)
	}
}

func TestRotateWaitEndsStillValid(t *testing.T) {
	f := newRotFakes()
	f.polls = []rotate.Poll{{Attempt: 1, Remaining: time.Minute, State: rotate.KeyValid}, {Attempt: 2, State: rotate.KeyValid}}
	f.final = rotate.KeyValid
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "It still works after 2:00") || !strings.Contains(s, "r check again") {
		t.Errorf("revoke screen after the wait:\n%s", s)
	}
	f.polls, f.final = []rotate.Poll{{Attempt: 1, State: rotate.KeyRevoked}}, rotate.KeyRevoked
	m, _ = keys(t, m, "r")
	if f.waits != 2 || !strings.Contains(screen(m), "Revoked:") {
		t.Errorf("waits %d, screen:\n%s", f.waits, screen(m))
	}
}

func TestRotateWaitNotPossible(t *testing.T) {
	f := newRotFakes()
	f.noWait = true
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "Not checking the revocation: --wait 0.") || strings.Contains(s, "r check again") {
		t.Errorf("revoke screen:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "not confirmed revoked") || !strings.Contains(s, "Revoke "+oldFP+" at https://platform.openai.com/api-keys") {
		t.Errorf("done:\n%s", s)
	}
	if m.Outcome().Revocation != rotate.NotWaited {
		t.Errorf("revocation %q", m.Outcome().Revocation)
	}
}

// TestRotateStopWaiting stops a running wait with esc: its context is
// cancelled, its late end is dropped, and r starts a new one.
func TestRotateStopWaiting(t *testing.T) {
	f := newRotFakes()
	f.polls = []rotate.Poll{{Attempt: 1, Remaining: 100 * time.Second, State: rotate.KeyValid}}
	m, waitCmd := toBlockedWait(t, f)
	var next tea.Model
	if m.cur().stage != stageRevoke || !m.rot.wait.waiting() {
		t.Fatalf("stage %v waiting %v", m.cur().stage, m.rot.wait.waiting())
	}
	next, _ = m.Update(waitCmd()) // the first poll; the next one would block
	m = next.(Model)
	if s := screen(m); !strings.Contains(s, "1:40 left · check 1: still works") || !strings.Contains(s, "esc stop waiting") {
		t.Errorf("waiting screen:\n%s", s)
	}
	// A count-down tick of this wait updates the clock; one of another is dropped.
	m, _ = update(t, m, countdownMsg{id: m.rot.wait.id, at: m.rot.wait.deadline.Add(-61 * time.Second)})
	m, _ = update(t, m, countdownMsg{id: m.rot.wait.id - 1, at: m.rot.wait.deadline})
	if s := screen(m); !strings.Contains(s, "1:01 left") {
		t.Errorf("count-down:\n%s", s)
	}
	end := make(chan tea.Msg)
	wait := m.rot.wait
	go func() { end <- wait.stream.next()() }()
	m, _ = keys(t, m, "esc")
	if m.rot.wait.waiting() || !strings.Contains(screen(m), "Stopped waiting") {
		t.Fatalf("esc did not stop the wait:\n%s", screen(m))
	}
	msg := <-end // the cancelled wait returns, its end dropped by the stream
	if _, ok := msg.(streamEnd[waitEvent]); !ok {
		t.Fatalf("after stop got %#v", msg)
	}
	m, _ = update(t, m, msg)
	// Had its end come through, the model drops it too.
	m, _ = update(t, m, streamItem[waitEvent]{id: wait.id, value: waitEvent{done: true, final: rotate.KeyRevoked}})
	if m.rot.wait.ended() || m.rot.revocation() != rotate.NotWaited {
		t.Errorf("a stopped wait's end was taken: %+v", m.rot.revocation())
	}
	f.mu.Lock()
	stopped := f.stopped
	f.mu.Unlock()
	if stopped != 1 {
		t.Errorf("stopped = %d, want 1", stopped)
	}
	// A stale poll of the stopped wait changes nothing.
	m, _ = update(t, m, streamItem[waitEvent]{id: m.rot.wait.id, value: waitEvent{poll: rotate.Poll{Attempt: 9, State: rotate.KeyRevoked}}})
	if m.rot.revoked() {
		t.Error("a poll after stopping counted")
	}
	m, _ = keys(t, m, "enter")
	if m.Outcome().Revocation != rotate.NotWaited || !strings.Contains(m.viewDoneText(), "not confirmed revoked") {
		t.Errorf("outcome %+v:\n%s", m.Outcome(), m.viewDoneText())
	}
}

func TestRotateQuitStopsTheWait(t *testing.T) {
	f := newRotFakes()
	f.polls = nil
	m, waitCmd := toBlockedWait(t, f)
	end := make(chan tea.Msg)
	go func() { end <- waitCmd() }()
	next, quit := m.Update(press("q")) // saved already: no question
	m = next.(Model)
	if _, ok := quit().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
	<-end
	if out := m.Outcome(); !out.Rotated || !out.Quit || out.Revocation != rotate.NotWaited {
		t.Errorf("outcome %+v", out)
	}
}

func TestRotateWriteFailureRetries(t *testing.T) {
	f := newRotFakes()
	f.writeErrs = []error{errPartial}
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	s := screen(m)
	if m.cur().stage != stageReplace || !strings.Contains(s, "permission denied") || !strings.Contains(s, "../.env  line 3 (OPENAI_API_KEY) ✓ written") || !strings.Contains(s, "Do not revoke") || !strings.Contains(s, "enter retry") {
		t.Fatalf("after a failed write:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageRevoke || len(f.replaced) != 1 {
		t.Errorf("retry: stage %v, replaced %v", m.cur().stage, f.replaced)
	}
}

func TestRotateStalePlanDropped(t *testing.T) {
	f := newRotFakes()
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = update(t, m, replacePlanMsg{id: m.rot.replace.id - 1, files: []FileChange{{Path: "/p/app/.env", Lines: []string{"STALE"}}}})
	if strings.Contains(screen(m), "STALE") {
		t.Errorf("stale plan shown:\n%s", screen(m))
	}
}

func TestRotateBackFromReplaceKeepsResults(t *testing.T) {
	f := newRotFakes()
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "esc")
	if m.cur().stage != stageChecks || f.runs != 1 || !strings.Contains(screen(m), "Every check passed") {
		t.Errorf("back: stage %v runs %d:\n%s", m.cur().stage, f.runs, screen(m))
	}
}

// TestRotateScreensHoldNoKey looks at every rotate screen for either key
// or any long slice of one.
func TestRotateScreensHoldNoKey(t *testing.T) {
	f := newRotFakes()
	m := newRotateTest(t, f)
	var shots []string
	shoot := func() { shots = append(shots, screen(m), m.viewDoneText()) }
	shoot()
	m, _ = keys(t, m, "enter", "enter")
	m, _ = update(t, m, tea.PasteMsg{Content: oldKey})
	m, _ = keys(t, m, "enter")
	shoot()
	m, _ = keys(t, m, "ctrl+u")
	m = toReplaceFromPaste(t, m)
	shoot()
	m, _ = keys(t, m, "enter")
	shoot()
	m, _ = keys(t, m, "enter")
	shoot()
	for _, s := range shots {
		for _, k := range []string{oldKey, goodKey} {
			for i := 0; i+12 <= len(k); i += 6 {
				if strings.Contains(s, k[i:i+12]) {
					t.Fatalf("a slice of a key (%d..) is on screen:\n%s", i, s)
				}
			}
		}
	}
}

// TestRotateNoFileHoldsTheKey: the key is only in a start-up file, so the
// rotation is the to-dos and the revocation.
func TestRotateNoFileHoldsTheKey(t *testing.T) {
	f := newRotFakes()
	opts := f.rotateOptions()
	opts.Rotate.Files = nil
	m := newTest(t, opts)
	m, _ = drain(t, m, m.Init())
	m = toReplace(t, m, goodKey)
	if s := screen(m); !strings.Contains(s, "No .env file here holds the old key") || !strings.Contains(s, "enter go on") || strings.Contains(s, "space") {
		t.Errorf("replace screen:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if s := screen(m); m.cur().stage != stageReplace || !strings.Contains(s, "Did you store the new key") {
		t.Fatalf("no question before revoking with no file holding the new key:\n%s", s)
	}
	m, _ = keys(t, m, "y")
	if len(f.replaced) != 0 || m.cur().stage != stageRevoke {
		t.Fatalf("replaced %v, stage %v", f.replaced, m.cur().stage)
	}
	m, _ = keys(t, m, "enter")
	if out := m.Outcome(); !out.Rotated || len(out.Files) != 0 || out.Revocation != rotate.RevokedNow {
		t.Errorf("outcome %+v", out)
	}
	if s := m.viewDoneText(); !strings.Contains(s, "~/.zshrc:4: change the line") {
		t.Errorf("done:\n%s", s)
	}
}

// TestRotateEveryFileLeftOut: with every file unticked, the Revoke screen
// is reached only once the user says the new key is stored elsewhere.
func TestRotateEveryFileLeftOut(t *testing.T) {
	f := newRotFakes()
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, " ", "tab", " ")
	if s := screen(m); !strings.Contains(s, "No file ticked") || !strings.Contains(s, "enter go on") {
		t.Errorf("replace screen:\n%s", s)
	}
	for _, tt := range []struct {
		press string
		asked bool
	}{{"enter", true}, {"n", false}, {"enter", true}, {"esc", false}, {"enter", true}} {
		m, _ = keys(t, m, tt.press)
		s := screen(m)
		if m.cur().stage != stageReplace || strings.Contains(s, "Did you store the new key") != tt.asked {
			t.Fatalf("after %s: stage %v, asked %v:\n%s", tt.press, m.cur().stage, !tt.asked, s)
		}
	}
	if s := screen(m); !strings.Contains(s, "y stored elsewhere") {
		t.Errorf("help bar lacks the answer keys:\n%s", s)
	}
	m, _ = keys(t, m, "y")
	if s := screen(m); m.cur().stage != stageRevoke || !strings.Contains(s, "./.env, ../.env still hold the old key") {
		t.Errorf("revoke screen:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if s := m.viewDoneText(); !strings.Contains(s, "Nothing was replaced") || strings.Contains(s, "replaces") {
		t.Errorf("done:\n%s", s)
	}
	if out := m.Outcome(); out.Rotated || len(f.replaced) != 0 {
		t.Errorf("outcome %+v, replaced %v", out, f.replaced)
	}
}

// TestRotateRevokeListsWhatRotateCannotSee: before revoking, the places a
// key also lives that rotate cannot see are a checklist.
func TestRotateRevokeListsWhatRotateCannotSee(t *testing.T) {
	f := newRotFakes()
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	s := screen(m)
	if m.cur().stage != stageRevoke || !strings.Contains(s, "put the new key where rotate cannot look") || !strings.Contains(s, "[ ] CI secrets") {
		t.Errorf("revoke screen:\n%s", s)
	}
}

func TestRotateRefusedWriteSaysNothingWasWritten(t *testing.T) {
	f := newRotFakes()
	f.writeErrs = []error{errRefused}
	f.noneWritten = true
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "Every file still") || strings.Contains(s, "✓ written") {
		t.Errorf("after a refused write:\n%s", s)
	}
}

// TestRotateTrackedFileCommandUsesShellWord: the untrack command names the
// file as the command gave it for shells, not its display name.
func TestRotateTrackedFileCommandUsesShellWord(t *testing.T) {
	f := newRotFakes()
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m.rot.opts = ptr(*m.rot.opts)
	m.rot.opts.Files = []RotateFile{{Path: "/p/my app/.env", Display: "./my app/.env", Word: "'./my app/.env'", Lines: "line 2", Tracked: true}}
	m.rot.ticked = []bool{false}
	if s := screen(m); !strings.Contains(strings.Join(strings.Fields(s), " "), "git rm --cached './my app/.env', then commit") {
		t.Errorf("screen:\n%s", s)
	}
}
