package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
	"github.com/setupkit/openai-setup/tui"
)

// wizardChecks are the checks the wizard runs on a pasted key: its shape and
// everything the API can tell. Hygiene is what the save itself takes care of.
var wizardChecks = append([]string{checks.KeyFormat}, checks.ProbeIDs()...)

// wizardOptions composes the real world (checks engine, .env editor,
// browser) into the wizard's Options.
func wizardOptions(o *setupOptions) tui.Options {
	return wizardOptionsFor(o, discoverHere(o.app))
}

// wizardOptionsFor is wizardOptions over an inventory the caller read
// (once: the admin-key route needs it too).
func wizardOptionsFor(o *setupOptions, inv discover.Inventory) tui.Options {
	a := o.app
	blocker := browserBlocker(o.NoBrowser)
	base := &checkedBase{}
	opts := tui.Options{
		Steps:         steps.All(),
		Checks:        specsOf(wizardChecks),
		RunChecks:     wizardCheckRunner(o, base, false),
		RunFreeChecks: wizardCheckRunner(o, base, true),
		NoSpend:       o.NoSpend,
		CheckSaved: func(ctx context.Context, path string, key apikey.Key) tui.SavedCheck {
			return checkSaved(ctx, o, path, key)
		},
		CheckPath:   func(path string) (tui.SaveTarget, error) { return saveTarget(a, path) },
		CreateDir:   func(path string) error { return createSaveDir(a, path) },
		OpenURL:     a.OpenURL,
		CopyLocal:   localClipboard(systemBrowserEnv()),
		AutoOpen:    blocker == "",
		BrowserNote: blocker,
		EnvPath:     o.EnvFile,
		KeyName:     keyNameFor(a.Dir),
	}
	addSave(o, &opts, inv)
	addRegionalFix(a, &opts, base)
	addPush(o, &opts)
	if !inv.Key.IsZero() {
		opts.Existing = &tui.Existing{Fingerprint: inv.Key.Fingerprint(), Source: sourceText(inv.KeySource, a), Key: inv.Key}
		opts.OfferRotate = true // rotate needs a configured key to replace
	}
	return opts
}

// plainPrompts is whether to ask line by line instead of full-screen.
func plainPrompts(a *app, accessible bool) bool {
	return accessible || a.getenv("ACCESSIBLE") != "" || a.getenv("TERM") == "dumb"
}

// browserBlocker says why pages are not opened by themselves, or "".
func browserBlocker(noBrowser bool) string {
	if noBrowser {
		return "You asked for no browser: open the links yourself (c copies them)"
	}
	return systemBrowserEnv().autoOpenBlocker()
}

// specsOf are the catalog entries of ids, in catalog order.
func specsOf(ids []string) []checks.Spec {
	var specs []checks.Spec
	for _, s := range checks.Catalog() {
		if slices.Contains(ids, s.ID) {
			specs = append(specs, s)
		}
	}
	return specs
}

func wizardRun(ctx context.Context, o *setupOptions) error {
	a := o.app
	inv := discoverHere(a)
	opts := wizardOptionsFor(o, inv)
	opts.Context = ctx
	wp := addProvision(o, &opts, inv)
	if plainPrompts(a, o.Accessible) {
		return accessibleRun(ctx, o, opts, wp)
	}
	out, err := runTUI(ctx, a, opts)
	if err == nil {
		if done, err := wp.finish(a, out); done { // what the admin key made, then the summary
			return err
		}
	}
	if err != nil || out.Interrupted {
		return cmp.Or(err, errInterrupted)
	}
	if out.StartRotate {
		return rotateRun(ctx, o.rotateOptions())
	}
	printSummary(a, out)
	return outcomeErr(out)
}

// accessibleRun runs the wizard as plain prompts. What the admin key made
// was printed as it was made; when the new key was not saved, finish says
// what exists and picks the exit status, as after the full screen.
func accessibleRun(ctx context.Context, o *setupOptions, opts tui.Options, wp *wizardProvision) error {
	a := o.app
	// Plain prompts have no copy key: drop that hint from the browser note.
	if i := strings.Index(opts.BrowserNote, " (c copies"); i >= 0 {
		opts.BrowserNote = opts.BrowserNote[:i]
	}
	out, err := tui.RunAccessible(ctx, a.In, a.Out, a.ReadSecret, opts)
	if err != nil {
		return err
	}
	if out.StartRotate {
		o.Accessible = true
		return rotateRun(ctx, o.rotateOptions())
	}
	if !out.Saved {
		if done, err := wp.finish(a, out); done {
			return err
		}
	} else if wp.runErr() != nil { // saved anyway after the run failed
		return errSilent
	}
	return outcomeErr(out)
}

// runTUI runs the full-screen wizard on the app's terminal until it ends.
func runTUI(ctx context.Context, a *app, opts tui.Options) (tui.Outcome, error) {
	p := tea.NewProgram(tui.New(opts), tea.WithContext(ctx), tea.WithInput(a.In), tea.WithOutput(a.Out),
		tea.WithEnvironment(a.Environ))
	final, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) {
		return tui.Outcome{Interrupted: true}, nil
	}
	if err != nil {
		return tui.Outcome{}, err
	}
	m, ok := final.(tui.Model)
	if !ok {
		return tui.Outcome{}, nil
	}
	return m.Outcome(), nil
}

// outcomeErr is the exit status of an ended wizard: 130 for ctrl+c, 1 when
// a key was saved that apps will not get or that failed a check.
func outcomeErr(out tui.Outcome) error {
	switch {
	case out.Interrupted:
		return errInterrupted
	case out.QuitUnsaved:
		return errQuitUnsaved
	case out.Saved && (out.Shadowed || len(out.Failing) > 0):
		return errSilent
	}
	return nil
}

// printSummary leaves a plain record in the scrollback after the full-screen
// program has gone.
func printSummary(a *app, out tui.Outcome) {
	if out.Kept {
		fmt.Fprintf(a.Out, "openai-setup: kept key %s where it was.\n", out.Fingerprint)
		printSnippets(a, out)
		printPushed(a, out)
		fmt.Fprintln(a.Out, "Check it any time with: openai-setup doctor")
		return
	}
	if !out.Saved {
		for _, f := range out.Files { // the regional fix's OPENAI_BASE_URL line
			fmt.Fprintf(a.Out, "openai-setup: wrote OPENAI_BASE_URL to %s\n", termtext.Safe(f))
		}
		if out.QuitUnsaved {
			fmt.Fprintln(a.Out, "openai-setup: quit without saving the key you pasted. Run openai-setup again and choose 3 to paste it.")
			return
		}
		what := "nothing was saved"
		if len(out.Files) > 0 {
			what = "the key was not saved"
		}
		fmt.Fprintf(a.Out, "openai-setup: %s. Run openai-setup again any time; openai-setup doctor checks an existing setup.\n", what)
		return
	}
	fmt.Fprintf(a.Out, "openai-setup: saved key %s\n", out.Fingerprint)
	// Files, to-dos and snippets hold paths the user typed or discovery
	// found: outside text, made safe for the terminal.
	for _, f := range out.Files {
		fmt.Fprintf(a.Out, "  wrote %s\n", termtext.Safe(f))
	}
	printSnippets(a, out)
	printPushed(a, out)
	if len(out.Todo) > 0 {
		fmt.Fprintln(a.Out, "Still to do:")
		for _, t := range out.Todo {
			// Wrapped at words, as the report is: a to-do names pages and
			// commands a person copies.
			fmt.Fprintf(a.Out, "  %s\n", wrapIndent(termtext.Safe(t), 2, 4, a.termWidth()))
		}
	}
	fmt.Fprintln(a.Out, "Check it any time with: openai-setup doctor")
}

// printPushed says where the Done screen's p stored the key (and read it
// back).
func printPushed(a *app, out tui.Outcome) {
	for _, p := range out.Pushed {
		fmt.Fprintf(a.Out, "%s\n", wrapIndent(termtext.Safe(p), 0, 2, a.termWidth()))
	}
}

// printSnippets prints the code lines that read the key.
func printSnippets(a *app, out tui.Outcome) {
	if len(out.Snippets) == 0 {
		return
	}
	fmt.Fprintln(a.Out, "Use it from your code; each reads OPENAI_API_KEY:")
	for _, l := range out.Snippets {
		fmt.Fprintf(a.Out, "  %s\n", termtext.Safe(l))
	}
}

// suggestedKeyName is the key name the Key step suggests, for the working
// folder (rotate's wizard calls it too).
func suggestedKeyName() string {
	dir, _ := os.Getwd()
	return keyNameFor(dir)
}

// keyNameFor is steps.KeyName for dir's work tree, this host and month.
func keyNameFor(dir string) string {
	host, _ := os.Hostname()
	return steps.KeyName(gitcli.FindRoot(dir), dir, host, time.Now())
}

// sourceText is a source's label for people, relative to the working folder.
func sourceText(s *discover.Source, a *app) string {
	if s == nil {
		return ""
	}
	return displaySource(*s, textOptions{Dir: a.Dir, Home: a.Home})
}

// rotateOptions are rotate's options for the "My key leaked" choice: the
// same API, checks and browser settings, rotate's own defaults otherwise.
func (o *setupOptions) rotateOptions() *rotateOptions {
	return &rotateOptions{app: o.app, NoSpend: o.NoSpend, NoBrowser: o.NoBrowser, Accessible: o.Accessible,
		BaseURL: o.BaseURL, Model: o.Model, Timeout: o.Timeout, Force: o.Force,
		Wait: rotate.DefaultWait, Interval: rotate.DefaultInterval}
}
