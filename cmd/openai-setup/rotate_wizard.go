package main

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
	"github.com/setupkit/openai-setup/tui"
)

// rotateWizard runs rotate full-screen: the same steps as the printed flow,
// as wizard screens. The real world (checks, the .env editor, the browser)
// reaches the wizard only through the functions built here.
func rotateWizard(ctx context.Context, o *rotateOptions, inv discover.Inventory, places rotate.Places) error {
	opts, probe := rotateWizardOptions(ctx, o, inv, places)
	out, err := runTUI(ctx, o.app, opts)
	if err != nil {
		return err
	}
	return rotateSummary(o.app, out, places, probe)
}

// rotateWizardOptions composes the wizard's Options for rotate, and the
// old key's check shared by its first screen, its wait and the summary.
func rotateWizardOptions(ctx context.Context, o *rotateOptions, inv discover.Inventory, places rotate.Places) (tui.Options, *oldKeyOnce) {
	a := o.app
	old := places.Old
	blocker := browserBlocker(o.NoBrowser)
	so := &setupOptions{app: a, BaseURL: o.BaseURL, Model: o.Model, NoSpend: o.NoSpend, Timeout: o.Timeout}
	only := withKeyChecks
	if o.SkipChecks {
		only = []string{checks.KeyFormat}
	}
	probe := &oldKeyOnce{o: o, inv: inv, old: old}
	ro := &tui.RotateOptions{
		Old:       old,
		OldLabel:  oldKeyLabel(inv, old),
		Elsewhere: elsewhere(a, places),
		Others:    others(a, places),
		CheckOld: func(ctx context.Context) tui.OldKeyCheck {
			p := probe.get(ctx)
			return tui.OldKeyCheck{State: keyState(p.state), Summary: apikey.Scrub(p.auth.Summary, old), History: historyAdvice(p.history)}
		},
		PlanReplace: func(paths []string, key apikey.Key) ([]tui.FileChange, error) {
			return replaceIn(ctx, o, places, paths, key, true)
		},
		Replace: func(paths []string, key apikey.Key) ([]tui.FileChange, error) {
			return replaceIn(ctx, o, places, paths, key, false)
		},
		Todo: func(key apikey.Key) []string {
			todo := startupTodo(a, places, key.Fingerprint())
			for i, t := range todo {
				todo[i] = apikey.Scrub(t, key, old)
			}
			return todo
		},
		RevokeSteps: revokeSteps(old),
		Wait:        o.Wait,
		KeysURL:     rotate.KeysURL,
	}
	for _, f := range places.Files {
		ro.Files = append(ro.Files, tui.RotateFile{Path: f.Path, Display: placeName(a, f.Path, 0), Lines: linesText(f.Lines),
			Tracked: f.Tracked, Ticked: !f.Tracked || o.Force})
	}
	switch {
	case o.SkipChecks:
		ro.NoWaitNote = "--skip-checks makes no network call"
	case o.Wait == 0:
		ro.NoWaitNote = "--wait 0"
	default:
		ro.WaitRevoked = func(ctx context.Context, onPoll func(tui.Poll)) tui.KeyState {
			p := probe.get(ctx)
			if p.req == nil {
				return tui.KeyUnknown
			}
			out, _ := rotate.WaitRevoked(ctx, *p.req, o.Interval, o.Wait, func(pl rotate.Poll) {
				onPoll(tui.Poll{Attempt: pl.Attempt, Left: pl.Remaining, State: keyState(pl.State)})
			})
			return keyState(out)
		}
	}

	opts := tui.Options{
		Steps:  []steps.Step{newKeyStep(old)},
		Checks: specsOf(only),
		RunChecks: func(ctx context.Context, key apikey.Key, onResult func(checks.Result)) {
			checks.Run(ctx, so.checkOptions(key, only, onResult))
		},
		OpenURL:     a.OpenURL,
		AutoOpen:    blocker == "",
		BrowserNote: blocker,
		KeyName:     suggestedKeyName(),
		Rotate:      ro,
	}
	return opts, probe
}

// oldKeyOnce checks the old key once, for the first screen, and hands the
// same answer to the revocation wait (which waits for it if need be).
type oldKeyOnce struct {
	o    *rotateOptions
	inv  discover.Inventory
	old  apikey.Key
	mu   sync.Mutex
	done bool
	p    oldProbe
}

func (c *oldKeyOnce) get(ctx context.Context) oldProbe {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		return c.p
	}
	p := probeOld(ctx, c.o, c.inv, c.old, true)
	if ctx.Err() == nil {
		c.p, c.done = p, true
	}
	return p
}

// cached is the answer, if there is one yet.
func (c *oldKeyOnce) cached() (oldProbe, bool) {
	if !c.mu.TryLock() {
		return oldProbe{}, false
	}
	defer c.mu.Unlock()
	return c.p, c.done
}

// replaceIn plans (dry) or writes the new key into the files at paths.
// Ticking a tracked file on the screen is the user's --force for it.
func replaceIn(ctx context.Context, o *rotateOptions, places rotate.Places, paths []string, key apikey.Key, dry bool) ([]tui.FileChange, error) {
	sel := places
	sel.Files = nil
	force := o.Force
	for _, f := range places.Files {
		if slices.Contains(paths, f.Path) {
			sel.Files = append(sel.Files, f)
			force = force || f.Tracked
		}
	}
	results, err := rotate.Replace(ctx, sel, key, rotate.Options{Force: force, DryRun: dry})
	var out []tui.FileChange
	for _, r := range results {
		fc := tui.FileChange{Path: r.Path, Written: r.Written, Err: apikey.Scrub(fileErrorText(o.app, r, ""), key, places.Old)}
		for _, c := range r.Changes {
			fc.Lines = append(fc.Lines, diffLines(toLineChange("", c))...)
		}
		out = append(out, fc)
	}
	return out, err
}

// rotateSummary leaves a plain record in the scrollback once the screen is
// gone, and picks the exit status: 1 when nothing was replaced or the old
// key was seen still working at the end of a wait.
func rotateSummary(a *app, out tui.Outcome, places rotate.Places, probe *oldKeyOnce) error {
	if out.Interrupted {
		return errInterrupted
	}
	oldFP := places.Old.Fingerprint()
	if !out.Rotated {
		fmt.Fprintf(a.Out, "openai-setup: nothing was changed; the old key %s is still configured and still in use.\n", oldFP)
		return errSilent
	}
	fmt.Fprintf(a.Out, "openai-setup: %s replaces %s\n", out.Fingerprint, oldFP)
	for _, f := range out.Files {
		fmt.Fprintf(a.Out, "  wrote %s\n", f)
	}
	say := func(label, text string) {
		fmt.Fprintf(a.Out, "  %s%s\n", label, wrapIndent(apikey.Scrub(text, places.Old), 2+len(label), 4, a.termWidth()))
	}
	switch out.Revocation {
	case tui.RevokedNow:
		say("", oldFP+" is revoked: the API rejects it")
	case tui.RevokedAlready:
		say("", oldFP+" was already rejected by the API")
	default:
		say("", oldFP+" is not confirmed revoked: revoke it at "+rotate.KeysURL)
	}
	for _, t := range startupTodo(a, places, out.Fingerprint) {
		say("to do: ", t)
	}
	if p, ok := probe.cached(); ok {
		for _, para := range historyAdvice(p.history) {
			say("git history: ", para)
		}
	}
	fmt.Fprintln(a.Out, "Check everything: openai-setup doctor")
	if out.Revocation == tui.StillValid || out.Revocation == tui.RevokeUnknown {
		return errSilent
	}
	return nil
}
