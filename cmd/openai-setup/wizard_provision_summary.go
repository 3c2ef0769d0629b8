package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/tui"
)

// finish prints what the admin-key route made once the wizard has ended,
// and picks the exit status: 3 for quitting with the new key saved
// nowhere (or while it was being made), 1 when the run failed. handled is
// false when no run made anything: the wizard's own summary applies.
func (wp *wizardProvision) finish(a *app, out tui.Outcome) (handled bool, err error) {
	if !wp.hasRun() || out.StartRotate {
		return false, nil
	}
	wp.mu.Lock()
	done := wp.done
	wp.mu.Unlock()
	select { // quitting cancelled the run: it returns at once
	case <-done:
	case <-time.After(5 * time.Second):
	}
	wp.mu.Lock()
	defer wp.mu.Unlock()
	if len(wp.out.Receipts) == 0 && !errors.Is(wp.err, errStoppedByQuit) {
		return false, nil
	}
	w := a.Out
	if out.Saved || out.Interrupted {
		// Saved: the summary says where. Interrupted: it is not known here
		// whether it was saved, so only what was made is said.
		if len(wp.out.Receipts) > 0 {
			fmt.Fprintf(w, "openai-setup: made with the admin key %s:\n", wp.admin.Fingerprint())
			for _, r := range wp.out.Receipts {
				fmt.Fprintln(w, "  "+receiptLine(r))
			}
		}
		for _, n := range wp.out.Notes {
			fmt.Fprintf(w, "  note: %s; set it at %s\n", termtext.Safe(n), openai.LimitsURL)
		}
		if wp.err != nil { // the key was saved anyway after a later step failed
			fmt.Fprintf(w, "  not finished: %s\n", wp.err)
		}
		if out.Interrupted {
			return true, errInterrupted
		}
		printSummary(a, out)
		if wp.err != nil {
			return true, errSilent
		}
		return true, outcomeErr(out)
	}
	wp.printUnsaved(a)
	switch {
	case out.QuitUnsaved:
		return true, errQuitUnsaved
	case wp.err != nil:
		return true, errSilent
	}
	return true, nil
}

// printUnsaved says what exists when the new key was not saved.
func (wp *wizardProvision) printUnsaved(a *app) {
	w := a.Out
	out := wp.out
	if wp.deleted {
		out.Account = admin.ServiceAccount{} // its key stopped working with it
	}
	if !out.Key.IsZero() && !wp.deleted {
		fmt.Fprintf(w, "openai-setup: the new key %s was not saved: it is saved nowhere, and the API shows it only once.\n", out.Key.Fingerprint())
	} else {
		fmt.Fprintln(w, "openai-setup: no key was saved.")
	}
	if wp.err != nil {
		fmt.Fprintf(w, "Not finished: %s\n", wp.err)
	}
	if len(out.Receipts) == 0 {
		fmt.Fprintln(w, "Nothing was made with the admin key.")
	} else {
		p := &provisionReport{app: a, out: out, base: wp.base}
		for _, l := range p.whatExists() {
			fmt.Fprintln(w, l)
		}
	}
	if errors.Is(wp.err, errStoppedByQuit) {
		fmt.Fprintf(w, "A request was under way when you quit; if it completed, what it made is listed at %s.\n", openai.ProjectsURL)
	}
}

// errStoppedByQuit is the run's end when the user quit while it ran.
var errStoppedByQuit = errors.New("stopped: you quit while it ran")

// hasRun reports whether a run was started (its record is worth printing).
func (wp *wizardProvision) hasRun() bool {
	if wp == nil {
		return false
	}
	wp.mu.Lock()
	defer wp.mu.Unlock()
	return wp.started
}

// runErr is how the last run ended (nil: everything was made, or none ran).
func (wp *wizardProvision) runErr() error {
	wp.mu.Lock()
	defer wp.mu.Unlock()
	return wp.err
}
