package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// RunAccessible runs the same steps as plain line-by-line prompts, with no
// full-screen drawing, spinners or colour, for screen readers and dumb
// terminals. Lines are read from in; the key is read only through
// readSecret, which must not echo. If readSecret fails, RunAccessible says
// so and stops: it never falls back to an echoing read.
func RunAccessible(ctx context.Context, in io.Reader, out io.Writer, readSecret func() (string, error), opts Options) (Outcome, error) {
	a := &accessible{ctx: ctx, in: bufio.NewReader(in), out: out, opts: opts}
	return a.run(readSecret)
}

// errQuit ends the accessible run when the user quits or input ends.
var errQuit = errors.New("quit")

type accessible struct {
	ctx  context.Context
	in   *bufio.Reader
	out  io.Writer
	opts Options
}

func (a *accessible) say(format string, args ...any) { fmt.Fprintf(a.out, format+"\n", args...) }

// ask prints prompt and reads one line; end of input or q means quit.
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
	if strings.EqualFold(line, "q") {
		return "", errQuit
	}
	return line, nil
}

func (a *accessible) run(readSecret func() (string, error)) (Outcome, error) {
	out, err := a.steps(readSecret)
	switch {
	case errors.Is(err, errQuit):
		a.say("Quit. Nothing was saved. Run openai-setup again any time.")
		return Outcome{Quit: true}, nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return Outcome{Interrupted: true}, nil
	}
	return out, err
}

func (a *accessible) steps(readSecret func() (string, error)) (Outcome, error) {
	a.say("openai-setup: get a working OpenAI API key, checked and saved in %s.", a.envPath())
	a.say("At any prompt, type q and press Enter to quit.")
	if e := a.opts.Existing; e != nil {
		a.say("")
		a.say("You already have a key: %s in %s.", e.Fingerprint, orDefault(e.Source, "your environment"))
		ans, err := a.ask("Press Enter to keep it and check it, or type r to replace it: ")
		if err != nil {
			return Outcome{}, err
		}
		if !strings.EqualFold(ans, "r") {
			a.checks(e.Key)
			a.say("Your key %s is kept. Nothing was written.", e.Key.Fingerprint())
			a.say("Check your setup any time: openai-setup doctor")
			return Outcome{Kept: true, Fingerprint: e.Key.Fingerprint()}, nil
		}
	}
	total := len(a.opts.Steps)
	for i, st := range a.opts.Steps {
		st = st.WithKeyName(a.opts.KeyName)
		a.say("")
		a.say("Step %d of %d: %s", i+1, total, st.Title)
		for _, p := range st.Body {
			a.say("%s", strings.Replace(p, "- ", "  * ", 1))
		}
		a.say("Page: %s", st.URL)
		for _, l := range st.More {
			a.say("%s: %s", l.Label, l.URL)
		}
		if a.opts.AutoOpen {
			a.open(st.URL)
		} else if a.opts.BrowserNote != "" {
			a.say("%s", a.opts.BrowserNote)
		}
		ans, err := a.ask("Press Enter when done (s to skip, o to open the page): ")
		for err == nil && strings.EqualFold(ans, "o") {
			a.open(st.URL)
			ans, err = a.ask("Press Enter when done (s to skip): ")
		}
		if err != nil {
			return Outcome{}, err
		}
	}
	key, err := a.readKey(readSecret)
	if err != nil {
		return Outcome{}, err
	}
	for a.checks(key) {
		ans, err := a.ask("Some checks failed. Type p to paste another key, or press Enter to save anyway: ")
		if err != nil {
			return Outcome{}, err
		}
		if !strings.EqualFold(ans, "p") {
			break
		}
		if key, err = a.readKey(readSecret); err != nil {
			return Outcome{}, err
		}
	}
	return a.save(key)
}

// readKey asks for the key until apikey accepts it.
func (a *accessible) readKey(readSecret func() (string, error)) (apikey.Key, error) {
	for {
		if err := a.ctx.Err(); err != nil {
			return apikey.Key{}, err
		}
		a.say("")
		a.say("Paste your key and press Enter. It is not shown as you type. An empty line quits.")
		if readSecret == nil {
			a.say("Cannot read the key without showing it: no terminal. Use openai-setup --with-key instead.")
			return apikey.Key{}, errors.New("no way to read the key without echo")
		}
		raw, err := readSecret()
		if err != nil {
			a.say("Cannot read the key without showing it (%v). Use openai-setup --with-key instead.", err)
			return apikey.Key{}, fmt.Errorf("reading the key: %w", err)
		}
		if strings.TrimSpace(raw) == "" {
			return apikey.Key{}, errQuit
		}
		if err := apikey.CheckInput(raw); err != nil {
			a.say("Refused: %s.", err)
			continue
		}
		cleaned, codes := apikey.Clean(raw)
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
		return apikey.New(cleaned), nil
	}
}

// checks runs the checks, printing each result as a word, and reports
// whether any failed.
func (a *accessible) checks(key apikey.Key) bool {
	if a.opts.RunChecks == nil {
		return false
	}
	a.say("")
	a.say("Checking %s against the API…", key.Fingerprint())
	want := map[string]bool{}
	for _, s := range a.opts.Checks {
		want[s.ID] = true
	}
	results := make(chan checks.Result)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.opts.RunChecks(a.ctx, key, func(r checks.Result) {
			select {
			case results <- r:
			case <-a.ctx.Done():
			}
		})
	}()
	failed := false
	for {
		select {
		case r := <-results:
			if len(want) > 0 && !want[r.ID] {
				continue
			}
			name := checkNames[r.ID]
			if name == "" {
				name = r.ID
			}
			a.say("[%s] %s: %s", r.Status, name, r.Summary)
			if r.Status == checks.Fail || r.Status == checks.Warn {
				if r.Fix != "" {
					a.say("  Fix: %s", r.Fix)
				}
				if r.URL != "" {
					a.say("  Page: %s", r.URL)
				}
			}
			failed = failed || r.Status == checks.Fail
		case <-done:
			return failed
		}
	}
}

func (a *accessible) save(key apikey.Key) (Outcome, error) {
	path := a.envPath()
	for {
		ans, err := a.ask(fmt.Sprintf("Save to [%s]: ", path))
		if err != nil {
			return Outcome{}, err
		}
		if ans != "" {
			path = ans
		}
		if a.opts.PlanSave != nil {
			plan, err := a.opts.PlanSave(path, key)
			if err != nil {
				a.say("Cannot save there: %s", sentence(err.Error()))
				continue
			}
			a.say("What will change:")
			for _, l := range plan.Lines {
				a.say("  %s", l)
			}
		}
		ans, err = a.ask("Write these changes? [Y/n]: ")
		if err != nil {
			return Outcome{}, err
		}
		if strings.EqualFold(ans, "n") {
			continue
		}
		if a.opts.Save == nil {
			return Outcome{}, errors.New("saving is not available")
		}
		rep, err := a.opts.Save(path, key)
		if err != nil {
			a.say("Could not save: %s", sentence(err.Error()))
			continue
		}
		a.say("")
		a.say("Saved key %s.", key.Fingerprint())
		for _, f := range rep.Files {
			a.say("  wrote %s", f)
		}
		for _, w := range rep.Warnings {
			a.say("  warning: %s", w)
		}
		a.say("Use it from your code; each reads OPENAI_API_KEY:")
		for _, l := range snippetLines(path) {
			a.say("  %s", l)
		}
		a.say("Check your setup any time: openai-setup doctor")
		return Outcome{Saved: true, Fingerprint: key.Fingerprint(), Files: rep.Files}, nil
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
