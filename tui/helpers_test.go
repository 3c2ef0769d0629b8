package tui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/steps"
)

// makeKey builds a well-formed key of the given prefix ending in "Ab3d".
func makeKey(prefix string, side int) string {
	body := strings.Repeat("aB3xY9_-", side/8+1)[:side]
	right := body[:side-4] + "Ab3d"
	return prefix + body + apikey.Marker + right
}

var (
	goodKey  = makeKey("sk-proj-", 74)
	adminKey = makeKey("sk-admin-", 58)
	goodFP   = "sk-proj-…Ab3d"
)

// fakes are the wizard's Options doubles: they record what the wizard asked.
type fakes struct {
	mu        sync.Mutex
	opened    []string
	openErr   error
	results   []checks.Result // sent in order by RunChecks
	block     bool            // RunChecks then waits for its context to end
	runs      int
	cancelled int
	keys      []string // fingerprints RunChecks was given
	planLines []string
	planErr   error
	planPaths []string
	saveErrs  []error // errors for the first saves, in order
	saved     []string
}

func passResults() []checks.Result {
	return []checks.Result{
		{ID: checks.KeyFormat, Status: checks.Pass, Summary: "project key, well formed"},
		{ID: checks.APIAuth, Status: checks.Pass, Summary: "the key works (org Personal, project Default)"},
		{ID: checks.APIModel, Status: checks.Pass, Summary: "gpt-4o-mini answers"},
	}
}

func failResults() []checks.Result {
	return []checks.Result{
		{ID: checks.KeyFormat, Status: checks.Pass, Summary: "project key, well formed"},
		{ID: checks.APIAuth, Status: checks.Fail, Code: "invalid_api_key", Summary: "the API refused the key (401 invalid_api_key)",
			Fix: "create a new key and paste it again", URL: steps.APIKeysURL},
		{ID: checks.APIModel, Status: checks.Skip, Summary: "skipped: the key did not authenticate"},
	}
}

func (f *fakes) options() Options {
	return Options{
		Context: context.Background(),
		Steps:   steps.All(),
		Checks: []checks.Spec{
			{ID: checks.KeyFormat}, {ID: checks.APIAuth}, {ID: checks.APIModel},
		},
		RunChecks: func(ctx context.Context, key apikey.Key, onResult func(checks.Result)) {
			f.mu.Lock()
			f.runs++
			f.keys = append(f.keys, key.Fingerprint())
			rs := append([]checks.Result(nil), f.results...)
			block := f.block
			f.mu.Unlock()
			for _, r := range rs {
				onResult(r)
			}
			if block {
				<-ctx.Done()
				f.mu.Lock()
				f.cancelled++
				f.mu.Unlock()
			}
		},
		PlanSave: func(path string, key apikey.Key) (SavePlan, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.planPaths = append(f.planPaths, path)
			if f.planErr != nil {
				return SavePlan{}, f.planErr
			}
			if f.planLines != nil {
				return SavePlan{Lines: f.planLines}, nil
			}
			return SavePlan{Lines: []string{
				"+ OPENAI_API_KEY=" + key.Fingerprint() + "  (" + path + ", new line 1)",
				"+ /" + path + "  (.gitignore)",
			}}, nil
		},
		Save: func(path string, key apikey.Key) (SaveReport, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.saveErrs) > 0 {
				err := f.saveErrs[0]
				f.saveErrs = f.saveErrs[1:]
				return SaveReport{}, err
			}
			f.saved = append(f.saved, path)
			return SaveReport{Files: []string{path, ".gitignore"}, Lines: []string{"added OPENAI_API_KEY"}}, nil
		},
		OpenURL: func(url string) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.opened = append(f.opened, url)
			return f.openErr
		},
		AutoOpen: true,
		EnvPath:  ".env",
		KeyName:  "myapp-testhost-2026-12",
	}
}

// newTest builds a model with no timers: no spinner ticks, no minimum spin.
func newTest(t *testing.T, opts Options) Model {
	t.Helper()
	m := New(opts)
	m.animate = false
	m.minSpin = 0
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// key names to key presses.
func press(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+v":
		return tea.KeyPressMsg{Code: 'v', Mod: tea.ModCtrl}
	case "ctrl+t":
		return tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// update sends one message and drains the commands it returns.
func update(t *testing.T, m Model, msg tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	next, cmd := m.Update(msg)
	return drain(t, next.(Model), cmd)
}

// keys presses each named key in turn, draining after each.
func keys(t *testing.T, m Model, names ...string) (Model, []tea.Msg) {
	t.Helper()
	var all []tea.Msg
	for _, n := range names {
		var out []tea.Msg
		m, out = update(t, m, press(n))
		all = append(all, out...)
	}
	return m, all
}

// typeText types s one key at a time.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m, _ = update(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// drain runs cmd and every command it leads to, feeding back only the
// wizard's own messages; anything else (quit, clipboard, component ticks)
// is returned for inspection.
func drain(t *testing.T, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var other []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case urlOpenedMsg, copiedMsg, streamItem[checks.Result], streamEnd[checks.Result], minSpinMsg, planMsg, dirCreatedMsg, savedMsg, savedCheckMsg,
			oldCheckedMsg, replacePlanMsg, replacedMsg, streamItem[waitEvent], streamEnd[waitEvent], adminRevokedMsg,
			pushedMsg, baseURLWrittenMsg,
			provPlanMsg, streamItem[provEvent], streamEnd[provEvent], provDeletedMsg, streamItem[provCheck], streamEnd[provCheck]:
			next, cmd := m.Update(msg)
			m = next.(Model)
			queue = append(queue, cmd)
		case nil:
		default:
			other = append(other, msg)
		}
	}
	return m, other
}

// screen is the view without ANSI escapes.
func screen(m Model) string { return ansi.Strip(m.View().Content) }

func hasMsg[T any](msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(T); ok {
			return true
		}
	}
	return false
}

// toPaste walks a fresh model from the welcome screen to the paste screen.
func toPaste(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = keys(t, m, "enter", "enter", "enter", "enter", "enter")
	if m.cur().stage != stagePaste {
		t.Fatalf("stage = %v, want paste", m.cur().stage)
	}
	return m
}

// toChecks pastes key and submits it.
func toChecks(t *testing.T, m Model, key string) Model {
	t.Helper()
	m = toPaste(t, m)
	m, _ = update(t, m, tea.PasteMsg{Content: key})
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageChecks {
		t.Fatalf("stage = %v, want checks; screen:\n%s", m.cur().stage, screen(m))
	}
	return m
}

var errDisk = errors.New("permission denied")

// viewDoneText is the done screen's whole text, for tests that look past
// the window's height.
func (m Model) viewDoneText() string { return strings.Join(m.viewDone(), "\n") }
