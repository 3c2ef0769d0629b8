package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/steps"
)

// RunAccessible runs the same wizard as plain line-by-line prompts, with no
// full-screen drawing, spinners, colour or terminal queries, for screen
// readers and dumb terminals: the same choices, guards and words. Lines are
// read from in; the key is read only through readSecret, which must not
// echo. If readSecret fails, RunAccessible says so and stops: it never falls
// back to an echoing read. Every prompt takes "back" and "q".
func RunAccessible(ctx context.Context, in io.Reader, out io.Writer, readSecret func() (string, error), opts Options) (Outcome, error) {
	a := &accessible{ctx: ctx, in: bufio.NewReader(in), out: out, opts: opts, readSecret: readSecret, opened: map[string]bool{}}
	return a.run()
}

// errQuit ends the accessible run when the user quits or input ends;
// errBack goes to the previous prompt.
var (
	errQuit = errors.New("quit")
	errBack = errors.New("back")
)

type accessible struct {
	ctx        context.Context
	in         *bufio.Reader
	out        io.Writer
	opts       Options
	readSecret func() (string, error)

	prov    *accProv // the admin-key route, when chosen
	key     apikey.Key
	unsaved bool            // a key was accepted and is not saved
	openNow bool            // enter left the last step: open this one's page
	results []checks.Result // the last run's results
	opened  map[string]bool
}

func (a *accessible) say(format string, args ...any) { fmt.Fprintf(a.out, format+"\n", args...) }

// ask prints prompt and reads one line: end of input or q quits, back goes
// back.
func (a *accessible) ask(prompt string) (string, error) {
	if err := a.ctx.Err(); err != nil {
		return "", err
	}
	fmt.Fprint(a.out, prompt)
	line, err := a.in.ReadString('\n')
	if err != nil && line == "" {
		a.say("")
		return "", errQuit
	}
	line = strings.TrimSpace(line)
	switch strings.ToLower(line) {
	case "q", "quit":
		return "", errQuit
	case "back":
		return "", errBack
	}
	return line, nil
}

func (a *accessible) run() (Outcome, error) {
	out, err := a.walk()
	switch {
	case errors.Is(err, errQuit):
		if a.unsaved && a.prov != nil {
			return a.provisionQuit(), nil
		}
		if a.unsaved {
			a.say("Quit without saving the key you pasted. Run openai-setup again and choose 3 to paste it.")
			return Outcome{Quit: true, QuitUnsaved: true}, nil
		}
		a.say("Quit. Nothing was saved. Run openai-setup again any time.")
		return Outcome{Quit: true}, nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return Outcome{Interrupted: true}, nil
	}
	return out, err
}

// page is one prompt of the walk: it returns errBack to go back, nil to go
// on, or a final outcome with done set.
type page func() (out Outcome, done bool, err error)

// walk asks the route's pages in turn; back goes to the previous one.
func (a *accessible) walk() (Outcome, error) {
	a.say("openai-setup: get a working OpenAI API key, checked and saved in %s.", a.envPath())
	a.say("At any prompt, type back to go back, or q to quit.")
	for {
		r, out, done, err := a.welcome()
		if err != nil || done {
			return out, err
		}
		pages := a.pages(r)
		for i := 0; i < len(pages); {
			out, done, err := pages[i]()
			switch {
			case errors.Is(err, errBack):
				i--
			case err != nil:
				return Outcome{}, err
			case done:
				return out, nil
			default:
				i++
			}
			if i < 0 {
				break
			}
		}
	}
}

// welcome offers the same choices as the full-screen Welcome.
func (a *accessible) welcome() (route, Outcome, bool, error) {
	a.say("")
	if e := a.opts.Existing; e != nil {
		a.say("You already have a key: %s in %s.", e.Fingerprint, orDefault(e.Source, "your environment"))
		a.say("  0. Keep %s and check it where it is", e.Fingerprint)
	}
	a.say("Where are you starting from?")
	m := Model{opts: a.opts} // numbered as the full-screen Welcome numbers them
	for _, r := range m.choices() {
		if r != routeKeep {
			a.say("  %d. %s", m.choiceNumber(r), routeLabels[r])
		}
	}
	if a.opts.Existing != nil {
		replace := "1 to 3"
		if a.opts.Provision != nil {
			replace += fmt.Sprintf(" or %d", m.choiceNumber(routeAdmin))
		}
		a.say("Choosing %s replaces it; the old key stays live until you revoke it on the API keys page.", replace)
	}
	def := routeNew
	if a.opts.Existing != nil {
		def = routeKeep
	}
	for {
		ans, err := a.ask(fmt.Sprintf("Choose a number [%d]: ", m.choiceNumber(def)))
		if errors.Is(err, errBack) {
			a.say("This is the first question.")
			continue
		}
		if err != nil {
			return 0, Outcome{}, false, err
		}
		r, ok := def, ans == ""
		for _, c := range m.choices() {
			if !ok && ans == strconv.Itoa(m.choiceNumber(c)) {
				r, ok = c, true
			}
		}
		if !ok {
			a.say("Type a number from the list.")
			continue
		}
		switch {
		case r == routeKeep:
			a.key = a.opts.Existing.Key
			if _, err := a.runChecks(false); err != nil {
				return 0, Outcome{}, false, err
			}
			a.say("Your key %s is kept. Nothing was written.", a.key.Fingerprint())
			a.sayLines(snippetLines(a.envPath()))
			a.say("Check your setup any time: openai-setup doctor")
			return 0, Outcome{Kept: true, Fingerprint: a.key.Fingerprint(), Snippets: snippetLines(a.envPath())}, true, nil
		case r == routeLeaked:
			return 0, Outcome{Quit: true, StartRotate: true}, true, nil
		}
		return r, Outcome{}, false, nil
	}
}

// pages are route r's prompts after Welcome.
func (a *accessible) pages(r route) []page {
	a.prov = nil
	if r == routeAdmin && a.opts.Provision != nil {
		return a.provisionPages()
	}
	var list []steps.Step
	for _, st := range a.opts.Steps {
		if containsStr(routeSteps[r], st.ID) {
			list = append(list, st.WithKeyName(a.opts.KeyName))
		}
	}
	total := len(list) + 3
	var out []page
	for i, st := range list {
		out = append(out, func() (Outcome, bool, error) { return Outcome{}, false, a.step(st, i+1, total) })
	}
	out = append(out,
		func() (Outcome, bool, error) { return Outcome{}, false, a.paste(len(list)+1, total) },
		func() (Outcome, bool, error) { return Outcome{}, false, a.checksPage(len(list)+2, total) },
		func() (Outcome, bool, error) { return a.save(len(list)+3, total) },
	)
	return out
}

// step shows one dashboard step; enter goes on (and opens the next step's
// page when allowed, as the full screen does), s skips, o opens.
func (a *accessible) step(st steps.Step, i, n int) error {
	a.say("")
	a.say("Step %d of %d: %s", i, n, st.Title)
	a.say("Page: %s", st.URL)
	for _, p := range st.Body {
		a.say("%s", strings.Replace(p, "- ", "  * ", 1))
	}
	for _, l := range st.More {
		a.say("%s: %s", l.Label, l.URL)
	}
	switch {
	case a.opts.AutoOpen && a.openNow && !a.opened[st.ID]:
		a.opened[st.ID] = true
		a.open(st.URL)
	case !a.opts.AutoOpen && a.opts.BrowserNote != "":
		a.say("%s", a.opts.BrowserNote)
	}
	a.openNow = false
	for {
		ans, err := a.ask("Press Enter when done (s to skip, o to open the page): ")
		if err != nil {
			return err
		}
		switch strings.ToLower(ans) {
		case "":
			a.openNow = true // as on the full screen: enter opens the next page
			return nil
		case "s":
			return nil
		case "o":
			a.open(st.URL)
		default:
			a.say("Press Enter, or type s, o, back or q.")
		}
	}
}

// paste reads the key without echo until it is one acceptable key. An
// empty line asks again; back and q work here too.
func (a *accessible) paste(i, n int) error {
	for {
		raw, err := a.readPasted("key", "openai-setup --with-key", func() {
			a.say("")
			a.say("Step %d of %d: Paste your key and press Enter. It is not shown as you type.", i, n)
		})
		if err != nil {
			return err
		}
		cleaned, codes := apikey.Clean(raw)
		if p := pasteProblem(cleaned); p != "" {
			a.say("Refused: %s", p)
			continue
		}
		v := apikey.Validate(cleaned)
		if v.Severity == apikey.Invalid {
			a.say("Refused: %s", sentence(v.Message))
			continue
		}
		if len(codes) > 0 {
			a.say("Removed %s.", cleanWords(codes))
		}
		if v.Severity == apikey.Warning {
			a.say("Warning: %s", sentence(v.Message))
		}
		a.say("Got a %s: %s.", v.Kind.Label(), apikey.Fingerprint(cleaned))
		a.key, a.unsaved = apikey.New(cleaned), true
		return nil
	}
}

// checksPage asks before the paid check (as the full screen does), runs
// the checks and, when one fails, asks what next.
func (a *accessible) checksPage(i, n int) error {
	a.say("")
	a.say("Step %d of %d: Check it against the API.", i, n)
	free := false
	if a.opts.RunFreeChecks != nil && !a.opts.NoSpend {
		a.say("One check (model access) sends the smallest real request, which costs under a cent; the others are free.")
		for {
			ans, err := a.ask("Press Enter to run every check, or type n to run them without the paid one: ")
			if err != nil {
				return err
			}
			if ans == "" || strings.EqualFold(ans, "n") {
				free = ans != ""
				break
			}
			a.say("Press Enter, or type n, back or q.")
		}
	}
	for {
		failed, err := a.runChecks(free)
		if err != nil || !failed {
			return err
		}
		for {
			ans, err := a.ask("Some checks failed. [p]aste another key / [r]e-run / [s]ave anyway / [q]uit: ")
			if err != nil {
				return err
			}
			switch strings.ToLower(ans) {
			case "p":
				return errBack
			case "r":
			case "s":
				return nil
			default:
				a.say("Type p, r, s, back or q.")
				continue
			}
			break
		}
	}
}

// runChecks runs the checks on a.key, printing each result as a word, and
// reports whether any failed.
func (a *accessible) runChecks(free bool) (bool, error) {
	a.results = nil
	run := a.opts.RunChecks
	if free && a.opts.RunFreeChecks != nil {
		run = a.opts.RunFreeChecks
	}
	if run == nil {
		return false, nil
	}
	a.say("Checking %s against the API…", a.key.Fingerprint())
	want := map[string]bool{}
	for _, s := range a.opts.Checks {
		want[s.ID] = true
	}
	key := a.key
	st, first := startStream(a.ctx, 1, len(a.opts.Checks)+16, func(ctx context.Context, send func(checks.Result)) {
		run(ctx, key, send)
	})
	for msg := first(); ; msg = st.next()() {
		switch m := msg.(type) {
		case streamItem[checks.Result]:
			r := m.value
			if len(want) == 0 || want[r.ID] {
				a.results = append(a.results, r)
				a.sayResult(r)
			}
		case streamEnd[checks.Result]:
			failed := false
			for _, r := range a.results {
				failed = failed || r.Status == checks.Fail
			}
			return failed, a.ctx.Err()
		}
	}
}

// sayResult prints one result in the full screen's words.
func (a *accessible) sayResult(r checks.Result) {
	a.say("[%s] %s: %s", r.Status, checkName(r.ID), resultWords(r, a.results))
	if r.Status == checks.Fail || r.Status == checks.Warn {
		if r.Fix != "" {
			a.say("  Fix: %s", inWords(r.Fix))
		}
		if r.URL != "" {
			a.say("  Page: %s", r.URL)
		}
	}
}

// failures are the last run's failed results.
func (a *accessible) failures() []checks.Result {
	var out []checks.Result
	for _, r := range a.results {
		if r.Status == checks.Fail {
			out = append(out, r)
		}
	}
	return out
}

// save asks where, shows the plan, asks before writing (a key the API
// rejected needs "save" typed, as on the full screen), writes, then says
// what an app will get.
func (a *accessible) save(i, n int) (Outcome, bool, error) {
	path := a.envPath()
	a.say("")
	a.say("Step %d of %d: Save it, with %s kept out of git.", i, n, path)
	fails := a.failures()
	for _, r := range fails {
		a.say("Failed: %s: %s", checkName(r.ID), inWords(r.Summary))
	}
	for {
		ans, err := a.ask(fmt.Sprintf("Save to [%s]: ", path))
		if err != nil {
			return Outcome{}, false, err
		}
		if keyShaped.MatchString(ans) {
			a.say("Refused: %s.", errKeyAsPath)
			continue
		}
		if ans != "" {
			path = ans
		}
		var plan SavePlan
		if a.opts.PlanSave != nil {
			plan, err = a.opts.PlanSave(path, a.key)
			if err != nil {
				a.say("Cannot save there: %s", sentence(err.Error()))
				continue
			}
			a.say("What will change:")
			a.sayLines(plan.Lines)
		}
		// A file git cannot say is tracked gets its own question instead
		// of "Write these changes?"; the yes is for this one write.
		anyway := plan.TrackedUnknown != ""
		if (!anyway || keyRejectedIn(fails)) && !a.confirmWrite(keyRejectedIn(fails)) {
			continue
		}
		save := a.opts.Save
		if anyway {
			ans, err := a.ask(fmt.Sprintf("git could not say whether %s is tracked (%s), so a key saved there might be committed. Save anyway? [y/N]: ", path, plan.TrackedUnknown))
			if err != nil || !strings.EqualFold(ans, "y") {
				a.say("Nothing was written.")
				continue
			}
			save = a.opts.SaveAnyway
		}
		if save == nil {
			return Outcome{}, false, errors.New("saving is not available")
		}
		rep, err := save(path, a.key)
		if err != nil {
			a.say("Could not save: %s", sentence(err.Error()))
			continue
		}
		a.unsaved = false
		if a.prov != nil { // the new key is checked once it is saved
			fails = a.provisionChecks(i+1, n)
		}
		return a.done(path, rep, fails), true, nil
	}
}

// confirmWrite asks before writing; a rejected key needs "save" typed.
func (a *accessible) confirmWrite(rejected bool) bool {
	prompt := "Write these changes? [Y/n]: "
	if rejected {
		a.say("This key will not work as it is.")
		prompt = "Type save to write it anyway, or press Enter to change the path: "
	}
	for {
		ans, err := a.ask(prompt)
		switch {
		case err != nil:
			return false
		case rejected:
			return strings.EqualFold(ans, saveWord)
		case ans == "" || strings.EqualFold(ans, "y"):
			return true
		case strings.EqualFold(ans, "n"):
			return false
		}
		a.say("Type y or n.")
	}
}

// done reads the saved state again and says first whether apps get the key,
// as the full-screen Done does.
func (a *accessible) done(path string, rep SaveReport, fails []checks.Result) Outcome {
	var sc SavedCheck
	if a.opts.CheckSaved != nil {
		sc = a.opts.CheckSaved(a.ctx, path, a.key)
	}
	m := Model{key: a.key, recheck: recheck{result: sc}}
	m.checkRun.minShown = true
	m.checkRun.results = map[string]checks.Result{}
	for _, r := range a.results {
		m.checkRun.results[r.ID] = r
		m.opts.Checks = append(m.opts.Checks, checks.Spec{ID: r.ID})
	}
	todo := m.doneTodo()
	a.say("")
	switch {
	case sc.Shadow != nil:
		a.say("Your app will not get this key.")
	case len(fails) > 0:
		a.say("Your key %s is saved, but it failed a check.", a.key.Fingerprint())
	default:
		a.say("Saved key %s.", a.key.Fingerprint())
	}
	for _, f := range rep.Files {
		a.say("  wrote %s", f)
	}
	for _, w := range rep.Warnings {
		a.say("  warning: %s", w)
	}
	if len(todo) > 0 {
		a.say("Still to do:")
		a.sayLines(todo)
	}
	a.say("Use it from your code; each reads OPENAI_API_KEY:")
	a.sayLines(snippetLines(path))
	a.say("Check your setup any time: openai-setup doctor")
	var failing []string
	for _, r := range fails {
		failing = append(failing, checkName(r.ID))
	}
	return Outcome{Saved: true, Fingerprint: a.key.Fingerprint(), Files: rep.Files, Shadowed: sc.Shadow != nil,
		Failing: failing, Todo: todo, Snippets: snippetLines(path)}
}

func (a *accessible) sayLines(lines []string) {
	for _, l := range lines {
		a.say("  %s", l)
	}
}

func (a *accessible) open(url string) {
	if a.opts.OpenURL == nil {
		return
	}
	if err := a.opts.OpenURL(url); err != nil {
		a.say("Could not open it (%v): open it yourself.", err)
		return
	}
	a.say("Opened in your browser.")
}

func (a *accessible) envPath() string { return orDefault(a.opts.EnvPath, ".env") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// readPasted reads one pasted secret (what: "key", "admin key") without
// echo, saying prompt first each time: an empty or refused paste asks
// again, back and q end it (errBack, errQuit). Without a terminal to read
// it from, it says to use instead.
func (a *accessible) readPasted(what, instead string, prompt func()) (string, error) {
	for {
		if err := a.ctx.Err(); err != nil {
			return "", err
		}
		prompt()
		if a.readSecret == nil {
			a.say("Cannot read the %s without showing it: no terminal. Use %s instead.", what, instead)
			return "", errors.New("no way to read the " + what + " without echo")
		}
		raw, err := a.readSecret()
		if err != nil {
			a.say("Cannot read the %s without showing it (%v). Use %s instead.", what, err, instead)
			return "", fmt.Errorf("reading the %s: %w", what, err)
		}
		switch strings.ToLower(strings.TrimSpace(raw)) {
		case "":
			a.say("Nothing was pasted. Paste the %s, or type back or q.", what)
			continue
		case "back":
			return "", errBack
		case "q", "quit":
			return "", errQuit
		}
		if err := apikey.CheckInput(raw); err != nil {
			a.say("%s", inputRefusal("Refused: ", err))
			continue
		}
		return raw, nil
	}
}
