package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestGoldenTruth renders the screens the regional fix, the agent deny
// toggle and the Done screen's push add, at 80x24 and 40x15. Regenerate
// with: go test ./tui -update
func TestGoldenTruth(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		var shots []shot
		size := tea.WindowSizeMsg{Width: w, Height: h}

		var writes [][2]string
		f := &fakes{results: regionalResults()}
		m := toChecks(t, newTest(t, regionalOptions(f, &writes, nil)), goodKey)
		m, _ = update(t, m, size)
		shots = append(shots, snap("checks_regional", m))
		m, _ = keys(t, m, "w")
		shots = append(shots, snap("checks_regional_fixed", m))

		var choices []SaveChoice
		m = toChecks(t, newTest(t, agentsOptions(&fakes{results: passResults()}, claudePlan, &choices)), goodKey)
		m, _ = update(t, m, size)
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("save_agents", m))
		m, _ = keys(t, m, "ctrl+t")
		shots = append(shots, snap("save_agents_ticked", m))

		pf := &pushFake{result: PushResult{Verified: true, Pushed: true,
			Summary: "Pushed OPENAI_API_KEY (" + goodFP + ") to GitHub repository octo/app, and gh secret list shows it with a fresh update time.",
			Detail:  []string{"GitHub does not give secrets to workflows run from forks."}}}
		m = doneWithPush(t, passResults(), pf, "")
		m, _ = update(t, m, size)
		shots = append(shots, snap("done_push_offer", m))
		m, _ = keys(t, m, "p")
		shots = append(shots, snap("done_pushed", m))
		pf.result = PushResult{Summary: "Not pushed: gh (the GitHub CLI) is not installed: not found on PATH",
			Fix: "install gh (https://cli.github.com) or set the secret at https://github.com/octo/app/settings/secrets/actions"}
		m = doneWithPush(t, passResults(), pf, "")
		m, _ = update(t, m, size)
		m, _ = keys(t, m, "p")
		shots = append(shots, snap("done_push_failed", m))
		return shots
	}
	requireGoldens(t, build)
}
