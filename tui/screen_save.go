package tui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// requestPlan asks what saving to the current path would change; an answer
// for an older path is dropped by its id.
func (m Model) requestPlan() (Model, tea.Cmd) {
	id := m.save.replan()
	return m, planSave(m.opts.CheckPath, m.opts.PlanSave, id, m.envPath(), m.key)
}

// focusSave focuses the field that has the focus on the Save screen.
func (m *Model) focusSave() tea.Cmd {
	if m.confirming {
		m.path.Blur()
		return m.confirm.Focus()
	}
	m.confirm.Blur()
	return m.path.Focus()
}

// pastePath takes a pasted path, on one line.
func (m Model) pastePath(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	if m.confirming {
		return m, nil // "save" is typed, never pasted
	}
	msg.Content = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(msg.Content, "\r", ""), "\n", ""))
	if keyShaped.MatchString(msg.Content) {
		m.pathErr = sentence(errKeyAsPath.Error())
		return m, nil
	}
	m.pathErr = ""
	var cmd tea.Cmd
	*m.path, cmd = m.path.Update(msg)
	m, plan := m.requestPlan()
	return m, tea.Batch(cmd, plan)
}

// errKeyAsPath is why a key-shaped path was refused.
var errKeyAsPath = errors.New("that looks like an API key, not a path; it was taken out of the field (the key to save is already chosen)")

// defaultPath is the path the Save screen starts with.
func (m Model) defaultPath() string {
	if m.opts.EnvPath != "" {
		return m.opts.EnvPath
	}
	return ".env"
}

// saveWord is what the user types to save a key that failed a check.
const saveWord = "save"

func (m Model) updateSave(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	if m.save.writing() {
		return m, nil
	}
	if m.askAnyway {
		// y saves this once; any other key is no, and writes nothing.
		m.askAnyway = false
		if msg.Text == "y" || msg.Text == "Y" {
			m.save.write()
			return m, m.saveCmd(true)
		}
		return m, nil
	}
	if m, ok := m.updateAgentsToggle(msg, k); ok {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Next) && m.folderMissing():
		// Creating the folder writes no key: the plan comes after it.
		if m.opts.CreateDir == nil {
			return m, nil
		}
		m.pathErr = ""
		return m, createDir(m.opts.CreateDir, m.save.id, m.envPath())
	case key.Matches(msg, k.Next):
		if m.keyRejected() && strings.TrimSpace(strings.ToLower(m.confirm.Value())) != saveWord {
			m.confirmErr = "Type save first: this key failed a check, so it is saved only when you say so."
			m.confirming = true
			return m, m.focusSave()
		}
		if m.save.planErr != nil {
			// The plan (or CheckPath) refused this path: change it first.
			return m, nil
		}
		if m.trackedUnknown() {
			m.askAnyway = true
			return m, nil
		}
		m.save.write()
		return m, m.saveCmd(false)
	case key.Matches(msg, k.Back):
		// Back to the results already shown: entering Checks keeps them.
		return m.back()
	case key.Matches(msg, k.NextFile):
		m.confirming = !m.confirming
		return m, m.focusSave()
	}
	var cmd tea.Cmd
	if m.confirming {
		*m.confirm, cmd = m.confirm.Update(msg)
		m.confirmErr = ""
		return m, cmd
	}
	if m.swallowKey && keyChar(msg.Text) {
		return m, nil // the rest of a refused key
	}
	m.swallowKey = false
	before := m.path.Value()
	if msg.String() == "ctrl+v" {
		m.notice = ctrlVHelp
		return m, nil
	}
	*m.path, cmd = m.path.Update(msg)
	if keyShaped.MatchString(m.path.Value()) {
		// A key typed here would show and name a file: drop it all.
		m.path.SetValue(m.defaultPath())
		m.path.CursorEnd()
		m.pathErr = sentence(errKeyAsPath.Error())
		m.swallowKey = true
		var plan tea.Cmd
		m, plan = m.requestPlan()
		return m, tea.Batch(cmd, plan)
	}
	if m.path.Value() != before {
		m.pathErr = ""
		var plan tea.Cmd
		m, plan = m.requestPlan()
		return m, tea.Batch(cmd, plan)
	}
	return m, cmd
}

// trackedUnknown is whether the plan says git could not tell whether the
// file is tracked, so saving needs the user's yes (and SaveAnyway).
func (m Model) trackedUnknown() bool {
	return m.save.phase != writePlanning && m.save.planErr == nil && m.save.plan.TrackedUnknown != "" && !m.folderMissing()
}

// trackedQuestion is the question asked before saving such a file.
func (m Model) trackedQuestion() string {
	return "git could not say whether " + m.envPath() + " is tracked (" + m.save.plan.TrackedUnknown + "), so a key saved there might be committed. Save anyway? y/N"
}

// folderMissing is whether the shown path's folder does not exist yet.
func (m Model) folderMissing() bool {
	return m.save.phase == writePlanned && m.save.planErr == nil && m.save.plan.Target.DirMissing
}

// updateDirCreated plans the save once the folder exists; a failure to
// create it is shown as the path's problem.
func (m Model) updateDirCreated(msg dirCreatedMsg) (tea.Model, tea.Cmd) {
	if msg.id != m.save.id || m.cur().stage != stageSave {
		return m, nil
	}
	if msg.err != nil {
		m.pathErr = sentence(msg.err.Error())
		return m, nil
	}
	return m.requestPlan()
}

func (m Model) updateSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	if !m.save.written(msg.report, msg.err) {
		return m, nil
	}
	if msg.err != nil {
		// The files may have changed (that can be why it failed): show
		// what saving would do now, so a retry writes what is shown.
		id := m.save.refresh()
		return m, planSave(m.opts.CheckPath, m.opts.PlanSave, id, m.envPath(), m.key)
	}
	m.unsaved = false
	m.outcome.Saved = true
	m.outcome.Fingerprint = m.key.Fingerprint()
	m.outcome.Files = append([]string(nil), msg.report.Files...)
	for _, f := range m.regional.report.Files { // written before, by the regional fix
		if !slices.Contains(m.outcome.Files, f) {
			m.outcome.Files = append(m.outcome.Files, f)
		}
	}
	m.outcome.Failing = m.failingNames()
	m.outcome.Snippets = snippetLines(m.envPath())
	m, cmd := m.jump(stageDone)
	if m.opts.CheckSaved == nil {
		m.outcome.Todo = m.doneTodo()
		return m, cmd
	}
	id := m.recheck.start()
	return m, tea.Batch(cmd, checkSaved(m.ctx(), m.opts.CheckSaved, id, m.envPath(), m.key))
}

// updateSavedCheck stores what apps get after the save.
func (m Model) updateSavedCheck(msg savedCheckMsg) (tea.Model, tea.Cmd) {
	if !m.recheck.answered(msg.id, msg.check) {
		return m, nil
	}
	m.outcome.Shadowed = msg.check.Shadow != nil
	m.outcome.Todo = m.doneTodo()
	return m, nil
}

// failureLines say which checks failed, for Save and Done.
func (m Model) failureLines() []string {
	s := m.styles
	w := m.contentWidth()
	var out []string
	for _, r := range m.failures() {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", s.Bold.Render(checkName(r.ID))+": "+inWords(r.Summary))...)
	}
	return out
}

func (m Model) viewSave() []string {
	s := m.styles
	w := m.contentWidth()
	out := []string{s.Title.Render("Save your key " + m.key.Fingerprint()), ""}
	if len(m.failures()) > 0 {
		out = append(out, m.failureLines()...)
		if m.keyRejected() {
			out = append(out, wrap(w, "This key will not work as it is. To save it anyway, type save below; tab switches to the path.")...)
			out = append(out, m.confirm.View())
			if m.confirmErr != "" {
				out = append(out, hang(w, s.Fail.Render(iconFail)+" ", m.confirmErr)...)
			}
		} else {
			out = append(out, wrap(w, outsideSentence(m.failures()))...)
		}
		out = append(out, "")
	}
	out = append(out, wrap(w, "Where should it go? Edit the path if you like; most tools read .env in the project folder.")...)
	out = append(out, "", m.path.View())
	out = append(out, m.folderLines()...)
	out = append(out, "")
	switch {
	case m.save.planning():
		out = append(out, s.Faint.Render("Working out what will change…"))
	case m.save.planErr != nil:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Cannot save there: "+sentence(m.save.planErr.Error()))...)
	case m.folderMissing() && m.opts.CreateDir != nil:
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "That folder does not exist yet. Press enter to create it (readable only by you), then see what will change; or change the path.")...)
	case m.folderMissing():
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "That folder does not exist: create it first, or change the path.")...)
	default:
		out = append(out, s.Bold.Render("What will change:"))
		for _, l := range m.save.plan.Lines {
			out = append(out, hang(w, "  ", l)...)
		}
		out = append(out, m.agentsPlanLines()...)
		if len(m.save.plan.Lines) == 0 && !m.agentsOn() {
			out = append(out, s.Faint.Render("  nothing: the key is already there"))
		}
		if a := m.agentsLines(); len(a) > 0 {
			out = append(out, "")
			out = append(out, a...)
		}
	}
	out = append(out, "")
	switch {
	case m.pathErr != "":
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", m.pathErr)...)
	case m.save.writing():
		out = append(out, s.Faint.Render("Saving…"))
	case m.askAnyway:
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", m.trackedQuestion())...)
	case m.save.phase == writeFailed:
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Could not save: "+sentence(m.save.err.Error())+" Press enter to try again, or change the path.")...)
	case m.folderMissing():
		// enter creates the folder: the line below would not be true
	case m.trackedUnknown():
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "git could not say whether "+m.envPath()+" is tracked ("+m.save.plan.TrackedUnknown+"). Nothing is written until you press enter and answer y.")...)
	default:
		out = append(out, wrap(w, s.Faint.Render("Nothing is written until you press enter."))...)
	}
	return out
}

// folderLines say where the path points: its absolute folder, and whether
// that is a git repository (a .gitignore protects nothing outside one).
func (m Model) folderLines() []string {
	s := m.styles
	w := m.contentWidth()
	t := m.save.plan.Target
	if m.save.phase != writePlanned && m.save.phase != writeFailed || t.Dir == "" {
		return nil
	}
	out := hang(w, s.Faint.Render("Folder: "), t.Dir)
	if !t.DirMissing && !t.InRepo && m.save.planErr == nil {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", "Not a git repository: nothing keeps the key file out of copies of this folder, so do not share it.")...)
	}
	return out
}
