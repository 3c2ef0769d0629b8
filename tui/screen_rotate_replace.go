package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The Replace screen: tick the files to update, see every line that will
// change, write them all at once.

// requestReplacePlan asks what writing the ticked files would change.
func (m Model) requestReplacePlan() (Model, tea.Cmd) {
	r := &m.rot
	id := r.replace.replan()
	paths := r.tickedPaths()
	if len(paths) == 0 {
		r.replace.planned(id, nil, nil) // nothing to plan
		return m, nil
	}
	return m, planReplace(r.opts.PlanReplace, id, paths, m.key)
}

func (m Model) updateReplace(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	r := &m.rot
	if r.replace.writing() || r.regional.writing {
		return m, nil
	}
	if r.regional.err != nil { // the key is in the files, the line is not
		switch {
		case key.Matches(msg, k.Next):
			return m.writeRotBaseURL()
		case key.Matches(msg, k.Skip):
			r.regional.err = nil
			return m.next()
		}
		return m, nil
	}
	if r.askStored {
		switch {
		case key.Matches(msg, k.Yes):
			r.askStored, r.storedElsewhere = false, true
			return m.leaveUnwritten()
		case key.Matches(msg, k.No):
			r.askStored = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Next):
		paths := r.tickedPaths()
		if len(paths) == 0 {
			// No file will hold the new key: revoking the old one is
			// safe only if the user stored the new key elsewhere.
			if !r.storedElsewhere {
				r.askStored = true
				m.scroll = m.maxScroll() // the question is last: keep it in view
				return m, nil
			}
			return m.leaveUnwritten()
		}
		r.replace.write()
		return m, replaceKey(r.opts.Replace, paths, m.key)
	case key.Matches(msg, k.Back):
		// Back to the results already shown: Checks keeps a shown run.
		return m.back()
	case key.Matches(msg, k.NextFile):
		r.cursor = (r.cursor + 1) % len(r.opts.Files)
		return m, nil
	case key.Matches(msg, k.Toggle):
		r.ticked = slices.Clone(r.ticked)
		r.ticked[r.cursor] = !r.ticked[r.cursor]
		return m.requestReplacePlan()
	}
	return m, nil
}

// leaveUnwritten goes on to Revoke with no file written, the user having
// said the new key is stored elsewhere. With no file holding the old key,
// the to-dos are the whole rotation; with files left out, it is not done.
func (m Model) leaveUnwritten() (tea.Model, tea.Cmd) {
	m.unsaved = false
	if len(m.rot.opts.Files) == 0 {
		m.outcome.Rotated = true
		m.outcome.Fingerprint = m.key.Fingerprint()
	}
	return m.next()
}

func (m Model) updateReplaced(msg replacedMsg) (tea.Model, tea.Cmd) {
	r := &m.rot
	if !r.replace.written(msg.files, msg.err) || msg.err != nil {
		return m, nil // a failure shows which file failed, and why
	}
	r.writtenTo = nil
	for _, fc := range msg.files {
		r.writtenTo = append(r.writtenTo, m.displayOf(fc.Path))
	}
	m.unsaved = false
	m.outcome.Rotated = true
	m.outcome.Fingerprint = m.key.Fingerprint()
	m.outcome.Files = slices.Clone(r.writtenTo)
	if r.regional.active(m.key) {
		return m.writeRotBaseURL() // then on to Revoke
	}
	return m.next()
}

// displayOf is a file's name for people.
func (m Model) displayOf(path string) string {
	for _, f := range m.rot.opts.Files {
		if f.Path == path {
			return f.Display
		}
	}
	return path
}

// changes are the per-file changes shown: the failed write's results (or
// the written ones while the regional line is still to write), or the plan.
func (r rotation) changes() []FileChange {
	if r.replace.phase == writeFailed || r.replace.phase == writeDone && r.regional.pending() {
		return r.replace.report
	}
	return r.replace.plan
}

// anyWritten is whether a failed write still updated some files.
func (r rotation) anyWritten() bool {
	for _, fc := range r.changes() {
		if fc.Written {
			return true
		}
	}
	return false
}

// changeOf is the planned or written change of path, if any.
func (r rotation) changeOf(path string) (FileChange, bool) {
	for _, fc := range r.changes() {
		if fc.Path == path {
			return fc, true
		}
	}
	return FileChange{}, false
}

func (m Model) viewReplace() []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	o := r.opts
	out := wrap(w, s.Title.Render("Replace "+o.Old.Fingerprint()+" with "+m.key.Fingerprint()))
	out = append(out, "")
	switch {
	case len(o.Files) == 0 && len(o.Unread) > 0:
		out = append(out, wrap(w, "No .env file rotate could read holds the old key, so there is nothing to write.")...)
	case len(o.Files) == 0:
		out = append(out, wrap(w, "No .env file here holds the old key, so there is nothing to write (rotate looks in .env, .env.local and .env.development from here up to the git root).")...)
	default:
		out = append(out, wrap(w, fmt.Sprintf("%d of %d files ticked. Ticked files get the new key; every other byte in them stays as it is.", len(r.tickedPaths()), len(o.Files)))...)
		out = append(out, "")
	}
	for i, f := range o.Files {
		out = append(out, m.fileLines(i, f)...)
	}
	if len(o.Unread) > 0 {
		out = append(out, "")
		for _, u := range o.Unread {
			out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", u)...)
		}
	}
	if todo := m.todo(); len(todo) > 0 {
		out = append(out, "")
		out = append(out, wrap(w, s.Bold.Render("You change these yourself")+" (a program cannot edit its shell or your start-up files):")...)
		for _, t := range todo {
			out = append(out, hang(w, "  • ", t)...)
		}
	}
	if r.regional.active(m.key) && !r.regional.pending() && len(r.tickedPaths()) > 0 {
		out = append(out, "")
		out = append(out, m.rotRegionalReplaceLines()...)
	}
	out = append(out, "")
	switch {
	case r.regional.pending():
		out = append(out, m.rotRegionalReplaceLines()...)
	case r.askStored:
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "No file here will hold the new key "+m.key.Fingerprint()+", and revoking the old key breaks every app still reading it. Did you store the new key where your apps read it (a start-up file, a secrets manager, your host's settings)?")...)
		out = append(out, wrap(w, s.Faint.Render("y: yes, go on to revoke the old key · n: no, tick a file"))...)
	case r.replace.writing():
		out = append(out, s.Faint.Render("Writing…"))
	case r.replace.phase == writeFailed && r.anyWritten():
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Not done: "+sentence(r.replace.err.Error())+" Files marked written hold the new key. Fix the ✗ (or untick it) and press enter to try again. Do not revoke the old key yet.")...)
	case r.replace.phase == writeFailed:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Not done: "+sentence(r.replace.err.Error())+" Every file still holds the old key. Fix the ✗ (or untick it) and press enter to try again. Do not revoke the old key yet.")...)
	case len(o.Files) > 0 && len(r.tickedPaths()) == 0:
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "No file ticked: enter writes nothing, and every file above keeps the old key.")...)
	default:
		out = append(out, wrap(w, s.Faint.Render("Nothing is written until you press enter."))...)
	}
	return out
}

// fileLines are one file's tick box, name and planned changes.
func (m Model) fileLines(i int, f RotateFile) []string {
	s := m.styles
	w := m.contentWidth()
	r := m.rot
	box := "[ ] "
	if r.ticked[i] {
		box = "[x] "
	}
	cursor := "  "
	if i == r.cursor && len(r.opts.Files) > 1 {
		cursor = s.Brand.Render("> ")
	}
	head := s.Bold.Render(f.Display) + "  " + s.Faint.Render(f.Lines)
	if fc, _ := r.changeOf(f.Path); fc.Written {
		head += " " + s.Pass.Render(iconPass+" written")
	}
	out := hang(w, cursor+box, head)
	ind := strings.Repeat(" ", 6)
	if f.Tracked {
		note := "git tracks this file: the new key would go into your next commit. Better: untrack it first (git rm --cached " + cmp.Or(f.Word, f.Display) + ", then commit), then tick it."
		out = append(out, hang(w, ind+s.Warn.Render(iconWarn)+" ", note)...)
	}
	if !r.ticked[i] {
		return append(out, hang(w, ind, s.Faint.Render("left out: keeps the old key"))...)
	}
	fc, ok := r.changeOf(f.Path)
	switch {
	case r.replace.planning() || !ok && r.replace.planErr == nil:
		out = append(out, hang(w, ind, s.Faint.Render("…"))...)
	case fc.Err != "":
		out = append(out, hang(w, ind+s.Fail.Render(iconFail)+" ", fc.Err)...)
	case !ok:
		out = append(out, hang(w, ind+s.Fail.Render(iconFail)+" ", sentence(r.replace.planErr.Error()))...)
	default:
		for _, l := range fc.Lines {
			switch {
			case strings.HasPrefix(l, "- "):
				l = s.Faint.Render(l)
			case strings.HasPrefix(l, "+ "):
				l = s.Pass.Render(l)
			}
			out = append(out, hang(w, ind, l)...)
		}
		if len(fc.Lines) == 0 {
			out = append(out, hang(w, ind, s.Faint.Render("already holds the new key"))...)
		}
	}
	return out
}

// todo is what the user changes by hand, for the new key.
func (m Model) todo() []string {
	if m.rot.opts.Todo == nil {
		return nil
	}
	return m.rot.opts.Todo(m.key)
}

// replaceKeys are the Replace screen's keys.
func (m Model) replaceKeys(k *keyMap) {
	if m.rot.replace.writing() || m.rot.regional.writing {
		return
	}
	if m.rot.regional.err != nil {
		on(&k.Next, &k.Skip, &k.Quit, &k.Help)
		label(&k.Next, "retry")
		label(&k.Skip, "go on without it")
		return
	}
	if m.rot.askStored {
		on(&k.Yes, &k.No, &k.Quit, &k.Help)
		k.Yes.SetKeys("y")
		k.Yes.SetHelp("y", "stored elsewhere")
		k.No.SetHelp("n", "tick a file")
		return
	}
	on(&k.Next, &k.Back, &k.Quit, &k.Help)
	label(&k.Next, "write")
	switch n := len(m.rot.opts.Files); {
	case n == 0, len(m.rot.tickedPaths()) == 0:
		label(&k.Next, "go on")
	case m.rot.replace.phase == writeFailed:
		label(&k.Next, "retry")
	}
	if n := len(m.rot.opts.Files); n > 0 {
		on(&k.Toggle)
		if n > 1 {
			on(&k.NextFile)
		}
	}
}
