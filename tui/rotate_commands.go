package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
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

// adminRevokedMsg is RevokeWithAdmin's answer.
type adminRevokedMsg struct{ res AdminRevoke }

func revokeAdmin(ctx context.Context, fn func(context.Context) AdminRevoke) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return adminRevokedMsg{res: AdminRevoke{Err: "revoking through the Admin API is not available"}}
		}
		return adminRevokedMsg{res: fn(ctx)}
	}
}
