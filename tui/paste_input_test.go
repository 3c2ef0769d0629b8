package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
)

var otherKey = makeKey("sk-proj-", 70)[:len(makeKey("sk-proj-", 70))-4] + "Zz99"

// TestPasteRefusals: two keys, a doubled key and the dashboard's masked
// preview are named as such and never reach the checks.
func TestPasteRefusals(t *testing.T) {
	cases := []struct{ name, paste, want string }{
		{"two keys", goodKey + " " + otherKey, "This is two keys (or one key twice), not one."},
		{"doubled", goodKey + goodKey, "This is two keys (or one key twice), not one."},
		{"masked dots", "sk-...Ab3d", "masked preview"},
		{"masked stars", "sk-proj-****Ab3d", "masked preview"},
		{"masked ellipsis", "sk-proj-…Ab3d", "masked preview"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			m := toPaste(t, newTest(t, f.options()))
			m, _ = update(t, m, tea.PasteMsg{Content: c.paste})
			said := screen(m)
			m, _ = keys(t, m, "enter")
			if m.cur().stage != stagePaste || f.runs != 0 || !strings.Contains(said, c.want) {
				t.Fatalf("stage %v runs %d; screen:\n%s", m.cur().stage, f.runs, said)
			}
		})
	}
}

// TestPasteReplacesKey: a paste on a whole key replaces it, and esc from the
// checks empties the field, so the next paste holds only the new key.
func TestPasteReplacesKey(t *testing.T) {
	f := &fakes{results: failResults()}
	m := toPaste(t, newTest(t, f.options()))
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	m, _ = update(t, m, tea.PasteMsg{Content: otherKey})
	if m.input.Value() != otherKey {
		t.Fatalf("field holds %d chars, want the second key only", len(m.input.Value()))
	}
	m, _ = keys(t, m, "enter")
	m, _ = keys(t, m, "esc")
	if m.cur().stage != stagePaste || m.input.Value() != "" {
		t.Fatalf("back from checks: stage %v, field %d chars", m.cur().stage, len(m.input.Value()))
	}
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	if m.input.Value() != goodKey {
		t.Fatalf("field holds %d chars after esc + paste", len(m.input.Value()))
	}
}

// TestCtrlVKeyPressSaysHowToPaste: ctrl+v as a key press explains itself.
func TestCtrlVKeyPressSaysHowToPaste(t *testing.T) {
	m := toPaste(t, newTest(t, (&fakes{}).options()))
	m, _ = keys(t, m, "ctrl+v")
	if !strings.Contains(screen(m), "ctrl+shift+v") || m.input.Value() != "" {
		t.Fatalf("screen:\n%s", screen(m))
	}
}

// TestSavePathRefusesKey: a key typed or pasted into the path field is
// taken out, never shown or planned as a file name.
func TestSavePathRefusesKey(t *testing.T) {
	for _, how := range []string{"typed", "pasted"} {
		t.Run(how, func(t *testing.T) {
			f := &fakes{results: passResults()}
			m := toChecks(t, newTest(t, f.options()), goodKey)
			m, _ = keys(t, m, "enter")
			m, _ = keys(t, m, "ctrl+u")
			if how == "typed" {
				m = typeText(t, m, otherKey)
			} else {
				m, _ = update(t, m, tea.PasteMsg{Content: otherKey})
			}
			s := screen(m)
			if strings.Contains(s, otherKey[9:30]) || !strings.Contains(s, "looks like an API key") {
				t.Fatalf("screen:\n%s", s)
			}
			for _, p := range f.planPaths {
				if strings.Contains(p, apikey.Marker) {
					t.Fatalf("planned a key-shaped path")
				}
			}
			_, _ = keys(t, m, "enter")
			if len(f.saved) != 1 || f.saved[0] != ".env" {
				t.Fatalf("saved to %v", f.saved)
			}
		})
	}
}
