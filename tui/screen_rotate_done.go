package tui

import (
	"strings"

	"github.com/setupkit/openai-setup/rotate"
)

// viewRotateDone sums the rotation up: what holds the new key, whether the
// old one is revoked, and what is left for the user to do.
func (m Model) viewRotateDone() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	oldFP, newFP := r.opts.Old.Fingerprint(), m.key.Fingerprint()
	var out []string
	switch {
	case !m.outcome.Rotated:
		out = append(out, s.Warn.Render(iconWarn)+" "+s.Title.Render("Nothing was replaced"), "")
		out = append(out, wrap(w, "Every file keeps the old key "+s.Bold.Render(oldFP)+"; the new key "+s.Bold.Render(newFP)+" is saved nowhere.")...)
	case r.revoked():
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render("Your key is rotated"), "")
		out = append(out, wrap(w, "New key "+s.Bold.Render(newFP)+" replaces "+s.Bold.Render(oldFP)+".")...)
	default:
		out = append(out, s.Warn.Render(iconWarn)+" "+s.Title.Render("The new key is in place; the old one is not confirmed revoked"), "")
		out = append(out, wrap(w, "New key "+s.Bold.Render(newFP)+" replaces "+s.Bold.Render(oldFP)+".")...)
	}
	for _, f := range r.writtenTo {
		out = append(out, hang(w, "  wrote ", f)...)
	}
	if r.regional.written {
		out = append(out, hang(w, "  set ", r.regional.line()+" in "+strings.Join(r.writtenTo, ", "))...)
	}
	if r.admin.deleted() {
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "Deleted through the Admin API: "+r.admin.res.Deleted+".")...)
	}
	switch rev := r.revocation(); {
	case rev == rotate.RevokedNow:
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "The API rejects the old key: it is revoked.")...)
	case rev == rotate.RevokedAlready:
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "The API already rejected the old key before the rotation.")...)
	case r.admin.deleted():
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "The API did not confirm yet that it rejects "+oldFP+": check it is gone at "+r.opts.KeysURL+".")...)
	default:
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "Revoke "+oldFP+" at "+r.opts.KeysURL+" if you have not: until then it still works for anyone who has it.")...)
	}
	var todo []string
	if left := r.leftOut(); len(left) > 0 {
		todo = append(todo, strings.Join(left, ", ")+": "+plural(len(left), "holds", "hold")+" the old key still; run openai-setup rotate --old "+oldFP+" to replace it there.")
	}
	if r.regional.active(m.key) && !r.regional.written {
		todo = append(todo, m.rotRegionalTodo())
	}
	todo = append(todo, m.todo()...)
	todo = append(todo, r.opts.Unread...)
	if len(todo) > 0 {
		out = append(out, "", s.Bold.Render("Still to do:"))
		for _, t := range todo {
			out = append(out, hang(w, "  • ", t)...)
		}
	}
	if u := r.admin.res.Usage; r.admin.phase == adminAnswered && u != "" {
		out = append(out, "", s.Bold.Render("What the old key used:"))
		out = append(out, hang(w, "  ", u)...)
	}
	if h := r.old.History; len(h) > 0 {
		out = append(out, "", s.Bold.Render("Git history:"))
		for _, p := range h {
			out = append(out, hang(w, "  ", p)...)
		}
	}
	out = append(out, "")
	out = append(out, wrap(w, "Check everything: "+s.Bold.Render("openai-setup doctor"))...)
	return out
}
