package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/tui"
)

// checkTarget runs envfile.CheckTarget on a Save screen path, bounded.
func checkTarget(a *app, path string) (envfile.Target, error) {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	return envfile.CheckTarget(ctx, path, a.Dir, a.Home)
}

// targetPath checks a save path with the one rule every save uses
// (envfile.CheckTarget: ~ expanded; no folder, source file, key-shaped path
// or file that is not a dotenv file) and returns the absolute path to save
// to. A missing folder is an error here: only the Save screen can offer to
// create it (CreateDir), before it plans.
func targetPath(a *app, path string) (string, error) {
	t, err := checkTarget(a, path)
	if err != nil {
		return "", err
	}
	if t.DirMissing {
		return "", fmt.Errorf("the folder %s does not exist: create it first (mkdir -p %s) or choose another path", termtext.Safe(t.Dir), termtext.ShellQuote(t.Dir))
	}
	return t.Path, nil
}

// saveTarget is CheckTarget's answer as the Save screen shows it: the
// folder is outside text, made safe for the terminal.
func saveTarget(a *app, path string) (tui.SaveTarget, error) {
	t, err := checkTarget(a, path)
	st := tui.SaveTarget{Dir: termtext.Safe(t.Dir), DirMissing: t.DirMissing, InRepo: t.InRepo}
	if err != nil {
		return st, errors.New(termtext.Safe(err.Error()))
	}
	return st, nil
}

// planWizardSave is the Save screen's plan. When git cannot say whether
// the file is tracked (and --force was not given), it is planned as a
// forced write would be and the plan carries git's reason, so the screen
// asks before writing (tui.Options.SaveAnyway) instead of refusing.
func planWizardSave(a *app, path string, key apikey.Key, force bool) (savePlan, string, error) {
	plan, err := planSave(a, path, key, force)
	var unknown *trackedUnknownError
	if force || !errors.As(err, &unknown) {
		return plan, "", err
	}
	plan, err = planSave(a, path, key, true)
	return plan, termtext.Safe(unknown.why), err
}

// addSave gives the Save screen its plan and writes. A save writes only
// what the preview on screen showed (shown), and the agent deny rules only
// as the preview planned them (deny). inv is the wizard's inventory of this
// folder, read once: the plan runs on every edit of the path.
func addSave(o *setupOptions, opts *tui.Options, inv discover.Inventory) {
	a := o.app
	var shown savePlan
	var deny *denyStep
	opts.PlanSave = func(path string, key apikey.Key) (tui.SavePlan, error) {
		target, err := targetPath(a, path)
		if err != nil {
			return tui.SavePlan{}, err
		}
		plan, unknown, err := planWizardSave(a, target, key, o.Force)
		if err != nil {
			return tui.SavePlan{}, saveScreenError(a, target, err, nil)
		}
		var offer *tui.AgentsPlan
		shown = plan
		deny, offer = planWizardDeny(a, target, inv)
		return tui.SavePlan{Lines: plan.lines(), TrackedUnknown: unknown, Agents: offer}, nil
	}
	opts.Save = func(path string, key apikey.Key) (tui.SaveReport, error) {
		return wizardSave(a, path, key, o.Force, &shown, nil)
	}
	// Asked for each write afresh: the yes is for this file, this once.
	opts.SaveAnyway = func(path string, key apikey.Key) (tui.SaveReport, error) {
		return wizardSave(a, path, key, true, &shown, nil)
	}
	opts.SaveWith = func(path string, key apikey.Key, c tui.SaveChoice) (tui.SaveReport, error) {
		d := deny
		if !c.AgentsDeny {
			d = nil
		}
		return wizardSave(a, path, key, o.Force || c.Anyway, &shown, d)
	}
}

// wizardSave writes the key the Save screen confirmed (the plan shown),
// and deny, the agent deny rules the screen showed ticked (or nil), under
// the same lock.
func wizardSave(a *app, path string, key apikey.Key, force bool, shown *savePlan, deny *denyStep) (tui.SaveReport, error) {
	target, err := targetPath(a, path)
	if err != nil {
		return tui.SaveReport{}, err
	}
	rep, _, err := saveKeyWith(a, target, key, force, shown, deny)
	if err != nil {
		return tui.SaveReport{}, saveScreenError(a, target, err, rep.files())
	}
	var warnings []string
	for _, w := range rep.warnings() {
		warnings = append(warnings, termtext.Safe(w))
	}
	return tui.SaveReport{Files: rep.files(), Lines: rep.lines(), Warnings: warnings, Agents: agentsWritten(a, deny, rep)}, nil
}

// createSaveDir makes the missing folder of a Save screen path (only this
// user may read it); a folder that exists already is left alone.
func createSaveDir(a *app, path string) error {
	t, err := checkTarget(a, path)
	switch {
	case err != nil:
		return errors.New(termtext.Safe(err.Error()))
	case !t.DirMissing:
		return nil
	}
	if err := envfile.CreateDir(t); err != nil {
		return errors.New(termtext.Safe(err.Error()))
	}
	return nil
}

// saveScreenError is a plan or save failure as the Save screen shows it:
// one sentence that says what to do, never a temp-file name or the
// system's error text. Refusals that are sentences already (a tracked
// file, a bad target) pass as they are; written are the files already
// written when the failure came.
func saveScreenError(a *app, path string, err error, written []string) error {
	if err == nil || errors.Unwrap(err) == nil {
		return err
	}
	if errors.Is(err, envfile.ErrTrackedUnknown) {
		return errors.New(termtext.Safe(err.Error())) // a sentence already
	}
	name := termtext.Safe(display(a, path))
	dir := termtext.Safe(display(a, filepath.Dir(path)))
	var msg string
	switch {
	case errors.Is(err, envfile.ErrNotRegular):
		// The editor's own sentence names the file that is not one (it can
		// be the .gitignore, not the .env), with paths shown from here.
		msg = strings.ReplaceAll(notRegularSentence(err), a.Dir+string(filepath.Separator), "")
	case errors.Is(err, envfile.ErrChanged):
		msg = fmt.Sprintf("another program changed %s (or its .gitignore) after the preview, so it was not saved: check the new preview above", name)
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("this user may not write %s or its folder %s: fix their permissions or choose another path", name, dir)
	case errors.Is(err, syscall.ENOSPC):
		msg = fmt.Sprintf("the disk holding %s is full: free some space", name)
	case errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf("%s is on a read-only file system: choose another path", name)
	default:
		msg = fmt.Sprintf("the system refused to write %s: check the folder %s, or choose another path", name, dir)
	}
	if len(written) > 0 {
		msg += " (already written: " + termtext.Safe(strings.Join(written, ", ")) + ")"
	}
	return errors.New(msg)
}

// notRegularSentence is the .env editor's sentence for a path that is not a
// regular file ("<path> is a folder, not a regular file: …"): the error in
// err's chain that wraps envfile.ErrNotRegular itself.
func notRegularSentence(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if errors.Unwrap(e) == envfile.ErrNotRegular {
			return termtext.Safe(e.Error())
		}
	}
	return termtext.Safe(err.Error())
}
