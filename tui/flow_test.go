package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

func TestPaste(t *testing.T) {
	tests := []struct {
		name      string
		paste     string
		wantStage stage  // after enter
		wantText  string // on screen after the paste
	}{
		{"plain", goodKey, stageChecks, "project key " + goodFP},
		{"spaces and newline", "  " + goodKey + "  \n", stageChecks, "Removed spaces or line breaks around it."},
		{"quotes", `"` + goodKey + `"`, stageChecks, "Removed quotes."},
		{"assignment", "OPENAI_API_KEY=" + goodKey + "\n", stageChecks, "OPENAI_API_KEY="},
		{"bearer", "Bearer " + goodKey, stageChecks, `"Bearer "`},
		{"admin key", adminKey, stagePaste, "admin key (sk-admin-)"},
		{"truncated", goodKey[:40], stagePaste, "cut short"},
		{"other provider", "sk-ant-api03-" + strings.Repeat("a", 90), stagePaste, "Anthropic"},
		{"two lines", goodKey + "\n" + goodKey, stagePaste, "2 lines"},
		{"oversize", strings.Repeat("x", apikey.MaxInput+1), stagePaste, "Paste refused: input is 1025 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			m := toPaste(t, newTest(t, f.options()))
			m, _ = update(t, m, tea.PasteMsg{Content: tt.paste})
			if m.cur().stage != stagePaste {
				t.Fatalf("a paste moved the wizard (a newline must not submit): stage %v", m.cur().stage)
			}
			if s := screen(m); !strings.Contains(s, tt.wantText) {
				t.Errorf("after paste, screen lacks %q:\n%s", tt.wantText, s)
			}
			m, _ = keys(t, m, "enter")
			if m.cur().stage != tt.wantStage {
				t.Errorf("after enter, stage %v, want %v:\n%s", m.cur().stage, tt.wantStage, screen(m))
			}
			if tt.wantStage == stageChecks && (len(f.keys) != 1 || f.keys[0] != goodFP) {
				t.Errorf("checks ran on %v, want the cleaned key %s", f.keys, goodFP)
			}
		})
	}
}

func TestOversizePasteIsNotTruncatedIntoTheInput(t *testing.T) {
	m := toPaste(t, newTest(t, (&fakes{}).options()))
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey + strings.Repeat(" ", apikey.MaxInput)})
	if m.input.Value() != "" {
		t.Errorf("oversize paste reached the input: %d chars", len(m.input.Value()))
	}
	// A second paste on top of part of a key that would pass the cap is
	// refused too (on a whole key it would replace it).
	part := goodKey[:40]
	m, _ = update(t, m, tea.PasteMsg{Content: part})
	m, _ = update(t, m, tea.PasteMsg{Content: strings.Repeat("a", apikey.MaxInput-len(part)+1)})
	if m.input.Value() != part || !strings.Contains(screen(m), "ctrl+u") {
		t.Errorf("combined oversize not refused: len %d\n%s", len(m.input.Value()), screen(m))
	}
	m, _ = keys(t, m, "ctrl+u")
	if m.input.Value() != "" {
		t.Errorf("ctrl+u did not clear")
	}
}

func TestTypedKeyAndCtrlVDisabled(t *testing.T) {
	m := toPaste(t, newTest(t, (&fakes{results: passResults()}).options()))
	m, out := keys(t, m, "ctrl+v")
	if len(out) != 0 || m.input.Value() != "" {
		t.Errorf("ctrl+v did something: %#v", out)
	}
	m = typeText(t, m, "qs?o"+goodKey)
	if m.cur().stage != stagePaste {
		t.Fatal("typed letters acted as keys")
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stagePaste || !strings.Contains(screen(m), "OpenAI keys start with") {
		t.Errorf("bad typed key accepted or no error:\n%s", screen(m))
	}
	for range 4 + len(goodKey) {
		m, _ = keys(t, m, "backspace")
	}
	m = typeText(t, m, goodKey)
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageChecks {
		t.Errorf("typed good key not accepted:\n%s", screen(m))
	}
}

func TestChecksRunAndFailureShowsFix(t *testing.T) {
	f := &fakes{results: failResults()}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	s := screen(m)
	for _, want := range []string{"✗ Authentication", "Fix: create a new key and paste it again", "https://platform.openai.com/api-keys", "enter save anyway", "o open fix page"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	n := len(f.opened)
	m, _ = keys(t, m, "o")
	if len(f.opened) != n+1 || f.opened[n] != "https://platform.openai.com/api-keys" {
		t.Errorf("o opened %v", f.opened)
	}
	// Fix it: back, paste a good key, checks pass.
	f.results = passResults()
	m, _ = keys(t, m, "esc", "ctrl+u")
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	m, _ = keys(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "Every check passed") || f.runs != 2 {
		t.Errorf("runs %d, screen:\n%s", f.runs, s)
	}
}

func TestRerun(t *testing.T) {
	f := &fakes{results: passResults()}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	m, _ = keys(t, m, "r")
	if f.runs != 2 || m.checkRun.id != 2 {
		t.Errorf("runs = %d, run id %d", f.runs, m.checkRun.id)
	}
}

func TestStaleResultsDropped(t *testing.T) {
	f := &fakes{results: passResults()}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	old := m.checkRun.id
	m, _ = keys(t, m, "r")
	before := len(m.checkRun.results)
	m, _ = update(t, m, streamItem[checks.Result]{id: old, value: checks.Result{ID: checks.APIAuth, Status: checks.Fail, Summary: "stale"}})
	if strings.Contains(screen(m), "stale") || len(m.checkRun.results) != before {
		t.Errorf("stale result shown:\n%s", screen(m))
	}
	m, _ = update(t, m, minSpinMsg{run: old})
	m, _ = update(t, m, streamEnd[checks.Result]{id: old})
	// After leaving, a result of the current run is dropped too.
	m, _ = keys(t, m, "esc")
	cur := m.checkRun.id
	m, _ = update(t, m, streamItem[checks.Result]{id: cur, value: checks.Result{ID: checks.APIAuth, Status: checks.Fail, Summary: "late"}})
	if _, ok := m.checkRun.results[checks.APIAuth]; ok && m.checkRun.results[checks.APIAuth].Summary == "late" {
		t.Error("late result stored after back")
	}
}

func TestBackCancelsChecks(t *testing.T) {
	f := &fakes{results: passResults()[:1], block: true}
	m := toPaste(t, newTest(t, f.options()))
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	// Enter starts the run; do not drain, the fake blocks until cancelled.
	next, cmd := m.Update(press("enter"))
	m = next.(Model)
	if m.checkRun.phase != checkRunning || m.checkRun.cancel == nil {
		t.Fatal("checks not running")
	}
	done := make(chan tea.Msg)
	go func() { done <- cmd() }() // the runner: first result, then it blocks
	<-done
	stream := m.checkRun.stream
	m, _ = keys(t, m, "esc")
	if m.cur().stage != stagePaste || m.checkRun.phase == checkRunning {
		t.Fatalf("esc: stage %v phase %v", m.cur().stage, m.checkRun.phase)
	}
	// The runner's context is cancelled, so it returns; its end is stale.
	msg := stream.next()()
	if _, ok := msg.(streamEnd[checks.Result]); !ok {
		t.Fatalf("after cancel got %#v", msg)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cancelled != 1 {
		t.Errorf("cancelled = %d, want 1", f.cancelled)
	}
}

func TestSpinnerShownUntilMinimum(t *testing.T) {
	f := &fakes{results: passResults()}
	m := toPaste(t, newTest(t, f.options()))
	m.minSpin = minSpin
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	next, cmd := m.Update(press("enter"))
	m = next.(Model)
	// Run only the runner, not the timer: results arrive, lines keep spinning.
	batch := cmd().(tea.BatchMsg)
	m, _ = drain(t, m, batch[0])
	if s := screen(m); strings.Contains(s, "✓") || !strings.Contains(s, "Asking the API") {
		t.Errorf("results shown before the minimum spin time:\n%s", s)
	}
	m, _ = update(t, m, minSpinMsg{run: m.checkRun.id})
	if s := screen(m); !strings.Contains(s, "Every check passed") {
		t.Errorf("results not shown after the minimum:\n%s", s)
	}
}

func TestSave(t *testing.T) {
	f := &fakes{results: passResults(), saveErrs: []error{errDisk}}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	m, _ = keys(t, m, "enter")
	s := screen(m)
	for _, want := range []string{"+ OPENAI_API_KEY=" + goodFP + "  (.env, new line 1)", "+ /.env  (.gitignore)", "Save to: .env"} {
		if !strings.Contains(s, want) {
			t.Errorf("save screen lacks %q:\n%s", want, s)
		}
	}
	// Edit the path: the plan follows.
	m = typeText(t, m, ".local")
	if got := f.planPaths[len(f.planPaths)-1]; got != ".env.local" || !strings.Contains(screen(m), "(.env.local, new line 1)") {
		t.Errorf("plan for %q:\n%s", got, screen(m))
	}
	f.planLines = []string{"+ OPENAI_API_KEY=" + goodFP + "  (.env.local, line 4)"}
	planned := len(f.planPaths)
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageSave || !strings.Contains(screen(m), "Could not save: Permission denied.") || !strings.Contains(screen(m), "enter retry") {
		t.Fatalf("save error not shown:\n%s", screen(m))
	}
	// A failed write asks for the plan again: the preview shows the files now.
	if len(f.planPaths) != planned+1 || !strings.Contains(screen(m), "(.env.local, line 4)") {
		t.Errorf("plans %d (want %d); preview not refreshed:\n%s", len(f.planPaths), planned+1, screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageDone || len(f.saved) != 1 || f.saved[0] != ".env.local" {
		t.Fatalf("retry: stage %v saved %v", m.cur().stage, f.saved)
	}
	s = screen(m)
	for _, want := range []string{"Your key is saved", goodFP, "wrote .env.local", "wrote .gitignore", `Bearer $OPENAI_API_KEY"`, "load_dotenv(\".env.local\")", "openai-setup doctor", "Python", "Node", "Go", "curl"} {
		if !strings.Contains(s, want) && !strings.Contains(m.viewDoneText(), want) {
			t.Errorf("done screen lacks %q:\n%s", want, s)
		}
	}
}

func TestSavePlanError(t *testing.T) {
	f := &fakes{results: passResults(), planErr: errString("git tracks .env; use --force or untrack it")}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	m, _ = keys(t, m, "enter")
	if !strings.Contains(screen(m), "Cannot save there: Git tracks .env") {
		t.Errorf("plan error not shown:\n%s", screen(m))
	}
}

func TestStalePlanDropped(t *testing.T) {
	f := &fakes{results: passResults()}
	m := toChecks(t, newTest(t, f.options()), goodKey)
	m, _ = keys(t, m, "enter")
	m, _ = update(t, m, planMsg{id: m.save.id - 1, path: "old", plan: SavePlan{Lines: []string{"STALE"}}})
	if strings.Contains(screen(m), "STALE") {
		t.Error("stale plan shown")
	}
}

func TestExistingKey(t *testing.T) {
	f := &fakes{results: passResults()}
	opts := f.options()
	opts.Existing = &Existing{Fingerprint: "sk-proj-…Zz99", Source: ".env line 3", Key: apikey.New(makeKey("sk-proj-", 74))}
	m := newTest(t, opts)
	s := screen(m)
	for _, want := range []string{"You already have a key: sk-proj-…Zz99 in .env line 3", "› 0. Keep sk-proj-…Zz99 and check it", "enter choose", "r replace it"} {
		if !strings.Contains(s, want) {
			t.Errorf("welcome lacks %q:\n%s", want, s)
		}
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageChecks || !m.keepOld || f.runs != 1 {
		t.Fatalf("enter did not check the existing key: stage %v", m.cur().stage)
	}
	m, _ = keys(t, m, "q")
	if m.confirmQuit {
		t.Error("quit asks although nothing pasted")
	}
	m.outcome.Quit = false
	m, _ = keys(t, m, "esc")
	if m.cur().stage != stageWelcome {
		t.Fatalf("esc from checking the kept key: stage %v", m.cur().stage)
	}
	m, _ = keys(t, m, "enter", "enter")
	if m.cur().stage != stageDone || !m.Outcome().Kept || m.Outcome().Saved || !strings.Contains(screen(m), "Your key is kept") {
		t.Errorf("kept: stage %v outcome %+v\n%s", m.cur().stage, m.Outcome(), screen(m))
	}
	m = newTest(t, opts)
	m, _ = keys(t, m, "r")
	if m.pos != 1 {
		t.Errorf("r did not start the steps: pos %d", m.pos)
	}
}

// TestKeyNeverOnScreen walks every screen with the key pasted and looks
// for it, or any long piece of it, in every view.
func TestKeyNeverOnScreen(t *testing.T) {
	for _, res := range [][]checks.Result{passResults(), failResults()} {
		f := &fakes{results: res}
		m := newTest(t, f.options())
		var views []string
		look := func() { views = append(views, m.View().Content, screen(m)) }
		m = toPaste(t, m)
		m, _ = update(t, m, tea.PasteMsg{Content: " '" + goodKey + "'\n"})
		look()
		m, _ = keys(t, m, "enter")
		look()
		m, _ = keys(t, m, "q")
		look()
		m, _ = keys(t, m, "n", "?")
		look()
		m, _ = keys(t, m, "?", "enter")
		look()
		m, _ = keys(t, m, "enter")
		look()
		for _, sz := range [][2]int{{40, 12}, {200, 60}} {
			m, _ = update(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			look()
		}
		for i, v := range views {
			for j := 0; j+12 <= len(goodKey); j++ {
				piece := goodKey[j : j+12]
				if strings.Contains(v, piece) {
					t.Fatalf("view %d holds %q, a piece of the key:\n%s", i, piece, v)
				}
			}
		}
	}
}

// TestNoEnterWhileSpinning: results that came early wait behind the
// spinners, and so do the keys that act on them.
func TestNoEnterWhileSpinning(t *testing.T) {
	f := &fakes{results: failResults()}
	m := toPaste(t, newTest(t, f.options()))
	m.minSpin = minSpin
	m, _ = update(t, m, tea.PasteMsg{Content: goodKey})
	next, cmd := m.Update(press("enter"))
	m = next.(Model)
	m, _ = drain(t, m, cmd().(tea.BatchMsg)[0]) // the runner only, not the timer
	if m.checkRun.phase == checkRunning {
		t.Fatal("run not finished")
	}
	m, _ = keys(t, m, "enter", "o", "r")
	if m.cur().stage != stageChecks || f.runs != 1 || len(f.opened) != 3 {
		t.Errorf("keys acted while spinning: stage %v runs %d opened %v", m.cur().stage, f.runs, f.opened)
	}
	if bar := screen(m); strings.Contains(bar, "enter save") || strings.Contains(bar, "r re-run") {
		t.Errorf("help lists keys that do not work yet:\n%s", bar)
	}
}
