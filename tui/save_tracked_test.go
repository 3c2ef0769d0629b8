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

// TestAccessibleAsksWhenTrackedUnknown: the line-by-line wizard asks the
// same question; a no writes nothing and asks for the path again, and the
// next save asks again; only y writes, through SaveAnyway.
func TestAccessibleAsksWhenTrackedUnknown(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.AutoOpen = false
	opts.PlanSave = func(path string, key apikey.Key) (SavePlan, error) {
		return SavePlan{Lines: []string{"+ OPENAI_API_KEY=" + key.Fingerprint()}, TrackedUnknown: "git timed out"}, nil
	}
	anyway := 0
	opts.SaveAnyway = func(path string, key apikey.Key) (SaveReport, error) {
		anyway++
		return SaveReport{Files: []string{path}}, nil
	}
	secrets := []string{goodKey}
	read := func() (string, error) {
		if len(secrets) == 0 {
			return "", nil
		}
		s := secrets[0]
		secrets = secrets[1:]
		return s, nil
	}
	var out strings.Builder
	input := "\n\n\ns\n\n" + "\nn\n" + "\n\n" + "\ny\n" + "\n\n\n"
	got, err := RunAccessible(t.Context(), strings.NewReader(input), &out, read, opts)
	if err != nil || !got.Saved {
		t.Fatalf("outcome %+v, %v\n%s", got, err, out.String())
	}
	question := "git could not say whether .env is tracked (git timed out), so a key saved there might be committed. Save anyway? [y/N]: "
	if n := strings.Count(out.String(), question); n != 3 || strings.Count(out.String(), "Nothing was written.") != 2 {
		t.Errorf("asked %d times:\n%s", n, out.String())
	}
	if anyway != 1 || len(f.saved) != 0 || strings.Contains(out.String(), "Write these changes?") {
		t.Errorf("SaveAnyway %d, Save %d:\n%s", anyway, len(f.saved), out.String())
	}
}
