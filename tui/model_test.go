package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/steps"
)

func TestStops(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	if got, want := len(m.stops), 9; got != want {
		t.Fatalf("stops = %d, want %d", got, want)
	}
	if strings.Contains(screen(m), "Step ") {
		t.Errorf("Welcome is not a step of the route:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if !strings.Contains(screen(m), "Step 1 of 7") {
		t.Errorf("no progress line:\n%s", screen(m))
	}
}

// TestTransitions is the transition map: from a position, a key, the
// position after it.
func TestTransitions(t *testing.T) {
	const (
		welcome = 0
		account = 1
		billing = 2
		keyStep = 4
		paste   = 5
		check   = 6
		save    = 7
		done    = 8
	)
	tests := []struct {
		name string
		prep func(t *testing.T, m Model) Model
		keys []string
		want int
	}{
		{"welcome enter", nil, []string{"enter"}, account},
		{"welcome r does nothing without a key", nil, []string{"r"}, welcome},
		{"step enter", nil, []string{"enter", "enter"}, billing},
		{"step s skips", nil, []string{"enter", "s"}, billing},
		{"step esc back", nil, []string{"enter", "esc"}, welcome},
		{"step o stays", nil, []string{"enter", "o"}, account},
		{"step c stays", nil, []string{"enter", "c"}, account},
		{"step ? stays", nil, []string{"enter", "?"}, account},
		{"four steps then paste", nil, []string{"enter", "enter", "enter", "enter", "enter"}, paste},
		{"paste esc back to key step", toPaste, []string{"esc"}, keyStep},
		{"paste enter empty stays", toPaste, []string{"enter"}, paste},
		{"paste q types", toPaste, []string{"q"}, paste},
		{"paste s types", toPaste, []string{"s"}, paste},
		{"checks esc back", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"esc"}, paste},
		{"checks enter save", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter"}, save},
		{"checks r stays", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"r"}, check},
		{"save esc back", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter", "esc"}, check},
		{"save enter done", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter", "enter"}, done},
		{"save q types", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter", "q"}, save},
		{"done esc does nothing", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter", "enter", "esc"}, done},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			m := newTest(t, f.options())
			if tt.prep != nil {
				m = tt.prep(t, m)
			}
			m, _ = keys(t, m, tt.keys...)
			if m.pos != tt.want {
				t.Errorf("pos = %d, want %d; screen:\n%s", m.pos, tt.want, screen(m))
			}
		})
	}
}

func TestSkipOnlyOnSkippableSteps(t *testing.T) {
	opts := (&fakes{}).options()
	opts.Steps[0].Skippable = false
	m := newTest(t, opts)
	m, _ = keys(t, m, "enter", "s")
	if m.pos != 1 {
		t.Errorf("s moved from a step that is not skippable: pos = %d", m.pos)
	}
	if strings.Contains(screen(m), "skip") {
		t.Errorf("help lists skip where it does not work:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter", "s")
	if m.pos != 3 {
		t.Errorf("s did not skip a skippable step: pos = %d", m.pos)
	}
}

func TestAutoOpenOncePerStep(t *testing.T) {
	f := &fakes{}
	m := newTest(t, f.options())
	// Welcome's choice opens nothing; enter on a step opens the next one's
	// page once; esc and s never do.
	m, _ = keys(t, m, "enter", "enter", "enter", "esc", "enter", "s", "esc")
	want := []string{steps.BillingURL, steps.ProjectsURL}
	if strings.Join(f.opened, " ") != strings.Join(want, " ") {
		t.Errorf("opened %v, want %v", f.opened, want)
	}
	if !strings.Contains(screen(m), "opened in your browser") {
		t.Errorf("no open result on screen:\n%s", screen(m))
	}
	_, _ = keys(t, m, "o")
	if got := f.opened[len(f.opened)-1]; got != steps.ProjectsURL || len(f.opened) != 3 {
		t.Errorf("o opened %v", f.opened)
	}
}

func TestNoAutoOpenShowsNoteAndOStillTries(t *testing.T) {
	f := &fakes{openErr: errString("no graphical display")}
	opts := f.options()
	opts.AutoOpen = false
	opts.BrowserNote = "no display: open the link yourself"
	m := newTest(t, opts)
	m, _ = keys(t, m, "enter")
	if len(f.opened) != 0 {
		t.Fatalf("opened %v with AutoOpen off", f.opened)
	}
	s := screen(m)
	for _, want := range []string{steps.SignupURL, "no display: open the link yourself"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	m, _ = keys(t, m, "o")
	if len(f.opened) != 1 || !strings.Contains(screen(m), "could not open it (no graphical display): open it yourself") {
		t.Errorf("o: opened %v, screen:\n%s", f.opened, screen(m))
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestCopy: c always sends the full link to the terminal's clipboard, and
// to the local one when the command allows; the notice says which happened.
func TestCopy(t *testing.T) {
	cases := []struct {
		name   string
		local  func(string) error
		notice string
	}{
		{"terminal only", nil, "sent to your terminal's clipboard"},
		{"local ok", func(string) error { return nil }, "Link copied to the clipboard."},
		{"local fails", func(string) error { return errString("xclip not found") }, "Could not copy to the clipboard here (xclip not found)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := (&fakes{}).options()
			var got []string
			if c.local != nil {
				opts.CopyLocal = func(s string) error { got = append(got, s); return c.local(s) }
			}
			m := newTest(t, opts)
			m, out := keys(t, m, "enter", "c")
			if !hasOSC52(out, steps.SignupURL) {
				t.Fatalf("no OSC 52 copy of the full link: %#v", out)
			}
			if c.local != nil && (len(got) != 1 || got[0] != steps.SignupURL) {
				t.Errorf("local copy got %v", got)
			}
			if !strings.Contains(strings.Join(strings.Fields(screen(m)), " "), c.notice) {
				t.Errorf("notice lacks %q:\n%s", c.notice, screen(m))
			}
		})
	}
}

func TestQuit(t *testing.T) {
	tests := []struct {
		name        string
		prep        func(t *testing.T, m Model) Model
		keys        []string
		wantConfirm bool
		wantQuit    bool
	}{
		{"welcome q quits at once", nil, []string{"q"}, false, true},
		{"welcome esc does nothing", nil, []string{"esc"}, false, false},
		{"step q quits at once", nil, []string{"enter", "q"}, false, true},
		{"checks q asks", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"q"}, true, false},
		{"checks q n stays", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"q", "n"}, false, false},
		{"checks q esc stays", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"q", "esc"}, false, false},
		{"checks q y quits", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"q", "y"}, false, true},
		{"checks q other key ignored", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"q", "x"}, true, false},
		{"back on key step, key unsaved, asks", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"esc", "esc", "q"}, true, false},
		{"done q quits without asking", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }, []string{"enter", "enter", "q"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTest(t, (&fakes{results: passResults()}).options())
			if tt.prep != nil {
				m = tt.prep(t, m)
			}
			var out []tea.Msg
			for _, k := range tt.keys {
				var o []tea.Msg
				m, o = keys(t, m, k)
				out = append(out, o...)
			}
			if m.confirmQuit != tt.wantConfirm {
				t.Errorf("confirmQuit = %v, want %v", m.confirmQuit, tt.wantConfirm)
			}
			if got := hasMsg[tea.QuitMsg](out); got != tt.wantQuit {
				t.Errorf("quit = %v, want %v", got, tt.wantQuit)
			}
			if tt.wantConfirm && !strings.Contains(screen(m), "Quit without saving?") {
				t.Errorf("no confirmation on screen:\n%s", screen(m))
			}
		})
	}
}

func TestQuitOutcome(t *testing.T) {
	m := newTest(t, (&fakes{results: passResults()}).options())
	m, _ = keys(t, m, "q")
	if o := m.Outcome(); !o.Quit || o.Saved || o.Interrupted {
		t.Errorf("outcome = %+v", o)
	}
	m = newTest(t, (&fakes{results: passResults()}).options())
	m = toChecks(t, m, goodKey)
	m, _ = keys(t, m, "enter", "enter", "enter")
	if o := m.Outcome(); o.Quit || !o.Saved || o.Fingerprint != goodFP || len(o.Files) != 2 {
		t.Errorf("outcome after done = %+v", o)
	}
}

// TestCtrlC: with nothing unsaved ctrl+c interrupts (exit 130); with a
// pasted key it asks first, and a second ctrl+c or y quits unsaved (exit 3).
func TestCtrlC(t *testing.T) {
	checks := func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) }
	cases := []struct {
		name        string
		prep        func(t *testing.T, m Model) Model
		keys        []string
		interrupted bool
		unsaved     bool
	}{
		{"welcome", nil, []string{"ctrl+c"}, true, false},
		{"paste", toPaste, []string{"ctrl+c"}, true, false},
		{"checks asks", checks, []string{"ctrl+c"}, false, false},
		{"checks twice", checks, []string{"ctrl+c", "ctrl+c"}, false, true},
		{"checks then y", checks, []string{"ctrl+c", "y"}, false, true},
		{"q then ctrl+c", checks, []string{"q", "ctrl+c"}, false, true},
		{"checks then n stays", checks, []string{"ctrl+c", "n"}, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTest(t, (&fakes{results: passResults()}).options())
			if c.prep != nil {
				m = c.prep(t, m)
			}
			m, out := keys(t, m, c.keys...)
			o := m.Outcome()
			if hasMsg[tea.InterruptMsg](out) != c.interrupted || o.Interrupted != c.interrupted || o.QuitUnsaved != c.unsaved {
				t.Errorf("msgs %#v, outcome %+v", out, o)
			}
			if c.unsaved && !hasMsg[tea.QuitMsg](out) {
				t.Error("quit unsaved without quitting")
			}
		})
	}
}

func TestHelpListsOnlyLiveKeys(t *testing.T) {
	f := &fakes{results: passResults()}
	tests := []struct {
		name    string
		prep    func(t *testing.T, m Model) Model
		want    []string
		notWant []string
	}{
		{"welcome", nil, []string{"enter choose", "q quit"}, []string{"o open", "s skip", "r replace"}},
		{"step", func(t *testing.T, m Model) Model { m, _ = keys(t, m, "enter"); return m },
			[]string{"enter next", "esc back", "s skip", "o open page", "c copy link"}, []string{"r re-run"}},
		{"paste", toPaste, []string{"enter check key", "esc back"}, []string{"q quit", "o open", "? more"}},
		{"checks", func(t *testing.T, m Model) Model { return toChecks(t, m, goodKey) },
			[]string{"enter save", "r re-run", "esc another key"}, []string{"o open", "s skip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTest(t, f.options())
			if tt.prep != nil {
				m = tt.prep(t, m)
			}
			lines := strings.Split(screen(m), "\n")
			bar := lines[len(lines)-1]
			for _, w := range tt.want {
				if !strings.Contains(bar, w) {
					t.Errorf("help bar %q lacks %q", bar, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(bar, w) {
					t.Errorf("help bar %q lists %q", bar, w)
				}
			}
		})
	}
}

func TestFullHelpToggles(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	m, _ = keys(t, m, "enter", "?")
	if !m.showHelp || !strings.Contains(screen(m), "ctrl+c") {
		t.Errorf("? did not show full help:\n%s", screen(m))
	}
	m, _ = keys(t, m, "?")
	if m.showHelp {
		t.Error("? did not hide full help")
	}
}

func TestResizeAndTooSmall(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 30, Height: 10})
	if s := screen(m); !strings.Contains(s, "Make the window larger") {
		t.Errorf("no enlarge notice at 30x10:\n%s", s)
	}
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	s := screen(m)
	if strings.Contains(s, "Make the window larger") || !strings.Contains(s, "Get a working OpenAI API key") {
		t.Errorf("did not recover after resize:\n%s", s)
	}
	for i, l := range strings.Split(s, "\n") {
		if w := len([]rune(l)); w > 100 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}

func TestEveryScreenFitsItsWindow(t *testing.T) {
	sizes := [][2]int{{40, 12}, {40, 15}, {60, 20}, {80, 24}, {120, 40}}
	for _, sz := range sizes {
		f := &fakes{results: failResults()}
		m := newTest(t, f.options())
		m, _ = update(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		check := func(where string) {
			t.Helper()
			s := screen(m)
			lines := strings.Split(s, "\n")
			if len(lines) > sz[1] {
				t.Errorf("%dx%d %s: %d lines", sz[0], sz[1], where, len(lines))
			}
			for i, l := range lines {
				if w := ansiWidth(l); w > sz[0] {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", sz[0], sz[1], where, i, w, l)
				}
			}
		}
		for range 5 {
			check("step")
			m, _ = keys(t, m, "enter")
		}
		m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
		check("paste")
		m, _ = keys(t, m, "enter")
		check("checks")
		m, _ = keys(t, m, "enter")
		check("save")
		m, _ = keys(t, m, "enter")
		check("done")
	}
}

func TestScroll(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 40, Height: 12})
	m, _ = keys(t, m, "enter")
	if m.maxScroll() == 0 {
		t.Fatal("account step fits 40x12; the test needs it not to")
	}
	if !strings.Contains(screen(m), "↓ more below") {
		t.Errorf("no more marker:\n%s", screen(m))
	}
	for range 50 {
		m, _ = keys(t, m, "down")
	}
	if m.scroll != m.maxScroll() || !strings.Contains(screen(m), "↑ more above") {
		t.Errorf("scroll = %d, max %d:\n%s", m.scroll, m.maxScroll(), screen(m))
	}
	m, _ = keys(t, m, "up")
	if m.scroll != m.maxScroll()-1 {
		t.Errorf("up: scroll = %d", m.scroll)
	}
}

func TestBackgroundColour(t *testing.T) {
	m := newTest(t, (&fakes{}).options())
	m, _ = update(t, m, tea.BackgroundColorMsg{Color: lightWhite})
	if m.dark {
		t.Error("white background read as dark")
	}
	if !strings.Contains(screen(m), "Get a working") {
		t.Error("light screen broken")
	}
}

func TestChecksUseSpecOrder(t *testing.T) {
	f := &fakes{results: []checks.Result{
		{ID: checks.APIModel, Status: checks.Pass, Summary: "model ok"},
		{ID: checks.KeyFound, Status: checks.Pass, Summary: "not listed"},
		{ID: checks.KeyFormat, Status: checks.Pass, Summary: "format ok"},
	}}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	s := screen(m)
	a, b := strings.Index(s, "format ok"), strings.Index(s, "model ok")
	if a < 0 || b < 0 || a > b {
		t.Errorf("results not in spec order:\n%s", s)
	}
	if strings.Contains(s, "not listed") {
		t.Errorf("a result outside Options.Checks is shown:\n%s", s)
	}
	if !strings.Contains(s, "Authentication: not run") {
		t.Errorf("a check without result is not marked:\n%s", s)
	}
}

// hasOSC52 is whether msgs hold Bubble Tea's (unexported) OSC 52 message
// for text.
func hasOSC52(msgs []tea.Msg, text string) bool {
	for _, m := range msgs {
		if fmt.Sprintf("%T", m) == "tea.setClipboardMsg" && fmt.Sprint(m) == text {
			return true
		}
	}
	return false
}
