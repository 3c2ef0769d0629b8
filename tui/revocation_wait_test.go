package tui

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/rotate"
)

// TestRevocationWaitPhases: each event moves the phase as documented, and
// events of another wait or after the end are dropped.
func TestRevocationWaitPhases(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		act       func(w *revocationWait, id int)
		phase     waitPhase
		cancelled bool
	}{
		{"a poll keeps it running", func(w *revocationWait, id int) {
			w.event(id, waitEvent{poll: rotate.Poll{Attempt: 1, State: rotate.KeyValid}})
		}, waitRunning, false},
		{"its end ends it", func(w *revocationWait, id int) {
			w.event(id, waitEvent{done: true, final: rotate.KeyRevoked})
		}, waitEnded, true},
		{"another wait's end is dropped", func(w *revocationWait, id int) {
			w.event(id-1, waitEvent{done: true, final: rotate.KeyRevoked})
		}, waitRunning, false},
		{"esc stops it", func(w *revocationWait, _ int) { w.stopByUser() }, waitStopped, true},
		{"leaving cancels it", func(w *revocationWait, _ int) { w.stop() }, waitIdle, true},
		{"an end after esc is dropped", func(w *revocationWait, id int) {
			w.stopByUser()
			w.event(id, waitEvent{done: true, final: rotate.KeyRevoked})
		}, waitStopped, true},
		{"leaving after the end keeps the answer", func(w *revocationWait, id int) {
			w.event(id, waitEvent{done: true, final: rotate.KeyValid})
			w.stop()
		}, waitEnded, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w revocationWait
			w.start(context.Background(), time.Minute, now)
			ctx := w.start(context.Background(), 2*time.Minute, now) // the second wait
			tt.act(&w, w.id)
			if w.phase != tt.phase {
				t.Errorf("phase %v, want %v", w.phase, tt.phase)
			}
			if got := errors.Is(ctx.Err(), context.Canceled); got != tt.cancelled {
				t.Errorf("context cancelled %v, want %v", got, tt.cancelled)
			}
		})
	}
}

// TestRevocationWaitCountdown: a tick of the current wait sets the time
// left from the deadline; a poll sets it from the server's answer; a
// revoked end zeroes it.
func TestRevocationWaitCountdown(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var w revocationWait
	w.start(context.Background(), 2*time.Minute, now)
	if w.tick(w.id+1, now) || !w.tick(w.id, now.Add(30*time.Second)) || w.left != 90*time.Second {
		t.Fatalf("tick: left %v", w.left)
	}
	w.event(w.id, waitEvent{poll: rotate.Poll{Attempt: 2, Remaining: 80 * time.Second, State: rotate.KeyValid}})
	if w.left != 80*time.Second || !w.polled || w.last.Attempt != 2 {
		t.Fatalf("poll: left %v polled %v", w.left, w.polled)
	}
	w.event(w.id, waitEvent{done: true, final: rotate.KeyRevoked})
	if w.left != 0 || w.final != rotate.KeyRevoked || w.tick(w.id, now) {
		t.Fatalf("end: left %v final %v", w.left, w.final)
	}
}

// TestRotateContextsFromOptions: the old key's check and the wait run
// under Options.Context, so ending the command ends them.
func TestRotateContextsFromOptions(t *testing.T) {
	f := newRotFakes()
	f.blockWait, f.polls = true, nil
	opts := f.rotateOptions()
	parent, cancel := context.WithCancel(context.Background())
	opts.Context = parent
	m := New(opts)
	m.animate = false // the wait's command alone, no timers
	m, waitCmd := m.startWait()
	end := make(chan tea.Msg)
	go func() { end <- waitCmd() }()
	cancel()
	<-end // the blocked wait returned: its context ended with the command's
	f.mu.Lock()
	stopped := f.stopped
	f.mu.Unlock()
	if stopped != 1 || m.rot.oldCtx.Err() == nil {
		t.Errorf("waits stopped %d, old check ctx %v after the command's context ended", stopped, m.rot.oldCtx.Err())
	}
}
