package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// TestGoldenRotate renders every rotate screen at 80x24 and 40x15, ANSI
// stripped. Regenerate with: go test ./tui -update
func TestGoldenRotate(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		f := newRotFakes()
		f.old.History = []string{"The old key is in commit abc1234 (config.py).", "Anyone with a clone has it: revoking the key is the fix."}
		f.AutoOpen(false)
		m := newTest(t, f.rotateOptions())
		m, _ = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		shots := []shot{snap("intro_checking", m)}
		m, _ = drain(t, m, m.Init())
		shots = append(shots, snap("intro_works", m))
		rejected := m
		rejected.rot.old = OldKeyCheck{State: rotate.KeyRevoked, Summary: "401 invalid_api_key"}
		shots = append(shots, snap("intro_rejected", rejected))
		unknown := m
		unknown.rot.old = OldKeyCheck{State: rotate.KeyUnknown, Summary: "no answer within 15s"}
		shots = append(shots, snap("intro_unknown", unknown))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("step", m))
		m, _ = keys(t, m, "enter")
		m, _ = update(t, m, tea.PasteMsg{Content: oldKey})
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("paste_same_key", m))
		m, _ = keys(t, m, "ctrl+u")
		m = toReplaceFromPaste(t, m)
		shots = append(shots, snap("replace", m))
		left, _ := keys(t, m, "tab", " ")
		shots = append(shots, snap("replace_left_out", left))
		asked, _ := keys(t, m, " ", "tab", " ", "enter")
		shots = append(shots, snap("replace_ask_stored", asked))
		tracked := m
		tracked.rot.opts = ptr(*m.rot.opts)
		tracked.rot.opts.Files = []RotateFile{m.rot.opts.Files[0], {Path: "/p/.env", Display: "../.env", Lines: "line 3 (OPENAI_API_KEY)", Tracked: true}}
		tracked.rot.ticked = []bool{true, false}
		shots = append(shots, snap("replace_tracked", tracked))
		f.writeErrs = []error{errPartial}
		failed, _ := keys(t, m, "enter")
		shots = append(shots, snap("replace_failed", failed))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("revoke_revoked", m))
		waiting := m
		waiting.rot.wait.phase, waiting.rot.wait.polled = waitRunning, true
		waiting.rot.wait.last, waiting.rot.wait.left = rotate.Poll{Attempt: 3, State: rotate.KeyValid}, 95*time.Second
		shots = append(shots, snap("revoke_waiting", waiting))
		still := m
		still.rot.wait.polled, still.rot.wait.final = false, rotate.KeyValid
		shots = append(shots, snap("revoke_still_valid", still))
		stopped := m
		stopped.rot.wait.polled, stopped.rot.wait.phase = false, waitStopped
		shots = append(shots, snap("revoke_stopped", stopped))
		notConfirmed, _ := keys(t, still, "enter")
		shots = append(shots, snap("done_not_confirmed", notConfirmed))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("done", m))
		return shots
	}
	requireGoldens(t, build)
}

func ptr[T any](v T) *T { return &v }

// TestGoldenRotateAdmin renders the Revoke screen with an admin key: the
// question, the deletion, its refusal, and the Done screen after it.
// Regenerate with: go test ./tui -update
func TestGoldenRotateAdmin(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		f := newRotFakes()
		f.admin = &adminDeleted
		f.AutoOpen(false)
		m := newRotateTest(t, f)
		m, _ = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		m = toReplace(t, m, goodKey)
		m, _ = keys(t, m, "enter")
		shots := []shot{snap("revoke_admin_ask", m)}
		deleting := m
		deleting.rot.admin.phase = adminDeleting
		shots = append(shots, snap("revoke_admin_deleting", deleting))
		refused := m
		f.admin = &adminRefused
		refused, _ = keys(t, refused, "y")
		shots = append(shots, snap("revoke_admin_refused", refused))
		f.admin = &adminDeleted
		m, _ = keys(t, m, "y")
		shots = append(shots, snap("revoke_admin_deleted", m))
		m, _ = keys(t, m, "enter")
		return append(shots, snap("done_admin", m))
	}
	requireGoldens(t, build)
}
