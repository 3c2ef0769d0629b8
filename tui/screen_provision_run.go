package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The Create screen: the run, a receipt line per change as it is made,
// then the new key (enter saves it) or what went wrong and what exists.

// enterRun starts the run, unless one already made something: a key is
// never made twice by going back and forth.
func (m Model) enterRun() (Model, tea.Cmd) {
	p := m.prov
	if p.phase == provIdle || p.phase == provFailed && len(p.receipts) == 0 {
		return m.startRun()
	}
	return m, nil
}

func (m Model) updateRun(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Next):
		return m.next() // to Save: the keys enable enter only with a key to save
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Delete):
		return m.deleteAccount()
	}
	return m, nil
}

// runKeys are the Create screen's keys.
func (m Model) runKeys(k *keyMap) {
	p := m.prov
	on(&k.Help)
	switch {
	case p.inFlight() || p.deleting:
		on(&k.Quit)
	case p.phase == provMade:
		on(&k.Next, &k.Quit)
		label(&k.Next, "save the key")
	case p.phase == provFailed:
		on(&k.Quit)
		if !m.key.IsZero() {
			on(&k.Next)
			label(&k.Next, "save the key anyway")
		}
		if p.canDelete() {
			on(&k.Delete)
		}
		if len(p.receipts) == 0 {
			on(&k.Back)
			k.Back.SetHelp("esc", "change the plan")
		}
	}
}

// receiptLines are the run's changes, one per line, as they were made.
func (m Model) receiptLines() []string {
	s := m.styles
	w := m.contentWidth()
	var out []string
	for _, f := range m.prov.found {
		out = append(out, hang(w, s.Faint.Render("•")+" ", "found project "+f)...)
	}
	for _, r := range m.prov.receipts {
		icon := s.Pass.Render(iconPass)
		if r.Action == "deleted" {
			icon = s.Warn.Render(iconWarn)
		}
		out = append(out, hang(w, icon+" ", r.Action+" "+r.Object+" "+s.Bold.Render(r.Name)+" ("+r.ID+")")...)
	}
	return out
}

func (m Model) viewRun() []string {
	s := m.styles
	w := m.contentWidth()
	p := m.prov
	var out []string
	switch p.phase {
	case provRunning, provIdle:
		out = append(out, s.Title.Render("Making your key"), "")
	case provMade:
		out = append(out, s.Pass.Render(iconPass)+" "+s.Title.Render("Your key is made"), "")
	default:
		out = append(out, s.Fail.Render(iconFail)+" "+s.Title.Render("Not finished"), "")
	}
	out = append(out, m.receiptLines()...)
	switch p.phase {
	case provRunning, provIdle:
		out = append(out, hang(w, m.spin.View()+" ", s.Faint.Render("Working… each change is listed as it is made."))...)
		return out
	case provMade:
		out = append(out, "")
		out = append(out, wrap(w, "New key "+s.Bold.Render(m.key.Fingerprint())+" ("+m.key.Kind().Label()+"): the API showed it once, and it is not saved yet.")...)
		out = append(out, m.resultNotes()...)
		out = append(append(out, ""), wrap(w, "Press enter to save it.")...)
		return out
	}
	return append(out, m.failureText()...)
}

// resultNotes are the guard-rails this organization does not offer yet.
func (m Model) resultNotes() []string {
	var out []string
	for _, n := range m.prov.result.Notes {
		out = append(out, hang(m.contentWidth(), m.styles.Warn.Render(iconWarn)+" ", n)...)
	}
	return out
}

// failureText says what went wrong, what exists now and what can be done.
func (m Model) failureText() []string {
	s := m.styles
	w := m.contentWidth()
	p := m.prov
	var out []string
	if len(p.receipts) > 0 || len(p.found) > 0 {
		out = append(out, "")
	}
	if p.result.Err != nil {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", sentence(p.result.Err.Error()))...)
	}
	if len(p.receipts) == 0 {
		out = append(append(out, ""), wrap(w, "Nothing was made. Press esc to change the plan or the admin key.")...)
		return out
	}
	out = append(append(out, ""), wrap(w, s.Bold.Render("What exists now:")+" the receipts above.")...)
	if m.projectCreated() {
		out = append(out, wrap(w, "Projects cannot be deleted, only archived (at "+s.URL.Render(p.opts.ProjectsURL)+"); making a key again with the same project name reuses it.")...)
	}
	switch {
	case p.deleting:
		out = append(out, hang(w, m.spin.View()+" ", "Deleting the service account "+p.result.AccountName+"…")...)
	case p.deleted:
		out = append(out, wrap(w, "The service account "+s.Bold.Render(p.result.AccountName)+" is deleted: its key no longer works.")...)
	case p.result.AccountID != "":
		out = append(out, wrap(w, "The service account "+s.Bold.Render(p.result.AccountName)+" holds the key "+s.Bold.Render(p.result.Key.Fingerprint())+", saved nowhere. Press d to delete it (its key stops working), or enter to save the key anyway.")...)
	}
	if p.deleteErr != "" {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", "Not deleted: "+p.deleteErr)...)
	}
	return out
}

// projectCreated is whether the run created the project (not found it).
func (m Model) projectCreated() bool {
	for _, r := range m.prov.receipts {
		if r.Action == "created" && r.Object == "project" {
			return true
		}
	}
	return false
}

// viewProvisionConfirm asks before quitting while changes are being made,
// or with the new key not saved: what was made stays, so it is listed.
func (m Model) viewProvisionConfirm() []string {
	s := m.styles
	w := m.contentWidth()
	p := m.prov
	var out []string
	if p.inFlight() {
		out = append(out, s.Title.Render("Quit while the key is being made?"), "")
		out = append(out, wrap(w, "Quitting stops the run. What was made so far stays:")...)
	} else {
		out = append(out, s.Title.Render("Quit without saving?"), "")
		out = append(out, wrap(w, "The new key "+s.Bold.Render(m.key.Fingerprint())+" is not saved. The API showed it once: if you quit now it is lost, and what was made stays:")...)
	}
	if lines := m.receiptLines(); len(lines) > 0 {
		out = append(out, lines...)
	} else {
		out = append(out, "  nothing yet")
	}
	if p.inFlight() {
		out = append(out, wrap(w, "A request already sent may still complete: check "+s.URL.Render(p.opts.ProjectsURL)+".")...)
	}
	out = append(append(out, ""), wrap(w, "These receipts are printed again when you quit, with what can be deleted and how.")...)
	out = append(append(out, ""), wrap(w, "Press y (or ctrl+c again) to quit, n to stay.")...)
	return out
}

// provisionCheckNote is the Checks screen's line while the new key is not
// accepted yet.
func (m Model) provisionCheckNote() []string {
	if !m.provisioning() || m.prov.waitNote == "" || m.checkRun.phase != checkRunning {
		return nil
	}
	return hang(m.contentWidth(), m.styles.Warn.Render(iconWarn)+" ", m.prov.waitNote)
}
