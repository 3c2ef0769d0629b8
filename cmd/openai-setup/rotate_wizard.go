package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
	"github.com/setupkit/openai-setup/tui"
)

// rotateWizard runs rotate full-screen: the same session as the printed
// steps, as wizard screens.
func rotateWizard(ctx context.Context, o *rotateOptions, sess *rotate.Session) error {
	out, err := runTUI(ctx, o.app, rotateWizardOptions(ctx, o, sess))
	if err != nil {
		return err
	}
	return rotateSummary(o.app, out, sess)
}

// rotateWizardOptions turns the session's methods into the wizard's
// Options: the real world (the API, the .env editor, the browser) reaches
// the wizard only through the functions built here.
func rotateWizardOptions(ctx context.Context, o *rotateOptions, sess *rotate.Session) tui.Options {
	a := o.app
	old, places := sess.Old(), sess.Places()
	blocker := browserBlocker(o.NoBrowser)
	ro := &tui.RotateOptions{
		Old:       old,
		OldLabel:  oldKeyLabel(sess),
		Elsewhere: safeAll(elsewhere(a, places)),
		Others:    safeAll(others(a, places)),
		CheckOld: func(ctx context.Context) tui.OldKeyCheck {
			c := sess.CheckOld(ctx)
			return tui.OldKeyCheck{State: c.State, Summary: termtext.Safe(apikey.Scrub(c.Auth.Summary, old)), History: safeAll(historyAdvice(c.History))}
		},
		PlanReplace: func(paths []string, key apikey.Key) ([]tui.FileChange, error) {
			return replaceIn(ctx, o, sess, paths, key, true)
		},
		Replace: func(paths []string, key apikey.Key) ([]tui.FileChange, error) {
			return replaceIn(ctx, o, sess, paths, key, false)
		},
		Unread:      safeAll(unreadTexts(a, places)),
		Todo:        func(key apikey.Key) []string { return safeAll(todoTexts(a, wizardTodos(sess), old, key)) },
		RevokeSteps: revokeSteps(old),
		Unseen:      unseenPlaces,
		Wait:        o.Wait,
		KeysURL:     rotate.KeysURL,
	}
	if o.admin != nil {
		ro.RevokeWithAdmin = func(ctx context.Context) tui.AdminRevoke { return wizardRevoke(ctx, o, sess) }
		ro.AdminKey = o.admin.Key.Fingerprint()
	}
	ro.AdminNote = termtext.Safe(apikey.Scrub(o.adminNote))
	for _, f := range places.Files {
		name := placeName(a, f.Path, 0)
		ro.Files = append(ro.Files, tui.RotateFile{Path: f.Path, Display: termtext.Safe(name), Word: termtext.ShellQuote(name),
			Lines: termtext.Safe(linesText(f.Lines)), Tracked: f.Tracked, Ticked: !f.Tracked || o.Force})
	}
	switch {
	case o.SkipChecks:
		ro.NoWaitNote = "--skip-checks makes no network call"
	case o.Wait == 0:
		ro.NoWaitNote = "--wait 0"
	default:
		ro.WaitRevoked = func(ctx context.Context, onPoll func(rotate.Poll)) rotate.KeyState {
			st, _ := sess.WaitRevoked(ctx, o.Interval, o.Wait, onPoll)
			return st
		}
	}
	opts := tui.Options{
		Context: ctx,
		Steps:   []steps.Step{newKeyStep(old)},
		Checks:  specsOf(o.newKeyChecks()),
		RunChecks: func(ctx context.Context, key apikey.Key, onResult func(checks.Result)) {
			_, _ = sess.CheckNew(ctx, key, onResult)
		},
		OpenURL:     a.OpenURL,
		AutoOpen:    blocker == "",
		BrowserNote: blocker,
		KeyName:     suggestedKeyName(),
		Rotate:      ro,
	}
	if !o.SkipChecks {
		addRotateRegional(ctx, o, sess, &opts)
	}
	return opts
}

// wizardTodos are the session's to-dos but the files not read whole: the
// wizard shows those apart (RotateOptions.Unread), on every screen.
func wizardTodos(sess *rotate.Session) []rotate.Todo {
	return slices.DeleteFunc(sess.Todos(), func(td rotate.Todo) bool { return td.Kind == rotate.TodoUnread })
}

// wizardRevoke deletes the old key through the Admin API for the wizard's
// Revoke screen (RevokeWithAdmin's rules), and says what it used.
func wizardRevoke(ctx context.Context, o *rotateOptions, sess *rotate.Session) tui.AdminRevoke {
	safe := func(s string) string { return termtext.Safe(apikey.Scrub(s, sess.Old())) }
	rctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	r, err := sess.RevokeWithAdmin(rctx, o.admin.Client)
	if err != nil {
		explainAdminStep(o.admin, err)
		return tui.AdminRevoke{Err: safe(err.Error())}
	}
	usage, _ := leakUsage(ctx, o.admin, r, sess.Old().Fingerprint(), time.Now())
	return tui.AdminRevoke{Deleted: safe(receiptText(r)), Usage: safe(usage)}
}

// receiptText says what RevokeWithAdmin deleted.
func receiptText(r rotate.Receipt) string {
	return fmt.Sprintf("%s %q (%s) in project %q", receiptWords[r.What], r.Name, r.ID, r.Project)
}

// replaceIn plans (dry) or writes the new key into the files at paths.
// Ticking a tracked file on the screen is the user's --force for it.
func replaceIn(ctx context.Context, o *rotateOptions, sess *rotate.Session, paths []string, key apikey.Key, dry bool) ([]tui.FileChange, error) {
	force := o.Force
	for _, f := range sess.Places().Files {
		force = force || f.Tracked && slices.Contains(paths, f.Path)
	}
	results, err := sess.Replace(ctx, paths, key, rotate.Options{Force: force, DryRun: dry})
	var out []tui.FileChange
	for _, r := range results {
		fc := tui.FileChange{Path: r.Path, Written: r.Written, Err: termtext.Safe(apikey.Scrub(fileErrorText(o.app, r, ""), key, sess.Old()))}
		for _, c := range r.Changes {
			fc.Lines = append(fc.Lines, safeAll(diffLines(toLineChange("", c)))...)
		}
		for _, td := range r.Left {
			fc.Lines = append(fc.Lines, "! "+termtext.Safe(apikey.Scrub(todoText(o.app, td, sess.Old().Fingerprint(), key.Fingerprint()), key, sess.Old())))
		}
		out = append(out, fc)
	}
	return out, err
}

// rotateSummary leaves a plain record in the scrollback once the screen is
// gone, and picks the exit status: 130 for ctrl+c, 3 for quitting with a
// checked new key written nowhere, 0 for quitting before any new key, 1
// when nothing was replaced or a wait ended without the old key rejected.
func rotateSummary(a *app, out tui.Outcome, sess *rotate.Session) error {
	if out.Interrupted {
		return errInterrupted
	}
	old := sess.Old()
	oldFP := old.Fingerprint()
	switch {
	case out.Unsaved:
		fmt.Fprintf(a.Out, "openai-setup: quit without saving: the new key %s is written nowhere; the old key %s is still configured and still in use.\n", out.Fingerprint, oldFP)
		return errQuitUnsaved
	case !out.Rotated:
		fmt.Fprintf(a.Out, "openai-setup: nothing was changed; the old key %s is still configured and still in use.\n", oldFP)
		if out.Quit && out.Fingerprint == "" {
			return nil // quit before any new key: nothing was started
		}
		return errSilent
	}
	fmt.Fprintf(a.Out, "openai-setup: %s replaces %s\n", out.Fingerprint, oldFP)
	for _, f := range out.Files {
		fmt.Fprintf(a.Out, "  wrote %s\n", termtext.Safe(f))
	}
	if out.BaseURL != "" {
		fmt.Fprintf(a.Out, "  set %s=%s in the same file(s): the regional host where %s checked out\n", openai.EnvBaseURL, termtext.Safe(out.BaseURL), out.Fingerprint)
	}
	say := func(label, text string) {
		fmt.Fprintf(a.Out, "  %s%s\n", label, wrapIndent(termtext.Safe(apikey.Scrub(text, old)), 2+len(label), 4, a.termWidth()))
	}
	if out.AdminRevoked != "" {
		say("", "deleted through the Admin API: "+out.AdminRevoked)
	}
	if out.LeakUsage != "" {
		say("", out.LeakUsage)
	}
	switch {
	case out.Revocation == rotate.RevokedNow:
		say("", oldFP+" is revoked: the API rejects it")
	case out.Revocation == rotate.RevokedAlready:
		say("", oldFP+" was already rejected by the API")
	case out.AdminRevoked != "":
		say("", oldFP+" is not confirmed revoked yet: check it is gone at "+rotate.KeysURL)
	default:
		say("", oldFP+" is not confirmed revoked: revoke it at "+rotate.KeysURL)
	}
	for _, td := range out.Todo { // the wizard's own: a regional line not written
		say("to do: ", td)
	}
	for _, td := range sess.Todos() {
		say("to do: ", todoText(a, td, oldFP, out.Fingerprint))
	}
	if c, ok := sess.CheckedOld(); ok {
		for _, para := range historyAdvice(c.History) {
			say("git history: ", para)
		}
	}
	fmt.Fprintln(a.Out, "Check everything: openai-setup doctor")
	if !out.Revocation.Confirmed() {
		return errSilent
	}
	return nil
}

// safeAll is termtext.Safe on each of texts: what the wizard shows of
// paths, .env lines and server messages is outside text.
func safeAll(texts []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = termtext.Safe(t)
	}
	return out
}
