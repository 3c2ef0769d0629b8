package tui

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestGoldenRotateRegional renders the rotate wizard's regional fix (the
// offer, the checks at the regional host, Replace with the line, a failed
// line write) and a file rotate could not read, on Intro. Screens that
// scroll are shown at their end, where the offer is. Regenerate with:
// go test ./tui -run TestGoldenRotateRegional -update
func TestGoldenRotateRegional(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		end := func(m Model) Model {
			m.scroll = m.maxScroll()
			return m
		}
		f := newRotRegional()
		f.baseErrs = []error{errors.New("OPENAI_BASE_URL=" + usBase + " was not written to ./.env: permission denied")}
		m := toRegionalChecks(t, f)
		m, _ = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		shots := []shot{{"checks_offer", end(m)}}
		blocked := newRotRegional()
		blocked.blocker = "--base-url was given, so the line alone would not be used here: pass --base-url " + usBase + " instead"
		b := toRegionalChecks(t, blocked)
		b, _ = update(t, b, tea.WindowSizeMsg{Width: w, Height: h})
		shots = append(shots, shot{"checks_blocked", end(b)})
		m, _ = keys(t, m, "w")
		shots = append(shots, shot{"checks_rechecked", m})
		m, _ = keys(t, m, "enter")
		shots = append(shots, shot{"replace", end(m)})
		m, _ = keys(t, m, "enter")
		shots = append(shots, shot{"replace_line_failed", m})

		u := newRotFakes()
		opts := u.rotateOptions()
		opts.Rotate.Unread = []string{"Could not read ./.env.local (stopped at the 1 MiB cap): check it by hand, it may still hold the old key sk-proj-…Zz99."}
		intro := newTest(t, opts)
		intro, _ = update(t, intro, tea.WindowSizeMsg{Width: w, Height: h})
		intro, _ = drain(t, intro, intro.Init())
		return append(shots, shot{"intro_unread", intro})
	}
	requireGoldens(t, build)
}
