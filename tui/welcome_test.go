package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestWelcomeRoutes: each choice, by number or by arrows and enter, walks
// its own screens, and "Step i of N" counts them as Welcome lists them.
func TestWelcomeRoutes(t *testing.T) {
	cases := []struct {
		name      string
		keys      []string
		wantTitle string
		wantStep  string
		stops     int
	}{
		{"1 new", []string{"1"}, "Create your OpenAI platform account", "Step 1 of 7", 9},
		{"2 account", []string{"2"}, "Create a project for this app", "Step 1 of 5", 7},
		{"3 have a key", []string{"3"}, "Paste your key", "Step 1 of 3", 5},
		{"arrows", []string{"down", "down", "enter"}, "Paste your key", "Step 1 of 3", 5},
		{"arrows stop at the ends", []string{"up", "up", "enter"}, "Create your OpenAI platform account", "Step 1 of 7", 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakes{}
			m := newTest(t, f.options())
			m, _ = keys(t, m, c.keys...)
			s := screen(m)
			if !strings.Contains(s, c.wantTitle) || !strings.Contains(s, c.wantStep) || len(m.stops) != c.stops {
				t.Fatalf("stops %d, screen:\n%s", len(m.stops), s)
			}
			if len(f.opened) != 0 {
				t.Errorf("a Welcome choice opened %v", f.opened)
			}
		})
	}
}

// TestWelcomeLeaked: choice 4 is listed only when offered, and ends the
// wizard asking the command to start rotate.
func TestWelcomeLeaked(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	if strings.Contains(screen(m), "My key leaked") {
		t.Fatal("choice 4 listed without OfferRotate")
	}
	m, _ = keys(t, m, "4")
	if m.cur().stage != stageWelcome {
		t.Fatal("4 acted without OfferRotate")
	}
	opts := (&fakes{}).options()
	opts.OfferRotate = true
	m = newTest(t, opts)
	m, msgs := keys(t, m, "4")
	if !m.Outcome().StartRotate || !hasMsg[tea.QuitMsg](msgs) {
		t.Fatalf("outcome %+v", m.Outcome())
	}
}

// TestReplacingSaysOldKeyStaysLive: with a configured key, the replacing
// routes say the old key stays live and offer rotate.
func TestReplacingSaysOldKeyStaysLive(t *testing.T) {
	opts := (&fakes{}).options()
	opts.OfferRotate = true
	opts.Existing = &Existing{Fingerprint: "sk-proj-…Zz99", Source: ".env:3"}
	m := newTest(t, opts)
	m, _ = keys(t, m, "down")
	if s := screen(m); !strings.Contains(s, "stays live until you revoke it") || !strings.Contains(s, "choose 4") {
		t.Fatalf("screen:\n%s", s)
	}
}

// TestWelcomeNumbersHaveNoGap: Welcome numbers its choices by their place
// in the list, so a choice not offered leaves no gap, and a digit picks
// the choice shown with it.
func TestWelcomeNumbersHaveNoGap(t *testing.T) {
	f := newProvFakes()
	m := newTest(t, f.provOptions())
	if got := screen(m); !strings.Contains(got, "3. I already have a key") || !strings.Contains(got, "4. I have an admin key") || strings.Contains(got, "5. I have") {
		t.Errorf("without a configured key the admin choice is not 4:\n%s", got)
	}
	o := f.provOptions()
	o.Existing = &Existing{Fingerprint: "sk-proj-…Ab3d", Source: ".env line 1"}
	o.OfferRotate = true
	m = newTest(t, o)
	moved, _ := keys(t, m, "down") // off "keep": the note on the old key shows
	got := screen(moved)
	for _, want := range []string{"0. Keep sk-proj-…Ab3d", "4. My key leaked", "5. I have an admin key", "choose 4"} {
		if !strings.Contains(got, want) {
			t.Errorf("with a configured key, Welcome lacks %q:\n%s", want, got)
		}
	}
	if m, _ = keys(t, m, "5"); m.cur().stage != stageAdminKey {
		t.Errorf("5 went to %v, want the admin key screen", m.cur().stage)
	}
}
