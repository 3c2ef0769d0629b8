package main

import (
	"context"
	"strings"
	"sync"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/tui"
)

// regionalBaseURL is the base URL that fixes r (regionalOfferFor), or "".
func regionalBaseURL(r checks.Result) string {
	o, _ := regionalOfferFor(r)
	return o.URL
}

// writeWizardBaseURL sets OPENAI_BASE_URL=base in the dotenv file at path through
// the writer the key's save uses (every other byte kept, atomic, under the
// file's lock; a file git tracks is refused as for the key).
func writeWizardBaseURL(a *app, path, base string) (tui.SaveReport, error) {
	target, err := targetPath(a, path)
	if err != nil {
		return tui.SaveReport{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	res, err := updateLocked(ctx, target, false, regionalOffer{URL: base}.edit())
	if err != nil {
		return tui.SaveReport{}, saveScreenError(a, target, saveError(err, target, a, nil), nil)
	}
	file := display(a, res.Target)
	var rep tui.SaveReport
	if res.Written {
		rep.Files = []string{termtext.Safe(file)}
	}
	for _, c := range res.Changes {
		lc := lineChange{File: file, Action: c.Action, Line: c.Line, Old: c.OldLine(termtext.Safe), New: c.NewLine(termtext.Safe)}
		rep.Lines = append(rep.Lines, termtext.Safe(lc.String()))
	}
	// The shell's variable wins over a dotenv file for an app started here.
	if env := a.getenv(openai.EnvBaseURL); env != "" && !strings.EqualFold(strings.TrimRight(env, "/"), base) {
		rep.Warnings = append(rep.Warnings, "this shell's "+openai.EnvBaseURL+" ("+termtext.Safe(env)+") wins over "+termtext.Safe(file)+" for apps started from it: unset "+openai.EnvBaseURL)
	}
	return rep, nil
}

// wizardCheckRunner runs the wizard's checks (free: without the paid
// request), against the regional fix's base URL once it was written.
func wizardCheckRunner(o *setupOptions, base *checkedBase, free bool) func(context.Context, apikey.Key, func(checks.Result)) {
	return func(ctx context.Context, key apikey.Key, onResult func(checks.Result)) {
		co := o.checkOptions(key, wizardChecks, onResult)
		co.NoSpend = co.NoSpend || free
		base.apply(&co)
		checks.Run(ctx, co)
	}
}

// addRegionalFix lets the Checks screen write the regional base URL; the
// checks run after a write use it (base).
func addRegionalFix(a *app, opts *tui.Options, base *checkedBase) {
	opts.RegionalBaseURL = regionalBaseURL
	opts.WriteBaseURL = func(path, u string) (tui.SaveReport, error) {
		rep, err := writeWizardBaseURL(a, path, u)
		if err == nil {
			base.set(u)
		}
		return rep, err
	}
}

// checkedBase is the base URL the wizard's checks run against once the
// regional fix was written (empty: the command's own choice). Set from
// one command and read by the next run's: a mutex, as they are goroutines.
type checkedBase struct {
	mu  sync.Mutex
	url string
}

func (c *checkedBase) set(u string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.url = u
}

// apply points co at the written base URL, when there is one.
func (c *checkedBase) apply(co *checks.Options) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.url != "" {
		co.BaseURL = c.url
	}
}
