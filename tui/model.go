package tui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/steps"
)

// stage is the kind of screen; every dashboard step shares stageStep.
type stage int

const (
	stageWelcome stage = iota
	stageStep
	stagePaste
	stageChecks
	stageSave
	stageDone
	// rotate's own screens (Options.Rotate)
	stageRotIntro
	stageReplace
	stageRevoke
	// the admin-key route's own screens (Options.Provision)
	stageAdminKey
	stageProvPlan
	stageProvRun
)

// stop is one place in the wizard: a stage, and for stageStep which step.
type stop struct {
	stage stage
	step  int
}

// Model is the wizard. It is a value: Update returns the next one.
type Model struct {
	opts   Options
	steps  []steps.Step // Options.Steps with the key name filled in
	stops  []stop
	pos    int
	choice int // the highlighted Welcome choice

	width, height int
	dark          bool
	styles        *styles // a pointer: ~18 KB, and the model is copied on every message
	keys          keyMap
	help          help.Model
	showHelp      bool
	scroll        int

	// The text inputs are pointers: ~8 KB each, and Bubble Tea copies the
	// model on every message and frame.
	input *textinput.Model // the key, masked
	path  *textinput.Model // where to save
	// confirm takes the typed "save" that saving a rejected key needs;
	// confirming is whether it has the focus instead of path.
	confirm    *textinput.Model
	confirming bool
	confirmErr string // why enter did not save
	// askAnyway is whether the Save screen asks "Save anyway? y/N" about a
	// file git could not say is tracked; the answer is for one write.
	askAnyway  bool
	swallowKey bool // a key typed into the path was refused; drop its rest
	spin       spinner.Model

	// animate and minSpin are off in unit tests, so that no command
	// sleeps and every picture is the same.
	animate  bool
	minSpin  time.Duration
	spinning bool

	key      apikey.Key // the accepted key, cleaned
	inputErr string     // why the paste or the key was refused
	keepOld  bool       // checking the existing key in place
	unsaved  bool       // a pasted key is accepted and not yet saved

	checkRun checkRun // the Checks screen's run

	opened  map[string]bool   // steps whose page was opened on entry
	browser map[string]string // url -> what happened when opening it
	notice  string            // a one-line note, such as "link copied"

	save    fileWrite[SavePlan, SaveReport] // the Save screen's write
	pathErr string                          // why the typed path was refused

	recheck recheck // what apps get after the save

	pushes []pushState // the Done screen's pushes, by PushOffers index

	regional regionalFix // the Checks screen's OPENAI_BASE_URL fix

	agentsDeny bool // the Save screen's toggle: also write the agent deny rules

	rot rotation // the rotate flow's state, when Options.Rotate is set

	prov provisioning // the admin-key route's state (Options.Provision)

	confirmQuit bool
	outcome     Outcome
}

// New builds the wizard from opts; opts.Context is required.
func New(opts Options) Model {
	if opts.Context == nil {
		panic("tui.New: Options.Context is nil; pass the command's context")
	}
	m := Model{
		opts:    opts,
		keys:    defaultKeys(),
		help:    help.New(),
		spin:    spinner.New(spinner.WithSpinner(dotSpinner())),
		animate: true,
		minSpin: minSpin,
		opened:  map[string]bool{},
		browser: map[string]string{},
		dark:    true,
	}
	for _, s := range opts.Steps {
		m.steps = append(m.steps, s.WithKeyName(opts.KeyName))
	}
	first, last := stageWelcome, stageSave
	if opts.Rotate != nil {
		first, last = stageRotIntro, stageReplace
		m.rot = newRotation(m.ctx(), opts.Rotate)
		m.spinning = true // Init starts the spinner for the old key's check
	}
	if opts.Rotate == nil {
		m.setRoute(routeNew)
	} else {
		m.stops = append(m.stops, stop{stage: first})
		for i := range m.steps {
			m.stops = append(m.stops, stop{stage: stageStep, step: i})
		}
		m.stops = append(m.stops, stop{stage: stagePaste}, stop{stage: stageChecks}, stop{stage: last})
		m.stops = append(m.stops, stop{stage: stageRevoke}, stop{stage: stageDone})
	}

	m.input = newInput()
	m.input.Prompt = "Key: "
	m.input.Placeholder = "paste your key here (sk-proj-…)"
	m.input.EchoMode = textinput.EchoPassword
	m.input.EchoCharacter = '•'
	m.input.CharLimit = apikey.MaxInput
	// ctrl+v would read the clipboard behind our back, skipping the
	// size check: a terminal paste arrives as tea.PasteMsg instead.
	m.input.KeyMap.Paste.SetEnabled(false)

	m.prov = newProvisioning(opts.Provision)

	m.path = newInput()
	m.path.Prompt = "Save to: "
	m.path.CharLimit = 4096
	m.path.KeyMap.Paste.SetEnabled(false)
	m.confirm = newInput()
	m.confirm.Prompt = "Type save: "
	m.confirm.CharLimit = 16
	m.confirm.KeyMap.Paste.SetEnabled(false)

	m.path.SetValue(opts.EnvPath)
	if m.path.Value() == "" {
		m.path.SetValue(".env")
	}
	m.setStyles(true)
	m.setSize(80, 24)
	m.width, m.height = 0, 0
	return m
}

// dotSpinner is spinner.Dot without the space after each frame, so a
// spinning line lines up with the ✓ that replaces it.
func dotSpinner() spinner.Spinner {
	sp := spinner.Dot
	sp.Frames = make([]string, len(spinner.Dot.Frames))
	for i, f := range spinner.Dot.Frames {
		sp.Frames[i] = strings.TrimSpace(f)
	}
	return sp
}

// Init asks the terminal for its background colour, to pick light or dark
// styles (the first window size comes by itself); rotate also starts
// checking the old key.
func (m Model) Init() tea.Cmd {
	if m.rotating() {
		cmds := []tea.Cmd{tea.RequestBackgroundColor, checkOld(m.rot.oldCtx, m.rot.opts.CheckOld)}
		if m.animate {
			cmds = append(cmds, m.spin.Tick) // New set m.spinning for this chain
		}
		return tea.Batch(cmds...)
	}
	return tea.RequestBackgroundColor
}

// View draws the current screen, full-window.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "openai-setup"
	return v
}

// Outcome says how the wizard ended. Read it after the program returns.
func (m Model) Outcome() Outcome { return m.outcome }

func (m Model) cur() stop { return m.stops[m.pos] }

// ctx is the command's context, the root of everything the wizard starts
// (Options.Context, which New requires).
func (m Model) ctx() context.Context { return m.opts.Context }

// Update routes a message: always-on messages first, then the key handler
// of the current screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return m, nil
	case spinner.TickMsg:
		if !m.spinnersVisible() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case urlOpenedMsg:
		if msg.err != nil {
			m.browser[msg.url] = "could not open it (" + msg.err.Error() + "): open it yourself"
		} else {
			m.browser[msg.url] = "opened in your browser"
		}
		return m, nil
	case streamItem[checks.Result], streamEnd[checks.Result], minSpinMsg:
		return m.updateCheckMsg(msg)
	case planMsg:
		m.save.planned(msg.id, msg.plan, msg.err)
		m.askAnyway = false // a new plan asks again
		return m, nil
	case dirCreatedMsg:
		return m.updateDirCreated(msg)
	case savedMsg:
		if m.provisioning() {
			return m.provisionSaved(msg)
		}
		return m.updateSaved(msg)
	case copiedMsg:
		return m.copied(msg)
	case savedCheckMsg:
		return m.updateSavedCheck(msg)
	case pushedMsg:
		return m.updatePushed(msg)
	case baseURLWrittenMsg:
		return m.updateBaseURLWritten(msg)
	case oldCheckedMsg, replacePlanMsg, replacedMsg, streamItem[waitEvent], streamEnd[waitEvent], countdownMsg, adminRevokedMsg:
		return m.updateRotateMsg(msg)
	case provPlanMsg, streamItem[provEvent], streamEnd[provEvent], provDeletedMsg, streamItem[provCheck], streamEnd[provCheck]:
		return m.updateProvisionMsg(msg)
	case tea.PasteMsg:
		switch m.cur().stage {
		case stagePaste:
			return m.pasteKey(msg)
		case stageSave:
			return m.pastePath(msg)
		case stageAdminKey:
			return m.pasteAdminKey(msg)
		case stageProvPlan:
			return m.pastePlanField(msg)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.updateKey(msg)
	}
	// Anything else (cursor messages) belongs to the focused input.
	return m.updateInputs(msg)
}

// updateKey handles a key press: ctrl+c, the quit confirmation, the keys
// every screen shares, then the screen's own.
func (m Model) updateKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.activeKeys()
	if key.Matches(msg, k.Interrupt) && m.rotating() {
		return m.interruptRotate()
	}
	if key.Matches(msg, k.Interrupt) {
		switch {
		case m.confirmQuit:
			return m.quit() // the second ctrl+c confirms
		case (m.unsaved || m.prov.inFlight()) && !m.rotating():
			m.confirmQuit = true
			return m, nil
		}
		m.stopChecks()
		m.rot.stopAll()
		m.prov.stopAll()
		m.outcome.Interrupted = true
		return m, tea.Interrupt
	}
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes):
			return m.quit()
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return m, nil
	}
	if m.cur().stage == stageWelcome && (msg.String() == "up" || msg.String() == "down") {
		return m.updateWelcome(msg, k) // arrows move the choice here
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		return m, nil
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Up):
		m.scroll = max(0, m.scroll-1)
		return m, nil
	case key.Matches(msg, k.Down):
		m.scroll = min(m.scroll+1, m.maxScroll())
		return m, nil
	}
	m.notice = ""
	switch m.cur().stage {
	case stageWelcome:
		return m.updateWelcome(msg, k)
	case stageStep:
		return m.updateStep(msg, k)
	case stagePaste:
		return m.updatePaste(msg, k)
	case stageChecks:
		return m.updateChecks(msg, k)
	case stageSave:
		return m.updateSave(msg, k)
	case stageDone:
		return m.updateDone(msg, k)
	case stageRotIntro:
		return m.updateRotIntro(msg, k)
	case stageReplace:
		return m.updateReplace(msg, k)
	case stageRevoke:
		return m.updateRevoke(msg, k)
	case stageAdminKey:
		return m.updateAdminKey(msg, k)
	case stageProvPlan:
		return m.updatePlan(msg, k)
	case stageProvRun:
		return m.updateRun(msg, k)
	}
	return m, nil
}

// updateInputs forwards a message to whichever input has focus.
func (m Model) updateInputs(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.cur().stage {
	case stagePaste:
		*m.input, cmd = m.input.Update(msg)
	case stageSave:
		if m.confirming {
			*m.confirm, cmd = m.confirm.Update(msg)
		} else {
			*m.path, cmd = m.path.Update(msg)
		}
	case stageAdminKey, stageProvPlan:
		return m.updateProvisionInput(msg)
	}
	return m, cmd
}

// activeKeys is the key map of the current screen: only the keys that work
// here are enabled, so Update and the help bar agree.
func (m Model) activeKeys() keyMap { return m.layout().keys }

// scrollKeys enables the scroll keys; where letters type, only the arrows.
func (m Model) scrollKeys(k *keyMap) {
	on(&k.Up, &k.Down)
	if st := m.cur().stage; st == stagePaste || st == stageSave || st == stageAdminKey || st == stageProvPlan {
		k.Up.SetKeys("up")
		k.Down.SetKeys("down")
		k.Up.SetHelp("↑", "scroll up")
		k.Down.SetHelp("↓", "scroll down")
	}
}

// screenKeys are the keys of the current screen, scrolling aside: the
// shared ones, then the screen's row of screenKeyTable.
func (m Model) screenKeys() keyMap {
	k := m.keys.disabled()
	on(&k.Interrupt)
	if m.confirmQuit {
		on(&k.Yes, &k.No)
		return k
	}
	if set := screenKeyTable[m.cur().stage]; set != nil {
		set(m, &k)
	}
	return k
}

// askQuit quits, or asks first when a key would be lost.
func (m Model) askQuit() (tea.Model, tea.Cmd) {
	if m.unsaved || m.prov.inFlight() {
		m.confirmQuit = true
		return m, nil
	}
	return m.quit()
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	m.stopChecks()
	m.rot.stopAll()
	m.prov.stopAll()
	if m.rotating() {
		m.outcome.Revocation = m.rot.revocation()
		if !m.key.IsZero() {
			m.outcome.Unsaved, m.outcome.Fingerprint = m.unsaved, m.key.Fingerprint()
		}
	}
	m.outcome.QuitUnsaved = m.confirmQuit && (m.unsaved || m.prov.inFlight())
	m.confirmQuit = false
	m.outcome.Quit = m.cur().stage != stageDone
	return m, tea.Quit
}

// next, back and jump are the only writers of the position; each then
// runs the entry effects of the screen it reaches (enter).
func (m Model) next() (Model, tea.Cmd) { return m.goTo(m.beside(1)) }
func (m Model) back() (Model, tea.Cmd) { return m.goTo(m.beside(-1)) }
func (m Model) jump(s stage) (Model, tea.Cmd) {
	return m.goTo(m.indexOf(s))
}

// beside is the position by stops away from the current one.
func (m Model) beside(by int) int { return m.pos + by }

// goTo moves to position pos (only next, back and jump call it) and enters
// that screen.
func (m Model) goTo(pos int) (Model, tea.Cmd) {
	if pos < 0 || pos >= len(m.stops) {
		return m, nil
	}
	m.stopChecks()
	m.rot.wait.stop()
	m.pos = pos
	m.scroll = 0
	m.notice = ""
	m.input.Blur()
	m.path.Blur()
	m.confirm.Blur()
	m.prov.blur()
	return m.enter()
}

// enter runs what reaching the current screen starts: the only place for
// entry effects.
func (m Model) enter() (Model, tea.Cmd) {
	switch m.cur().stage {
	case stageStep:
		return m.enterStep()
	case stagePaste:
		m.checkRun.reset() // a new key is coming
		return m, m.input.Focus()
	case stageChecks:
		return m.askOrStart()
	case stageSave:
		m.confirm.Reset()
		m.confirmErr = ""
		m.confirming = m.keyRejected()
		cmd := m.focusSave()
		m.path.CursorEnd()
		m, plan := m.requestPlan()
		return m, tea.Batch(cmd, plan)
	case stageReplace:
		return m.requestReplacePlan()
	case stageRevoke:
		return m.enterRevoke()
	case stageAdminKey:
		return m.enterAdminKey()
	case stageProvPlan:
		return m.enterPlan()
	case stageProvRun:
		return m.enterRun()
	}
	return m, nil
}

// indexOf is the position of the first stop of stage s.
func (m Model) indexOf(s stage) int {
	for i, st := range m.stops {
		if st.stage == s {
			return i
		}
	}
	return 0
}

func (m *Model) setStyles(dark bool) {
	m.dark = dark
	m.styles = newStyles(dark)
	m.help.Styles = m.styles.Help
	m.input.SetStyles(m.styles.Input)
	m.path.SetStyles(m.styles.Input)
	m.confirm.SetStyles(m.styles.Input)
	m.prov.setStyles(m.styles.Input)
	m.spin.Style = m.styles.Spinner
}

// checksOrder lists result ids in catalog order, others after.
func checksOrder(results map[string]checks.Result) []string {
	var ids []string
	for _, s := range checks.Catalog() {
		if _, ok := results[s.ID]; ok {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// newInput is a new text input, held by pointer in the model.
func newInput() *textinput.Model {
	in := textinput.New()
	return &in
}
