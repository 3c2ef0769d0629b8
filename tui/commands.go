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
// target check, when the command gives one) has no objection.
func planSave(check func(string) error, fn func(string, apikey.Key) (SavePlan, error), id int, path string, key apikey.Key) tea.Cmd {
	return func() tea.Msg {
		if check != nil {
			if err := check(path); err != nil {
				return planMsg{id: id, path: path, err: err}
			}
		}
		if fn == nil {
			return planMsg{id: id, path: path}
		}
		plan, err := fn(path, key)
		return planMsg{id: id, path: path, plan: plan, err: err}
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
