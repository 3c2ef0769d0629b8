package tui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
)

// Commands capture values (functions, ids, the key), never the model, so a
// command running in its goroutine cannot race with Update.

// openURL opens url with the injected opener.
func openURL(open func(string) error, url string) tea.Cmd {
	return func() tea.Msg {
		if open == nil {
			return urlOpenedMsg{url: url, err: errors.New("no browser opener")}
		}
		return urlOpenedMsg{url: url, err: open(url)}
	}
}

// minSpinTimer says when run's spinners have been up long enough.
func minSpinTimer(d time.Duration, run int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return minSpinMsg{run: run} })
}

// planSave asks what saving to path would change, after check (the save
// target check, when the command gives one) has no objection. A missing
// folder is not planned: the screen offers to create it first.
func planSave(check func(string) (SaveTarget, error), fn func(string, apikey.Key) (SavePlan, error), id int, path string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		var target SaveTarget
		if check != nil {
			t, err := check(path)
			if err != nil || t.DirMissing {
				return planMsg{id: id, path: path, plan: SavePlan{Target: t}, err: err}
			}
			target = t
		}
		if fn == nil {
			return planMsg{id: id, path: path, plan: SavePlan{Target: target}}
		}
		plan, err := fn(path, key)
		plan.Target = target
		return planMsg{id: id, path: path, plan: plan, err: err}
	}
}

// createDir makes path's missing folder, for the plan request id.
func createDir(fn func(string) error, id int, path string) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return dirCreatedMsg{id: id, err: errors.New("creating folders is not available: create it yourself")}
		}
		return dirCreatedMsg{id: id, err: fn(path)}
	}
}

// saveKey writes the key.
func saveKey(fn func(string, apikey.Key) (SaveReport, error), path string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return savedMsg{err: errors.New("saving is not available")}
		}
		rep, err := fn(path, key)
		return savedMsg{report: rep, err: err}
	}
}

// checkSaved asks what apps get now that key is saved at path.
func checkSaved(ctx context.Context, fn func(context.Context, string, apikey.Key) SavedCheck, id int, path string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		if fn == nil {
			return savedCheckMsg{id: id}
		}
		return savedCheckMsg{id: id, check: fn(ctx, path, key)}
	}
}
