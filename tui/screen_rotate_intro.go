package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// The rotate flow's first screen: which key, where it is, whether it still
// works. Its check runs in the background; the user need not wait for it.

func (m Model) updateRotIntro(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if key.Matches(msg, k.Next) {
		return m.next()
	}
	return m, nil
}

func (m Model) viewRotIntro() []string {
	s := m.styles
	w := m.contentWidth()
	o := m.rot.opts
	out := []string{s.Title.Render("Rotate your OpenAI key"), ""}
	label := ""
	if o.OldLabel != "" {
		label = " (" + o.OldLabel + ")"
	}
	out = append(out, wrap(w, "Key "+s.Bold.Render(o.Old.Fingerprint())+label+" is set in:")...)
	for _, f := range o.Files {
		line := f.Display + "  " + s.Faint.Render(f.Lines)
		if f.Tracked {
			line += s.Warn.Render("  git tracks this file")
		}
		out = append(out, hang(w, "  • ", line)...)
	}
	for _, e := range o.Elsewhere {
		out = append(out, hang(w, "  • ", e)...)
	}
	switch {
	case len(o.Files) == 0 && len(o.Elsewhere) == 0 && len(o.Unread) > 0:
		out = append(out, hang(w, "  ", s.Faint.Render("no file rotate could read"))...)
	case len(o.Files) == 0 && len(o.Elsewhere) == 0:
		out = append(out, hang(w, "  ", s.Faint.Render("no file here (it came from elsewhere)"))...)
	}
	for _, e := range o.Others {
		out = append(out, hang(w, "  ", s.Faint.Render("not touched, a different key: "+e))...)
	}
	for _, u := range o.Unread {
		out = append(out, hang(w, "  "+s.Warn.Render(iconWarn)+" ", u)...)
	}
	out = append(out, "")
	out = append(out, m.oldStateLines()...)
	out = append(out, "")
	out = append(out, wrap(w, "Next: create the new key on the dashboard and paste it here; it is checked, then you choose the files to update (nothing is written before you confirm), and last you revoke the old key while this screen waits for the API to reject it.")...)
	return out
}

// oldStateLines say what the API answered about the old key.
func (m Model) oldStateLines() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	if !r.oldDone {
		return hang(w, m.spin.View()+" ", "Asking the API whether it still works…")
	}
	var out []string
	switch r.old.State {
	case rotate.KeyValid:
		out = hang(w, s.Pass.Render(iconPass)+" ", "It still works, and keeps working until you revoke it at the end: nothing breaks in between.")
	case rotate.KeyRevoked:
		out = hang(w, s.Fail.Render(iconFail)+" ", "The API already rejects it ("+r.old.Summary+"): it was revoked, or OpenAI disabled it after finding it leaked. Replacing it is exactly the fix.")
	default:
		out = hang(w, s.Warn.Render(iconWarn)+" ", "Could not tell whether it still works ("+r.old.Summary+"). Going on: the new key is checked next.")
	}
	if len(r.old.History) > 0 {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "It is in your git history too: revoking it is the fix (more at the end).")...)
	}
	return out
}
