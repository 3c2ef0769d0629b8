package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestRotateQuitAndInterrupt: ctrl+c with a checked new key written nowhere
// asks first, and confirming (y or a second ctrl+c) quits without saving;
// with nothing to lose ctrl+c interrupts at once.
func TestRotateQuitAndInterrupt(t *testing.T) {
	atIntro := func(t *testing.T) Model { return newRotateTest(t, newRotFakes()) }
	atReplace := func(t *testing.T) Model { return toReplace(t, newRotateTest(t, newRotFakes()), goodKey) }
	atRevoke := func(t *testing.T) Model {
		m, _ := keys(t, atReplace(t), "enter")
		return m
	}
	tests := []struct {
		name        string
		start       func(*testing.T) Model
		press       []string
		asked       bool // the quit question is on screen at the end
		interrupted bool
		quit        bool
		unsaved     bool
	}{
		{"ctrl+c before any paste interrupts", atIntro, []string{"ctrl+c"}, false, true, false, false},
		{"q before any paste quits, nothing unsaved", atIntro, []string{"q"}, false, false, true, false},
		{"ctrl+c with a checked key asks", atReplace, []string{"ctrl+c"}, true, false, false, false},
		{"a second ctrl+c quits without saving", atReplace, []string{"ctrl+c", "ctrl+c"}, false, false, true, true},
		{"y quits without saving", atReplace, []string{"ctrl+c", "y"}, false, false, true, true},
		{"n stays", atReplace, []string{"ctrl+c", "n"}, false, false, false, false},
		{"ctrl+c once the key is written interrupts", atRevoke, []string{"ctrl+c"}, false, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, msgs := keys(t, tt.start(t), tt.press...)
			out := m.Outcome()
			if got := strings.Contains(screen(m), "Quit without saving?"); got != tt.asked {
				t.Errorf("question shown = %v, want %v:\n%s", got, tt.asked, screen(m))
			}
			if hasMsg[tea.InterruptMsg](msgs) != tt.interrupted || out.Interrupted != tt.interrupted {
				t.Errorf("interrupted = %v, want %v", out.Interrupted, tt.interrupted)
			}
			if hasMsg[tea.QuitMsg](msgs) != tt.quit || out.Unsaved != tt.unsaved {
				t.Errorf("quit %v unsaved %v, want %v %v (%+v)", hasMsg[tea.QuitMsg](msgs), out.Unsaved, tt.quit, tt.unsaved, out)
			}
			// The summary tells "quit before any new key" (exit 0) by an
			// empty fingerprint.
			if tt.quit && (out.Fingerprint == "") == tt.unsaved {
				t.Errorf("fingerprint %q with unsaved %v", out.Fingerprint, tt.unsaved)
			}
		})
	}
}
