package tui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/checks"
)

// Messages and commands of the admin-key route. As elsewhere, each answer
// carries the id of its request, so one the user has left is dropped; the
// run and the new key's checks report through a stream.

// provPlanMsg is Plan's answer to request id.
type provPlanMsg struct {
	id   int
	plan ProvisionPlan
	err  error
}

// provDeletedMsg is Delete's answer.
type provDeletedMsg struct {
	receipt Receipt
	err     error
}

// planRequest asks Plan about the fields as they are now.
func (m Model) planRequest() (Model, tea.Cmd) {
	p := &m.prov
	p.planID++
	p.planning, p.planErr, p.planFor = true, "", p.values()
	id, f, admin, fn, ctx := p.planID, p.planFor, p.admin, p.opts.Plan, m.ctx()
	return m, func() tea.Msg {
		if fn == nil {
			return provPlanMsg{id: id, err: errors.New("planning is not available")}
		}
		plan, err := fn(ctx, admin, f)
		return provPlanMsg{id: id, plan: plan, err: err}
	}
}

// startRun makes the changes, streaming each receipt into the model.
func (m Model) startRun() (Model, tea.Cmd) {
	p := &m.prov
	p.stopAll()
	p.runID++
	p.phase, p.found, p.receipts, p.result = provRunning, nil, nil, ProvisionResult{}
	p.deleting, p.deleted, p.deleteErr = false, false, ""
	ctx, cancel := context.WithCancel(m.ctx())
	p.cancel = cancel
	run, admin, f := p.opts.Run, p.admin, p.values()
	var cmd tea.Cmd
	p.stream, cmd = startStream(ctx, p.runID, 16, func(ctx context.Context, send func(provEvent)) {
		res := ProvisionResult{Err: errors.New("making keys is not available")}
		if run != nil {
			res = run(ctx, admin, f, func(e ProvisionEvent) { send(provEvent{event: e}) })
		}
		send(provEvent{done: true, result: res})
	})
	return m, tea.Batch(cmd, m.spinCmd())
}

// startProvisionChecks is startChecks for the new key: the same run, fed
// by ProvisionOptions.RunChecks, whose waits for the API to accept the
// key are shown on the Checks screen.
func (m Model) startProvisionChecks(free bool) (Model, tea.Cmd) {
	ctx := m.checkRun.start(m.ctx(), free, m.minSpin <= 0)
	m.prov.waitNote = ""
	run, key := m.prov.opts.RunChecks, m.key
	var cmd tea.Cmd
	m.prov.checks, cmd = startStream(ctx, m.checkRun.id, len(m.opts.Checks)+16, func(ctx context.Context, send func(provCheck)) {
		if run == nil {
			return
		}
		run(ctx, key, free,
			func(r checks.Result) { send(provCheck{result: r, isResult: true}) },
			func(w string) { send(provCheck{wait: w}) })
	})
	cmds := []tea.Cmd{cmd}
	if !m.checkRun.minShown {
		cmds = append(cmds, minSpinTimer(m.minSpin, m.checkRun.id))
	}
	cmds = append(cmds, m.spinCmd())
	return m, tea.Batch(cmds...)
}

// deleteAccount deletes the service account the failed run made.
func (m Model) deleteAccount() (Model, tea.Cmd) {
	p := &m.prov
	p.deleting, p.deleteErr = true, ""
	fn, ctx, admin, project, account := p.opts.Delete, m.ctx(), p.admin, p.result.ProjectID, p.result.AccountID
	return m, tea.Batch(m.spinCmd(), func() tea.Msg {
		if fn == nil {
			return provDeletedMsg{err: errors.New("deleting is not available: delete it on the dashboard")}
		}
		r, err := fn(ctx, admin, project, account)
		return provDeletedMsg{receipt: r, err: err}
	})
}
