package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// The Revoke screen: how to revoke the old key, and a bounded, cancellable
// wait that re-tests it until the API rejects it.

// enterRevoke asks first when an admin key can delete the old key;
// otherwise it guides the dashboard path. Nothing, when the old key is
// rejected already.
func (m Model) enterRevoke() (Model, tea.Cmd) {
	if m.rot.revocation() == rotate.RevokedAlready {
		return m, nil
	}
	if m.offerAdmin() {
		m.rot.admin.phase = adminAsking
		return m, nil
	}
	return m.guideRevoke()
}

// offerAdmin reports whether the Revoke screen offers deleting the old key
// through the Admin API: an admin key is available, that path was not
// taken yet, and no file the user left out still holds the old key (the
// files hold the new key, or the user said it is stored elsewhere).
func (m Model) offerAdmin() bool {
	r := m.rot
	return r.opts.RevokeWithAdmin != nil && r.admin.phase == adminOff && len(r.leftOut()) == 0
}

// adminAnswered stores RevokeWithAdmin's answer: a deletion is confirmed
// with the wait for the API's 401; a refusal leaves the dashboard path.
func (m Model) adminAnswered(res AdminRevoke) (tea.Model, tea.Cmd) {
	r := &m.rot
	if r.admin.phase != adminDeleting {
		return m, nil
	}
	r.admin.phase, r.admin.res = adminAnswered, res
	m.outcome.AdminRevoked, m.outcome.LeakUsage = res.Deleted, res.Usage
	if res.Deleted == "" || m.cur().stage != stageRevoke {
		if m.cur().stage != stageRevoke {
			return m, nil
		}
		return m.guideRevoke()
	}
	return m.startWait()
}

// guideRevoke opens the keys page (when allowed) and starts the wait.
func (m Model) guideRevoke() (Model, tea.Cmd) {
	var cmds []tea.Cmd
	u := m.rot.opts.KeysURL
	if m.opts.AutoOpen && u != "" && !m.opened[u] {
		m.opened[u] = true
		m.browser[u] = "opening in your browser…"
		cmds = append(cmds, openURL(m.opts.OpenURL, u))
	}
	m, wait := m.startWait()
	return m, tea.Batch(append(cmds, wait)...)
}

// startWait starts a new wait for the revocation, if one may run: its
// polls come through one stream, under the command's context.
func (m Model) startWait() (Model, tea.Cmd) {
	r := &m.rot
	if r.opts.WaitRevoked == nil {
		return m, nil
	}
	ctx := r.wait.start(m.ctx(), r.opts.Wait, time.Now())
	wait := r.opts.WaitRevoked
	var cmd tea.Cmd
	r.wait.stream, cmd = startStream(ctx, r.wait.id, 4, func(ctx context.Context, send func(waitEvent)) {
		final := wait(ctx, func(p rotate.Poll) { send(waitEvent{poll: p}) })
		send(waitEvent{done: true, final: final})
	})
	cmds := []tea.Cmd{cmd, m.spinCmd()}
	if m.animate {
		cmds = append(cmds, countdown(r.wait.id))
	}
	return m, tea.Batch(cmds...)
}

func (m Model) updateRevoke(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	r := &m.rot
	u := r.opts.KeysURL
	switch r.admin.phase {
	case adminAsking:
		switch {
		case key.Matches(msg, k.Yes):
			r.admin.phase = adminDeleting
			return m, revokeAdmin(m.ctx(), r.opts.RevokeWithAdmin)
		case key.Matches(msg, k.No):
			r.admin.phase = adminDeclined
			return m.guideRevoke()
		}
		return m, nil
	case adminDeleting:
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Back): // only while waiting: stop
		r.wait.stopByUser()
		return m, nil
	case key.Matches(msg, k.Rerun):
		return m.startWait()
	case key.Matches(msg, k.Next):
		m.outcome.Revocation = r.revocation()
		return m.next()
	case key.Matches(msg, k.Open):
		m.browser[u] = "opening in your browser…"
		return m, openURL(m.opts.OpenURL, u)
	case key.Matches(msg, k.Copy):
		m.notice = "Link copied to the clipboard (if your terminal allows it)."
		return m, tea.SetClipboard(u)
	}
	return m, nil
}

func (m Model) viewRevoke() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	o := r.opts
	fp := o.Old.Fingerprint()
	out := []string{s.Title.Render("Revoke the old key " + fp), ""}
	// What the wait says comes first, so it stays in view on small windows.
	already := r.revocation() == rotate.RevokedAlready
	if !already && (r.admin.phase == adminAsking || r.admin.phase == adminDeleting) {
		return append(out, m.adminAskLines()...)
	}
	if r.admin.deleted() {
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "Deleted through the Admin API: "+r.admin.res.Deleted+".")...)
		if u := r.admin.res.Usage; u != "" {
			out = append(out, hang(w, s.Faint.Render(iconSkip)+" ", u)...)
		}
	}
	if already {
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "Nothing to revoke: the API already rejects the old key. If you did not revoke it yourself, look for an \"API Key Disabled\" email from OpenAI and check your other keys.")...)
	} else if wl := m.waitLines(); len(wl) > 0 {
		out = append(out, wl...)
	}
	out = append(out, "")
	out = append(out, m.writtenLines()...)
	if o.AdminNote != "" && o.RevokeWithAdmin == nil {
		out = append(out, hang(w, s.Faint.Render(iconSkip)+" ", "The admin key is not used: "+sentence(o.AdminNote))...)
	}
	if r.admin.phase == adminAnswered && r.admin.res.Err != "" {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Not deleted through the Admin API: "+sentence(r.admin.res.Err))...)
	}
	if already || r.admin.deleted() {
		return out
	}
	if len(o.Unseen) > 0 {
		out = append(out, "")
		out = append(out, wrap(w, "Before you revoke it, put the new key where rotate cannot look:")...)
		for _, u := range o.Unseen {
			out = append(out, hang(w, "  [ ] ", u)...)
		}
	}
	out = append(out, "")
	for _, p := range o.RevokeSteps {
		out = append(out, wrap(w, p)...)
	}
	out = append(out, "")
	return append(out, m.linkLines(o.KeysURL)...)
}

// adminAskLines ask before deleting the old key through the Admin API;
// the question comes first, so it stays in view on small windows, then the
// checklist of places the new key must be first.
func (m Model) adminAskLines() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	o := r.opts
	var out []string
	if r.admin.phase == adminDeleting {
		out = append(out, hang(w, s.Faint.Render("…")+" ", "Deleting "+o.Old.Fingerprint()+" through the Admin API…")...)
	} else {
		admin := "an admin key"
		if o.AdminKey != "" {
			admin = "the admin key " + o.AdminKey
		}
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "Delete the old key "+o.Old.Fingerprint()+" now, with "+admin+"? Its project key is deleted; a service account only when the old key is its only key. Then this screen waits for the API to reject it.")...)
		out = append(out, wrap(w, s.Faint.Render("y: delete it now · n: revoke it on the dashboard instead"))...)
	}
	out = append(out, "")
	out = append(out, m.writtenLines()...)
	if len(o.Unseen) > 0 {
		out = append(out, "")
		out = append(out, wrap(w, "Before the old key goes, put the new key where rotate cannot look:")...)
		for _, u := range o.Unseen {
			out = append(out, hang(w, "  [ ] ", u)...)
		}
	}
	return out
}

// writtenLines say which files hold the new key, which still hold the old
// one, and that shells exporting the old key break with it.
func (m Model) writtenLines() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	var out []string
	switch {
	case len(r.writtenTo) > 0:
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", fmt.Sprintf("%s now %s the new key %s.", strings.Join(r.writtenTo, ", "), plural(len(r.writtenTo), "holds", "hold"), m.key.Fingerprint()))...)
	default:
		out = append(out, hang(w, s.Faint.Render(iconSkip)+" ", "No file was changed.")...)
	}
	if left := r.leftOut(); len(left) > 0 {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", strings.Join(left, ", ")+" still "+plural(len(left), "holds", "hold")+" the old key: whatever reads "+plural(len(left), "it", "them")+" stops working once you revoke it.")...)
	}
	out = append(out, m.rotRegionalDoneLines(s.Pass.Render(iconPass)+" ")...)
	for _, u := range r.opts.Unread {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", u)...)
	}
	if len(m.todo()) > 0 {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "Apps started from a shell that exports the old key stop working too, until you make the changes listed at the end.")...)
	}
	return out
}

// waitLines show the wait: its count-down, or how it ended.
func (m Model) waitLines() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	fp := r.opts.Old.Fingerprint()
	switch {
	case r.revocation() == rotate.RevokedNow:
		return hang(w, s.Pass.Render(iconPass)+" ", "Revoked: the API now rejects "+fp+" (invalid_api_key). Press enter to finish.")
	case r.wait.waiting():
		state := "first check…"
		if r.wait.polled {
			state = fmt.Sprintf("check %d: %s", r.wait.last.Attempt, stateWords(r.wait.last.State))
		}
		return append(hang(w, m.spin.View()+" ", "Waiting for the API to reject it: "+clock(r.wait.left)+" left · "+state),
			wrap(w, s.Faint.Render("esc stops waiting; the new key is in place either way."))...)
	case r.wait.ended() && r.wait.final == rotate.KeyValid:
		return hang(w, s.Warn.Render(iconWarn)+" ", "It still works after "+clock(r.opts.Wait)+": until you revoke it, anyone holding it can use it. Revoke it, then press r to check again.")
	case r.wait.ended():
		return hang(w, s.Warn.Render(iconWarn)+" ", "No clear answer from the API (network trouble?): press r to check again, or make sure it is gone on the page above.")
	case r.wait.stopped():
		return hang(w, s.Faint.Render(iconSkip)+" ", "Stopped waiting. Press r to check again, or enter to finish.")
	case r.opts.WaitRevoked == nil && r.opts.NoWaitNote != "":
		return hang(w, s.Faint.Render(iconSkip)+" ", "Not checking the revocation: "+r.opts.NoWaitNote+".")
	}
	return nil
}

func stateWords(st rotate.KeyState) string {
	switch st {
	case rotate.KeyValid:
		return "still works"
	case rotate.KeyRevoked:
		return "rejected"
	}
	return "no clear answer"
}

// clock shows a duration as m:ss.
func clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// revokeKeys are the Revoke screen's keys: esc stops a wait, r starts one.
func (m Model) revokeKeys(k *keyMap) {
	r := m.rot
	on(&k.Quit, &k.Help)
	switch r.admin.phase {
	case adminAsking:
		on(&k.Yes, &k.No)
		k.Yes.SetKeys("y")
		k.Yes.SetHelp("y", "delete it now")
		k.No.SetHelp("n", "use the dashboard")
		return
	case adminDeleting:
		return
	}
	if r.revocation() != rotate.RevokedAlready && !r.admin.deleted() {
		on(&k.Open, &k.Copy)
	}
	if r.wait.waiting() {
		on(&k.Back)
		label(&k.Back, "stop waiting")
		return
	}
	on(&k.Next)
	label(&k.Next, "finish")
	if r.opts.WaitRevoked != nil && !r.revoked() {
		on(&k.Rerun)
		label(&k.Rerun, "check again")
	}
}
