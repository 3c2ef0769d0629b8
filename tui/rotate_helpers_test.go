package tui

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
)

var (
	oldKey = goodKey[:len(goodKey)-4] + "Zz99"
	oldFP  = "sk-proj-…Zz99"
)

// rotFakes are the rotate flow's doubles: a scripted old-key check, plan,
// write and wait, recording what the wizard asked.
type rotFakes struct {
	fakes
	old       OldKeyCheck
	planned   [][]string
	replaced  [][]string
	writeErrs []error
	polls     []rotate.Poll   // sent by WaitRevoked, in order
	final     rotate.KeyState // WaitRevoked's answer after the polls
	blockWait bool            // WaitRevoked then waits for its context to end
	waits     int
	stopped   int // waits whose context was cancelled
	noWait    bool
	autoOpen  *bool
	// noneWritten makes a failing Replace a refusal: no file written.
	noneWritten bool
	// admin, when set, is RevokeWithAdmin's answer; adminCalls counts calls.
	admin      *AdminRevoke
	adminCalls int
}

func newRotFakes() *rotFakes {
	return &rotFakes{
		fakes: fakes{results: passResults()},
		old:   OldKeyCheck{State: rotate.KeyValid, Summary: "the key works"},
		polls: []rotate.Poll{{Attempt: 1, Remaining: 115 * time.Second, State: rotate.KeyValid}, {Attempt: 2, Remaining: 110 * time.Second, State: rotate.KeyRevoked}},
		final: rotate.KeyRevoked,
	}
}

func (f *rotFakes) rotateOptions() Options {
	o := f.options()
	st := steps.All()[3]
	st.Title = "Create the new secret key"
	o.Steps = []steps.Step{st}
	change := func(paths []string, key apikey.Key) []FileChange {
		var out []FileChange
		for _, p := range paths {
			out = append(out, FileChange{Path: p, Lines: []string{"- OPENAI_API_KEY=" + oldFP, "+ OPENAI_API_KEY=" + key.Fingerprint()}})
		}
		return out
	}
	ro := &RotateOptions{
		Old:      apikey.New(oldKey),
		OldLabel: "the key apps here use",
		Files: []RotateFile{
			{Path: "/p/app/.env", Display: "./.env", Lines: "line 2 (OPENAI_API_KEY)", Ticked: true},
			{Path: "/p/.env", Display: "../.env", Lines: "line 3 (OPENAI_API_KEY)", Ticked: true},
		},
		Elsewhere: []string{"~/.zshrc:4  OPENAI_API_KEY (shell start-up file: you edit it)"},
		CheckOld: func(context.Context) OldKeyCheck {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.old
		},
		PlanReplace: func(paths []string, key apikey.Key) ([]FileChange, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.planned = append(f.planned, paths)
			return change(paths, key), nil
		},
		Replace: func(paths []string, key apikey.Key) ([]FileChange, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.writeErrs) > 0 {
				err := f.writeErrs[0]
				f.writeErrs = f.writeErrs[1:]
				res := change(paths, key)
				res[0].Err = "./.env: permission denied (left as it was)"
				res[1].Written = !f.noneWritten
				return res, err
			}
			f.replaced = append(f.replaced, paths)
			res := change(paths, key)
			for i := range res {
				res[i].Written = true
			}
			return res, nil
		},
		Todo: func(k apikey.Key) []string {
			return []string{"~/.zshrc:4: change the line to `export OPENAI_API_KEY=<the new key, " + k.Fingerprint() + ">`"}
		},
		Unseen:      []string{"CI secrets (GitHub Actions, GitLab CI)", "your host's environment variables"},
		RevokeSteps: []string{"Open the API keys page, find the key that reads sk-...Zz99, click its trash-can icon, then \"Revoke key\"."},
		Wait:        2 * time.Minute,
		KeysURL:     steps.APIKeysURL,
	}
	if !f.noWait {
		ro.WaitRevoked = func(ctx context.Context, onPoll func(rotate.Poll)) rotate.KeyState {
			f.mu.Lock()
			f.waits++
			polls, final, block := slices.Clone(f.polls), f.final, f.blockWait
			f.mu.Unlock()
			for _, p := range polls {
				onPoll(p)
			}
			if block {
				<-ctx.Done()
				f.mu.Lock()
				f.stopped++
				f.mu.Unlock()
				return rotate.KeyUnknown
			}
			return final
		}
	} else {
		ro.NoWaitNote = "--wait 0"
	}
	if f.admin != nil {
		ro.AdminKey = "sk-admin-…wxyz"
		ro.RevokeWithAdmin = func(context.Context) AdminRevoke {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.adminCalls++
			return *f.admin
		}
	}
	o.Rotate = ro
	if f.autoOpen != nil {
		o.AutoOpen = *f.autoOpen
	}
	return o
}

// newRotateTest builds the rotate wizard with no timers and runs Init, so
// the old key's check has answered.
func newRotateTest(t *testing.T, f *rotFakes) Model {
	t.Helper()
	m := newTest(t, f.rotateOptions())
	m, _ = drain(t, m, m.Init())
	return m
}

// toReplace walks from the intro to the Replace screen with key.
func toReplace(t *testing.T, m Model, key string) Model {
	t.Helper()
	m, _ = keys(t, m, "enter", "enter")
	m, _ = update(t, m, tea.PasteMsg{Content: key})
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageChecks {
		t.Fatalf("stage = %v, want checks:\n%s", m.cur().stage, screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageReplace {
		t.Fatalf("stage = %v, want replace:\n%s", m.cur().stage, screen(m))
	}
	return m
}

var (
	errPartial = errors.New("1 of 2 file(s) failed: some files were not updated")
	errRefused = errors.New("1 of 2 file(s) refused: nothing was written")
)

// AutoOpen turns automatic page opening on or off.
func (f *rotFakes) AutoOpen(on bool) { f.autoOpen = &on }

// toBlockedWait goes to the Revoke screen with a wait that blocks until
// cancelled, without draining: it returns the wait's command, not yet run.
func toBlockedWait(t *testing.T, f *rotFakes) (Model, tea.Cmd) {
	t.Helper()
	f.blockWait = true
	f.AutoOpen(false)
	m := toReplace(t, newRotateTest(t, f), goodKey)
	next, cmd := m.Update(press("enter"))
	next, waitCmd := next.(Model).Update(cmd())
	return next.(Model), waitCmd
}
