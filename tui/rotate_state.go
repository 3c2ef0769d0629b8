package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// rotation is the rotate flow's part of the model. Slices in it are
// replaced, never changed in place, so an older Model value stays intact.
type rotation struct {
	opts *RotateOptions

	// The old key's check, started by Init, cancelled on quit.
	oldCtx    context.Context
	oldCancel context.CancelFunc
	old       OldKeyCheck
	oldDone   bool

	// The Replace screen: which files are ticked, the file tab moves to,
	// and the write of the ticked files (its plan and report are the
	// per-file changes, planned or made).
	ticked    []bool
	cursor    int
	replace   fileWrite[[]FileChange, []FileChange]
	writtenTo []string // display names of the files now holding the new key
	// askStored asks whether the new key is stored elsewhere, before going
	// on to revoke with no file holding it; storedElsewhere is a yes.
	askStored       bool
	storedElsewhere bool

	wait revocationWait

	// admin is revoking through the Admin API (RotateOptions.RevokeWithAdmin).
	admin adminStep

	// regional is the regional fix: the checks at the host the API named,
	// then the OPENAI_BASE_URL line written after the key.
	regional rotRegional
}

// adminPhase is where revoking through the Admin API is.
type adminPhase int

const (
	adminOff      adminPhase = iota // not offered (no admin key, or not safe)
	adminAsking                     // the Revoke screen asks first
	adminDeleting                   // RevokeWithAdmin runs
	adminAnswered                   // res holds its answer
	adminDeclined                   // the user chose the dashboard
)

// adminStep is the Revoke screen's offer to delete the old key through the
// Admin API.
type adminStep struct {
	phase adminPhase
	res   AdminRevoke
}

// deleted reports whether the Admin API deleted the old key.
func (a adminStep) deleted() bool { return a.phase == adminAnswered && a.res.Deleted != "" }

// newRotation starts the rotation's state; the old key's check runs under
// ctx, the command's context.
func newRotation(ctx context.Context, o *RotateOptions) rotation {
	r := rotation{opts: o}
	r.oldCtx, r.oldCancel = context.WithCancel(ctx)
	for _, f := range o.Files {
		r.ticked = append(r.ticked, f.Ticked)
	}
	return r
}

// rotating reports whether the model runs the rotate flow.
func (m Model) rotating() bool { return m.rot.opts != nil }

// revocation is what is known about the old key's revocation.
func (r rotation) revocation() rotate.Revocation {
	before, seen := rotate.KeyUnknown, rotate.KeyUnknown
	if r.oldDone {
		before = r.old.State
	}
	switch {
	case r.wait.ended():
		seen = r.wait.final
	case r.wait.polled:
		seen = r.wait.last.State
	}
	return rotate.Judge(before, seen, r.wait.ended())
}

// revoked is whether the old key is known to be rejected.
func (r rotation) revoked() bool {
	return r.revocation().Revoked()
}

// tickedPaths are the paths of the ticked files, in order.
func (r rotation) tickedPaths() []string {
	var out []string
	for i, f := range r.opts.Files {
		if r.ticked[i] {
			out = append(out, f.Path)
		}
	}
	return out
}

// leftOut are the display names of files still holding the old key: the
// unticked ones (a write that fails for any file keeps the user on Replace).
func (r rotation) leftOut() []string {
	var out []string
	for i, f := range r.opts.Files {
		if !r.ticked[i] {
			out = append(out, f.Display)
		}
	}
	return out
}

// checkedUnsaved is whether the new key passed its checks and is written
// nowhere yet: losing it means creating another one.
func (m Model) checkedUnsaved() bool {
	return m.unsaved && !m.key.IsZero() && m.checkRun.phase != checkRunning && len(m.checkRun.results) > 0 && !m.anyFailed()
}

// interruptRotate is ctrl+c in the rotate flow: with a checked new key not
// yet written it asks first (as q does), and a second ctrl+c quits without
// saving (exit 3); otherwise it interrupts at once (exit 130).
func (m Model) interruptRotate() (tea.Model, tea.Cmd) {
	switch {
	case m.confirmQuit:
		return m.quit()
	case m.checkedUnsaved():
		m.confirmQuit = true
		return m, nil
	}
	m.stopChecks()
	m.rot.stopAll()
	m.outcome.Interrupted = true
	return m, tea.Interrupt
}

// stopAll cancels everything the rotation has running.
func (r *rotation) stopAll() {
	if r.oldCancel != nil {
		r.oldCancel()
	}
	r.wait.stop()
}

// updateRotateMsg stores the answers of the rotate commands.
func (m Model) updateRotateMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	r := &m.rot
	switch msg := msg.(type) {
	case oldCheckedMsg:
		r.old, r.oldDone = msg.check, true
		if r.old.State == rotate.KeyRevoked && m.cur().stage == stageRevoke {
			r.wait.stop() // nothing left to wait for
		}
		if r.old.State == rotate.KeyRevoked && r.admin.phase == adminAsking {
			r.admin.phase = adminOff // nothing left to delete
		}
	case replacePlanMsg:
		r.replace.planned(msg.id, msg.files, msg.err)
	case replacedMsg:
		return m.updateReplaced(msg)
	case streamItem[waitEvent]:
		if r.wait.event(msg.id, msg.value) && r.wait.waiting() {
			return m, r.wait.stream.next()
		}
	case streamEnd[waitEvent]:
		// The producer sends its end as an event; nothing more to read.
	case adminRevokedMsg:
		return m.adminAnswered(msg.res)
	case countdownMsg:
		if !r.wait.tick(msg.id, msg.at) || !m.animate {
			return m, nil
		}
		return m, countdown(r.wait.id)
	}
	return m, nil
}
