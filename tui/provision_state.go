package tui

import (
	"context"
	"errors"
	"slices"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// provPhase is where the admin-key route's run is.
type provPhase int

const (
	provIdle    provPhase = iota // not started (or a failed run that made nothing, to be run again)
	provRunning                  // changes are being made; receipts arrive
	provMade                     // everything was made: the key waits for Save
	provFailed                   // the run ended with an error: receipts say what exists
)

// The plan screen's fields, in order.
const (
	fieldProject = iota
	fieldName
	fieldBudget
	fieldAlert
	fieldExpires
	fieldCount
)

// provisioning is the admin-key route's part of the model (Options.Provision).
// Slices in it are replaced, never changed in place, so an older Model
// value stays intact.
type provisioning struct {
	opts   *ProvisionOptions
	active bool // Welcome's admin-key route was chosen

	admin    apikey.Key // the admin key in use
	in       *provInputs
	adminErr string

	focus    int
	fieldErr string // why a field's text was refused
	swallow  bool   // a key typed into a field was refused: drop its rest

	planID   int
	planning bool
	plan     *ProvisionPlan // the last plan, for planFor; nil when none
	planFor  ProvisionFields
	planErr  string

	phase    provPhase
	runID    int
	cancel   context.CancelFunc
	stream   stream[provEvent]
	found    []string
	receipts []Receipt
	result   ProvisionResult

	deleting  bool
	deleted   bool
	deleteErr string

	checks   stream[provCheck]
	waitNote string // the new key is not accepted yet: the checks wait
}

// provEvent is what a run's stream carries: each event, then its end
// with the result.
type provEvent struct {
	event  ProvisionEvent
	done   bool
	result ProvisionResult
}

// provCheck is what the new key's checks stream carries: a result, or a
// wait for the API to accept the key.
type provCheck struct {
	result   checks.Result
	isResult bool
	wait     string
}

// provisionStops are the admin-key route's screens after Welcome.
var provisionStops = []stop{{stage: stageAdminKey}, {stage: stageProvPlan}, {stage: stageProvRun}, {stage: stageSave}, {stage: stageChecks}, {stage: stageDone}}

// provisionScreens name them for Welcome's list and the rail.
var provisionScreens = map[stage]string{stageAdminKey: "Admin key", stageProvPlan: "Plan", stageProvRun: "Create"}

// provisionScreenList is the route's screens as Welcome lists them.
func provisionScreenList() []string {
	return []string{provisionScreens[stageAdminKey], provisionScreens[stageProvPlan], provisionScreens[stageProvRun], "Save", "Check"}
}

// provInputs are the route's text inputs, behind a pointer: six inputs are
// ~47 KB, and Bubble Tea copies the Model on every message and frame (and
// the compiler keeps a stack map for every copy of it).
type provInputs struct {
	admin  textinput.Model
	fields [fieldCount]textinput.Model
}

// newProvisioning builds the route's inputs from o (nil: no route).
func newProvisioning(o *ProvisionOptions) provisioning {
	p := provisioning{opts: o, in: &provInputs{}}
	p.in.admin = textinput.New()
	p.in.admin.Prompt = "Admin key: "
	p.in.admin.Placeholder = "paste your admin key here (sk-admin-…)"
	p.in.admin.EchoMode = textinput.EchoPassword
	p.in.admin.EchoCharacter = '•'
	p.in.admin.CharLimit = apikey.MaxInput
	p.in.admin.KeyMap.Paste.SetEnabled(false) // pastes come as tea.PasteMsg, size-checked
	if o == nil {
		return p
	}
	values := [fieldCount]string{o.Fields.Project, o.Fields.Name, o.Fields.Budget, o.Fields.AlertEmail, o.Fields.Expires}
	prompts := [fieldCount]string{"Project:      ", "Key name:     ", "Budget:       ", "Alert e-mail: ", "Expires:      "}
	holders := [fieldCount]string{"the folder's name", "", "none (US dollars a month, e.g. 20)", "none (needs a budget)", "never (e.g. 90d)"}
	for i := range p.in.fields {
		in := textinput.New()
		in.Prompt, in.Placeholder, in.CharLimit = prompts[i], holders[i], 256
		in.KeyMap.Paste.SetEnabled(false)
		in.SetValue(values[i])
		p.in.fields[i] = in
	}
	return p
}

// provisioning reports whether the admin-key route is the one walked.
func (m Model) provisioning() bool { return m.prov.active && m.prov.opts != nil }

// inFlight is whether changes are being made right now.
func (p provisioning) inFlight() bool { return p.phase == provRunning }

// values are the fields as typed.
func (p provisioning) values() ProvisionFields {
	v := func(i int) string { return p.in.fields[i].Value() }
	return ProvisionFields{Project: v(fieldProject), Name: v(fieldName), Budget: v(fieldBudget), AlertEmail: v(fieldAlert), Expires: v(fieldExpires)}
}

// planCurrent is whether the plan shown is for the fields as they are.
func (p provisioning) planCurrent() bool {
	return !p.planning && p.plan != nil && p.planErr == "" && p.planFor == p.values()
}

// stopAll cancels the run, if one is going.
func (p *provisioning) stopAll() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// blur takes the focus from every input of the route.
func (p *provisioning) blur() {
	p.in.admin.Blur()
	for i := range p.in.fields {
		p.in.fields[i].Blur()
	}
}

// setWidth sizes the route's inputs to the text width w.
func (p *provisioning) setWidth(w int) {
	p.in.admin.SetWidth(max(1, w-len(p.in.admin.Prompt)-1))
	for i := range p.in.fields {
		p.in.fields[i].SetWidth(max(1, w-len(p.in.fields[i].Prompt)-1))
	}
}

// setStyles styles the route's inputs.
func (p *provisioning) setStyles(s textinput.Styles) {
	p.in.admin.SetStyles(s)
	for i := range p.in.fields {
		p.in.fields[i].SetStyles(s)
	}
}

// updateProvisionInput forwards a message (a cursor blink) to the
// route's focused input.
func (m Model) updateProvisionInput(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.cur().stage {
	case stageAdminKey:
		m.prov.in.admin, cmd = m.prov.in.admin.Update(msg)
	case stageProvPlan:
		m.prov.in.fields[m.prov.focus], cmd = m.prov.in.fields[m.prov.focus].Update(msg)
	}
	return m, cmd
}

// updateProvisionMsg stores the answers of the route's commands.
func (m Model) updateProvisionMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	p := &m.prov
	switch msg := msg.(type) {
	case provPlanMsg:
		if msg.id != p.planID {
			return m, nil
		}
		p.planning = false
		if msg.err != nil {
			p.planErr, p.plan = sentence(msg.err.Error()), nil
			return m, nil
		}
		plan := msg.plan
		p.plan, p.planErr = &plan, ""
	case streamItem[provEvent]:
		return m.provEventArrived(msg)
	case streamEnd[provEvent]:
		if msg.id == p.runID && p.phase == provRunning {
			// The producer ended without a result: it was cancelled.
			p.phase, p.result.Err = provFailed, errors.New("the run stopped before it said how it ended")
			p.stopAll()
		}
	case provDeletedMsg:
		p.deleting = false
		if msg.err != nil {
			p.deleteErr = sentence(msg.err.Error())
			return m, nil
		}
		p.deleteErr, p.deleted = "", true
		p.receipts = append(slices.Clone(p.receipts), msg.receipt)
		// The key stopped working with its service account: nothing to save.
		m.key, m.unsaved = apikey.Key{}, false
	case streamItem[provCheck]:
		if msg.id != m.checkRun.id || m.checkRun.phase != checkRunning {
			return m, nil
		}
		if msg.value.isResult {
			m.checkRun.add(msg.id, msg.value.result)
		} else {
			p.waitNote = msg.value.wait
		}
		return m, p.checks.next()
	case streamEnd[provCheck]:
		if msg.id == m.checkRun.id {
			p.waitNote = ""
		}
		m.checkRun.end(msg.id)
	}
	return m, nil
}

// provEventArrived stores one event of the run: a receipt or a found
// project as it happens, then the result.
func (m Model) provEventArrived(msg streamItem[provEvent]) (tea.Model, tea.Cmd) {
	p := &m.prov
	if msg.id != p.runID || p.phase != provRunning {
		return m, nil
	}
	e := msg.value
	if !e.done {
		if e.event.Receipt != nil {
			p.receipts = append(slices.Clone(p.receipts), *e.event.Receipt)
		}
		if e.event.Found != "" {
			p.found = append(slices.Clone(p.found), e.event.Found)
		}
		return m, p.stream.next()
	}
	p.stopAll()
	p.result = e.result
	p.phase = provMade
	if e.result.Err != nil {
		p.phase = provFailed
	}
	if !e.result.Key.IsZero() {
		// A key exists now and is shown nowhere else: losing it means
		// making another.
		m.key, m.unsaved, m.keepOld = e.result.Key, true, false
		m.checkRun.reset()
	}
	return m, nil
}

// canDelete is whether the failed run left a service account to offer
// deleting.
func (p provisioning) canDelete() bool {
	return p.phase == provFailed && p.result.AccountID != "" && !p.deleted && p.opts.Delete != nil
}

// finishProvision leaves the new key's Checks screen for Done: the
// outcome now counts the checks' failures.
func (m Model) finishProvision() (tea.Model, tea.Cmd) {
	m.outcome.Failing = m.failingNames()
	if !m.recheck.checking {
		m.outcome.Todo = m.doneTodo()
	}
	return m.jump(stageDone)
}

// provisionSaved is Save's answer on the admin-key route: the key is
// saved first (it is shown nowhere else), then checked, then Done.
func (m Model) provisionSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	next, cmd := m.updateSaved(msg)
	m = next.(Model)
	if m.cur().stage != stageDone {
		return m, cmd // not saved: Save says why
	}
	m, checks := m.jump(stageChecks)
	return m, tea.Batch(cmd, checks)
}
