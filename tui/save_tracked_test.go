package tui

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

// TestSaveAsksWhenTrackedUnknown: when git could not say whether the file
// is tracked, enter asks "Save anyway? y/N"; only y writes, through
// SaveAnyway, once; any other answer writes nothing, and the yes never
// carries over to a later save or another file.
func TestSaveAsksWhenTrackedUnknown(t *testing.T) {
	const question = "git could not say whether .env is tracked (git timed out), so a key saved there might be committed. Save anyway? y/N"
	tests := []struct {
		name         string
		keys         []string
		anywayErr    error
		wantSaved    int // Save calls
		wantAnyway   int // SaveAnyway calls
		wantQuestion bool
		wantScreen   string
	}{
		{name: "enter asks, nothing written", keys: []string{"enter"}, wantQuestion: true},
		{name: "y saves anyway", keys: []string{"enter", "y"}, wantAnyway: 1, wantScreen: "Your key is saved"},
		{name: "n writes nothing", keys: []string{"enter", "n"}, wantScreen: "Nothing is written until you press enter and answer y"},
		{name: "enter is no", keys: []string{"enter", "enter"}, wantScreen: "Nothing is written until you press enter and answer y"},
		{name: "another key is no", keys: []string{"enter", "x"}, wantScreen: "Nothing is written until you press enter and answer y"},
		{name: "a failed yes asks again", keys: []string{"enter", "y", "enter"}, anywayErr: errors.New("the disk is full"),
			wantAnyway: 1, wantQuestion: true},
		{name: "another file asks again", keys: []string{"enter", "y", "backspace", "enter"}, anywayErr: errors.New("the disk is full"),
			wantAnyway: 1, wantScreen: "git could not say whether .en is tracked (git timed out), so a key saved there might be committed. Save anyway? y/N"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			opts := f.options()
			opts.PlanSave = func(path string, key apikey.Key) (SavePlan, error) {
				return SavePlan{Lines: []string{"+ OPENAI_API_KEY=" + key.Fingerprint()}, TrackedUnknown: "git timed out"}, nil
			}
			var mu sync.Mutex
			anyway := 0
			opts.SaveAnyway = func(path string, key apikey.Key) (SaveReport, error) {
				mu.Lock()
				defer mu.Unlock()
				anyway++
				if tt.anywayErr != nil {
					return SaveReport{}, tt.anywayErr
				}
				return SaveReport{Files: []string{path}}, nil
			}
			m := toChecks(t, newTest(t, opts), goodKey)
			m, _ = keys(t, m, "enter")
			if s := screen(m); strings.Contains(s, "Save anyway?") || !strings.Contains(s, "press enter and answer y") {
				t.Fatalf("before enter:\n%s", s)
			}
			m, _ = keys(t, m, tt.keys...)
			s := strings.Join(strings.Fields(screen(m)), " ")
			if got := strings.Contains(s, question); got != tt.wantQuestion {
				t.Errorf("question shown = %v, want %v:\n%s", got, tt.wantQuestion, s)
			}
			if tt.wantScreen != "" && !strings.Contains(s, tt.wantScreen) {
				t.Errorf("missing %q:\n%s", tt.wantScreen, s)
			}
			if len(f.saved) != tt.wantSaved || anyway != tt.wantAnyway {
				t.Errorf("Save %d, SaveAnyway %d; want %d, %d", len(f.saved), anyway, tt.wantSaved, tt.wantAnyway)
			}
		})
	}
}
