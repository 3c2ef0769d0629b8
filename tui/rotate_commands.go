package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/rotate"
)

// Messages and commands of the rotate flow. As with the checks, every answer
// carries the id of its request, so one the user has left is dropped.

// oldCheckedMsg is CheckOld's answer.
type oldCheckedMsg struct{ check OldKeyCheck }

// replacePlanMsg is PlanReplace's answer to request id.
type replacePlanMsg struct {
	id    int
	files []FileChange
	err   error
}

// replacedMsg is Replace's answer.
type replacedMsg struct {
	files []FileChange
	err   error
}

// pollMsg is one poll of wait run id.
type pollMsg struct {
	id   int
	poll rotate.Poll
}

// waitDoneMsg ends wait run id with the last state seen.
type waitDoneMsg struct {
	id    int
	state rotate.KeyState
}

// countdownMsg redraws wait run id's count-down at time at.
type countdownMsg struct {
	id int
	at time.Time
}

func checkOld(ctx context.Context, fn func(context.Context) OldKeyCheck) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return oldCheckedMsg{check: OldKeyCheck{Summary: "not checked"}}
		}
		return oldCheckedMsg{check: fn(ctx)}
	}
}

func planReplace(fn func([]string, apikey.Key) ([]FileChange, error), id int, paths []string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return replacePlanMsg{id: id, err: errors.New("replacing is not available")}
		}
		files, err := fn(paths, key)
		return replacePlanMsg{id: id, files: files, err: err}
	}
}

func replaceKey(fn func([]string, apikey.Key) ([]FileChange, error), paths []string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return replacedMsg{err: errors.New("replacing is not available")}
		}
		files, err := fn(paths, key)
		return replacedMsg{files: files, err: err}
	}
}

// waitRun is one wait for the revocation: polls flow through ch until done
// carries the final state.
type waitRun struct {
	id   int
	ch   chan rotate.Poll
	done chan rotate.KeyState
}

// startWait runs fn in its own goroutine and returns the command that waits
// for its first message.
func startWait(ctx context.Context, fn func(context.Context, func(rotate.Poll)) rotate.KeyState, r waitRun) tea.Cmd {
	return func() tea.Msg {
		go func() {
			state := fn(ctx, func(p rotate.Poll) {
				select {
				case r.ch <- p:
				case <-ctx.Done():
				}
			})
			r.done <- state
		}()
		return nextPoll(r)()
	}
}

// nextPoll waits for run r's next poll, or its end; polls sent before the
// end are delivered first.
func nextPoll(r waitRun) tea.Cmd {
	return func() tea.Msg {
		select {
		case p := <-r.ch:
			return pollMsg{id: r.id, poll: p}
		case state := <-r.done:
			select {
			case p := <-r.ch:
				r.done <- state // put it back for the next call
				return pollMsg{id: r.id, poll: p}
			default:
				return waitDoneMsg{id: r.id, state: state}
			}
		}
	}
}

// countdown ticks once a second while run id waits.
func countdown(id int) tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return countdownMsg{id: id, at: t} })
}
