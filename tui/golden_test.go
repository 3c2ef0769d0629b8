package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/setupkit/openai-setup/apikey"
)

// TestGoldenScreens renders every screen at 80x24 and 40x15, ANSI
// stripped. Regenerate with: go test ./tui -update
func TestGoldenScreens(t *testing.T) {
	build := func(t *testing.T, w, h int) []shot {
		var shots []shot
		f := &fakes{results: failResults()}
		opts := f.options()
		opts.CheckPath = func(string) (SaveTarget, error) { return SaveTarget{Dir: "/p/app", InRepo: true}, nil }
		opts.CreateDir = func(string) error { return nil }
		m := newTest(t, opts)
		m, _ = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		shots = append(shots, snap("welcome", m))
		for _, name := range []string{"account", "billing", "project", "key"} {
			m, _ = keys(t, m, "enter")
			shots = append(shots, snap("step_"+name, m))
		}
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("paste_empty", m))
		m, _ = update(t, m, tea.PasteMsg{Content: adminKey})
		shots = append(shots, snap("paste_admin", m))
		m, _ = keys(t, m, "ctrl+u")
		m, _ = update(t, m, tea.PasteMsg{Content: "  " + goodKey + "\n"})
		shots = append(shots, snap("paste_ok", m))
		running := m
		running.checkRun.phase, running.checkRun.minShown = checkRunning, false
		running.pos++
		running.key = apikey.New(goodKey)
		shots = append(shots, snap("checks_running", running))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("checks_failed", m))
		f.results = passResults()
		m, _ = keys(t, m, "r")
		shots = append(shots, snap("checks_passed", m))
		m, _ = keys(t, m, "q")
		shots = append(shots, snap("quit_confirm", m))
		m, _ = keys(t, m, "n", "enter")
		shots = append(shots, snap("save", m))
		notRepo := m
		notRepo.save.plan.Target = SaveTarget{Dir: "/home/me/scratch"}
		shots = append(shots, snap("save_not_repo", notRepo))
		missing := m
		missing.save.plan = SavePlan{Target: SaveTarget{Dir: "/p/app/config", DirMissing: true}}
		shots = append(shots, snap("save_folder_missing", missing))
		tracked := m
		tracked.save.plan.TrackedUnknown = "git timed out"
		tracked.askAnyway = true
		shots = append(shots, snap("save_tracked_unknown", tracked))
		f.saveErrs = []error{errDisk}
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("save_error", m))
		m, _ = keys(t, m, "enter")
		shots = append(shots, snap("done", m))
		help := m
		help.showHelp = true
		shots = append(shots, snap("done_full_help", help))
		return shots
	}
	requireGoldens(t, build)
}

// shot is one screen to compare with its golden file.
type shot struct {
	name string
	m    Model
}

// snap is a shot of m as it is now: the model holds its text inputs by
// pointer, so a later update would otherwise change the shot too.
func snap(name string, m Model) shot {
	in, path, confirm, prov := *m.input, *m.path, *m.confirm, *m.prov.in
	m.input, m.path, m.confirm, m.prov.in = &in, &path, &confirm, &prov
	return shot{name, m}
}

// requireGoldens compares the shots build makes at 80x24 and 40x15.
func requireGoldens(t *testing.T, build func(t *testing.T, w, h int) []shot) {
	for _, sz := range [][2]int{{80, 24}, {40, 15}} {
		for _, s := range build(t, sz[0], sz[1]) {
			t.Run(fmt.Sprintf("%dx%d_%s", sz[0], sz[1], s.name), func(t *testing.T) {
				golden.RequireEqual(t, []byte(trimRight(screen(s.m))))
			})
		}
	}
}

func TestGoldenExistingAndTooSmall(t *testing.T) {
	opts := (&fakes{results: passResults()}).options()
	opts.Existing = &Existing{Fingerprint: "sk-proj-…Zz99", Source: ".env line 3", Key: apikey.New(makeKey("sk-proj-", 74))}
	m := newTest(t, opts)
	t.Run("welcome_existing", func(t *testing.T) { golden.RequireEqual(t, []byte(trimRight(screen(m)))) })
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 36, Height: 10})
	t.Run("too_small", func(t *testing.T) { golden.RequireEqual(t, []byte(trimRight(screen(m)))) })
}

// trimRight drops trailing spaces, which editors and diffs mangle.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestGoldenLayout: the page link stays above the fold at 50x16, and at 100
// columns the step rail replaces "Step i of N".
func TestGoldenLayout(t *testing.T) {
	for _, sz := range [][2]int{{50, 16}, {100, 30}} {
		f := &fakes{results: passResults()}
		m := newTest(t, f.options())
		m, _ = update(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		m, _ = keys(t, m, "2", "enter")
		shots := []shot{snap("step_key", m)}
		m, _ = keys(t, m, "enter")
		m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
		m, _ = keys(t, m, "enter", "enter", "enter")
		shots = append(shots, snap("done", m))
		for _, s := range shots {
			t.Run(fmt.Sprintf("%dx%d_%s", sz[0], sz[1], s.name), func(t *testing.T) {
				golden.RequireEqual(t, []byte(trimRight(screen(s.m))))
			})
		}
	}
}
