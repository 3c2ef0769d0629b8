package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestGoldenProvision renders the admin-key route's screens at 80x24 and
// 40x15, ANSI stripped. Regenerate with: go test ./tui -update
func TestGoldenProvision(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		size := func(m Model) Model {
			m, _ = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			return m
		}
		var shots []shot
		f := newProvFakes()
		m := size(newTest(t, f.provOptions()))
		m, _ = keys(t, m, "down", "down", "down")
		shots = append(shots, snap("prov_welcome", m))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("prov_admin_env", m))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("prov_plan", m))
		made, _ := keys(t, m, "enter")
		shots = append(shots, snap("prov_made", made))
		quit, _ := keys(t, made, "q")
		shots = append(shots, snap("prov_quit_unsaved", quit))

		inFlight := size(hear(running(t, newProvFakes()), ProvisionEvent{Receipt: &Receipt{Action: "created", Object: "project", Name: "myapp", ID: "proj_1"}}))
		shots = append(shots, snap("prov_running", inFlight))
		asked, _ := keys(t, inFlight, "ctrl+c")
		shots = append(shots, snap("prov_quit_in_flight", asked))

		failed := newProvFakes()
		failed.failAfterAccount()
		fm := toRun(t, size(newTest(t, failed.provOptions())))
		shots = append(shots, snap("prov_failed_after_account", fm))

		ro := newProvFakes()
		ro.readOnly()
		shots = append(shots, snap("prov_read_only", toRun(t, size(newTest(t, ro.provOptions())))))
		return shots
	}
	requireGoldens(t, build)
}
