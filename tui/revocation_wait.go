package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// waitPhase is where the wait for the old key's revocation is.
type waitPhase int

const (
	waitIdle    waitPhase = iota // no wait started, or one cancelled by leaving
	waitRunning                  // polls are arriving
	waitStopped                  // the user stopped it (esc)
	waitEnded                    // it ran to its end: final holds the last state
)

// waitEvent is what a wait's stream carries: each poll, then its end with
// the last state seen.
type waitEvent struct {
	poll  rotate.Poll
	done  bool
	final rotate.KeyState
}

// revocationWait is the Revoke screen's bounded wait for the API to reject
// the old key. Its methods are the only writers of its phase.
type revocationWait struct {
	phase    waitPhase
	id       int // the current wait; messages of older ones are dropped
	deadline time.Time
	left     time.Duration
	last     rotate.Poll
	polled   bool // last holds a poll of the current wait
	final    rotate.KeyState
	cancel   context.CancelFunc
	stream   stream[waitEvent]
}

// start begins a new wait of length d under parent, from now, and returns
// its context.
func (w *revocationWait) start(parent context.Context, d time.Duration, now time.Time) context.Context {
	w.cancelRun()
	w.id++
	w.phase, w.polled, w.last, w.final = waitRunning, false, rotate.Poll{}, rotate.KeyUnknown
	w.deadline, w.left = now.Add(d), d
	ctx, cancel := context.WithCancel(parent)
	w.cancel = cancel
	return ctx
}

// event stores one event of wait id; false when the wait is stale or over.
func (w *revocationWait) event(id int, e waitEvent) bool {
	if id != w.id || w.phase != waitRunning {
		return false
	}
	if e.done {
		w.cancelRun()
		w.phase, w.final = waitEnded, e.final
		if e.final == rotate.KeyRevoked {
			w.left = 0
		}
		return true
	}
	w.last, w.polled, w.left = e.poll, true, e.poll.Remaining
	return true
}

// tick sets the count-down of wait id at time at; false when stale.
func (w *revocationWait) tick(id int, at time.Time) bool {
	if id != w.id || w.phase != waitRunning {
		return false
	}
	w.left = max(w.deadline.Sub(at), 0)
	return true
}

// stopByUser stops a running wait because the user asked to.
func (w *revocationWait) stopByUser() {
	w.cancelRun()
	w.phase = waitStopped
}

// stop ends a running wait without an answer (the screen was left, or
// the answer came another way); a stopped or ended wait keeps its phase.
func (w *revocationWait) stop() {
	w.cancelRun()
	if w.phase == waitRunning {
		w.phase = waitIdle
	}
}

func (w *revocationWait) cancelRun() {
	if w.cancel != nil {
		w.cancel()
		w.cancel = nil
	}
}

func (w revocationWait) waiting() bool { return w.phase == waitRunning }
func (w revocationWait) ended() bool   { return w.phase == waitEnded }
func (w revocationWait) stopped() bool { return w.phase == waitStopped }

// countdown ticks once a second while wait id runs.
func countdown(id int) tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return countdownMsg{id: id, at: t} })
}
