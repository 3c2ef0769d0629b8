package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// saveTimeout bounds the git calls a save makes.
const saveTimeout = 10 * time.Second

// planSave says what saving key to path would change in the .env and its
// .gitignore, writing nothing. The plan remembers the bytes it was made
// from, so saveKeyFrom can refuse a write over a file changed since.
func planSave(a *app, path string, key apikey.Key, force bool) (savePlan, error) {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	p := absPath(a.Dir, path)
	wt := envfile.FindWorkTree(ctx, filepath.Dir(p)) // once for the whole plan
	ign, err := envfile.EnsureIgnored(ctx, p, envfile.Options{DryRun: true, WorkTree: wt})
	if err != nil {
		return savePlan{}, saveError(err, p, a, nil)
	}
	res, err := envfile.Update(ctx, p, envfile.Options{DryRun: true, Force: force, WorkTree: wt}, keyEdit(key))
	if err != nil {
		return savePlan{}, saveError(err, p, a, nil)
	}
	var plan savePlan
	plan.Changes = append(envChanges(res, a), ignoreChanges(ign, a)...)
	plan.Notes = saveNotes(res, ign, a, false)
	plan.envSum, plan.ignSum = res.Sum, ign.Sum
	if res.Target != res.Path {
		plan.Link, plan.Outside = display(a, res.Target), res.Outside
	}
	return plan, nil
}

// saveKey saves whatever the files hold when it runs (the scripted path,
// which shows what it did rather than a preview to confirm).
func saveKey(a *app, path string, key apikey.Key, force bool) (saveReport, error) {
	return saveKeyFrom(a, path, key, force, nil)
}

// saveKeyFrom writes the .gitignore entry first and the key second, so a key
// is never on disk in a file git would pick up because the second step
// failed. Both happen under the .env's lock, so concurrent saves take turns
// and lose nothing. With a plan (the preview a person confirmed), a file
// changed since is not written: the error wraps envfile.ErrChanged. On
// failure the report still lists the files written before it.
func saveKeyFrom(a *app, path string, key apikey.Key, force bool, plan *savePlan) (saveReport, error) {
	rep, _, err := saveKeyWith(a, path, key, force, plan, nil)
	return rep, err
}

// saveKeyWith is saveKeyFrom that also writes deny (the AI-agent deny
// rules, when not nil) after the key, still under the .env's lock. denied
// is false when those rules could not be written: the key is saved, and
// the report's warnings say why the rules are not.
func saveKeyWith(a *app, path string, key apikey.Key, force bool, plan *savePlan, deny *denyStep) (rep saveReport, denied bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	p := absPath(a.Dir, path)
	lock, err := envfile.LockFiles(ctx, p)
	if err != nil {
		return saveReport{}, false, saveError(err, p, a, nil)
	}
	defer lock.Unlock()
	// Git is asked once, under the lock, for the work tree every step uses.
	opts := envfile.Options{Force: force, Lock: lock, WorkTree: envfile.FindWorkTree(ctx, filepath.Dir(p))}
	// Refuse a tracked or changed file before touching .gitignore.
	check := opts
	check.DryRun = true
	res, err := envfile.Update(ctx, p, check, keyEdit(key))
	if err == nil && plan != nil && res.Sum != plan.envSum {
		err = fmt.Errorf("%s: %w (another program wrote it), so it was not written: start the save again to see the new changes", p, envfile.ErrChanged)
	}
	if err != nil {
		return saveReport{}, false, saveError(err, p, a, nil)
	}
	ignOpts := opts
	if plan != nil {
		ignOpts.Expect = plan.ignSum
	}
	ign, err := envfile.EnsureIgnored(ctx, p, ignOpts)
	if ign.Written {
		rep.Files = append(rep.Files, display(a, ign.Gitignore))
		rep.Changes = ignoreChanges(ign, a)
	}
	if err != nil {
		return rep, false, saveError(err, p, a, rep.Files)
	}
	res, err = envfile.Update(ctx, p, opts, keyEdit(key))
	if res.Written {
		rep.Files = append([]string{display(a, res.Target)}, rep.Files...)
		rep.Changes = append(envChanges(res, a), rep.Changes...)
	}
	if err != nil {
		return rep, false, saveError(err, p, a, rep.Files)
	}
	if !res.Written {
		rep.Changes = append(envChanges(res, a), rep.Changes...) // all unchanged
	}
	rep.Warnings = saveNotes(res, ign, a, true)
	if deny == nil {
		return rep, true, nil
	}
	return rep, deny.apply(a, &rep), nil
}

func keyEdit(key apikey.Key) envfile.Edit {
	return envfile.Edit{Name: "OPENAI_API_KEY", Value: key.Reveal()}
}

func envChanges(res envfile.Result, a *app) []lineChange {
	var out []lineChange
	file := display(a, res.Target)
	for _, c := range res.Changes {
		out = append(out, toLineChange(file, c))
	}
	return out
}

// toLineChange shows one .env edit with every value as its fingerprint.
func toLineChange(file string, c envfile.Change) lineChange {
	return lineChange{File: file, Action: c.Action, Line: c.Line, Old: c.OldLine(apikey.Fingerprint), New: c.NewLine(apikey.Fingerprint)}
}

func ignoreChanges(ign envfile.IgnoreResult, a *app) []lineChange {
	var out []lineChange
	for _, l := range ign.Added {
		out = append(out, lineChange{File: display(a, ign.Gitignore), Action: envfile.Added, New: l})
	}
	return out
}

// saveNotes are the warnings of a plan (done false) or of a save.
func saveNotes(res envfile.Result, ign envfile.IgnoreResult, a *app, done bool) []string {
	var notes []string
	if ign.Negated {
		notes = append(notes, fmt.Sprintf("%s re-includes %s (%s at %s): remove that line, or git may commit the key", display(a, ign.Gitignore), filepath.Base(res.Target), ign.Pattern, ign.Source))
	}
	if res.Exposed {
		notes = append(notes, fmt.Sprintf("%s is readable by other users (mode %04o): run chmod 600 %s", display(a, res.Target), res.Mode.Perm(), termtext.ShellQuote(display(a, res.Target))))
	}
	if res.BOM {
		notes = append(notes, bomNote(res, a))
	}
	if res.Target != "" && res.Path != "" && res.Target != res.Path {
		notes = append(notes, linkNote(res, ign, a, done))
	}
	return notes
}

// linkNote names the file a .env link leads to, and says when it lies
// outside the work tree (or folder): the key then lives somewhere else.
func linkNote(res envfile.Result, ign envfile.IgnoreResult, a *app, done bool) string {
	verb := "the key would be written to its target"
	if done {
		verb = "wrote its target"
	}
	note := fmt.Sprintf("%s is a link: %s %s", display(a, res.Path), verb, display(a, res.Target))
	if res.Outside {
		where := "this folder"
		if ign.InRepo {
			where = "this repository"
		}
		note += ", outside " + where
	}
	return note
}

// bomNote warns that the file starts with a UTF-8 byte-order mark, which the
// save kept (every byte is): see checks' byte_order_mark.
func bomNote(res envfile.Result, a *app) string {
	what := "misreads the name on the first line"
	for _, c := range res.Changes {
		if c.Name == "OPENAI_API_KEY" && c.Action != envfile.RemovedDuplicate && c.Line == 1 {
			what = "misses OPENAI_API_KEY on the first line"
		}
	}
	file := display(a, res.Target)
	return fmt.Sprintf(`%s starts with a UTF-8 byte-order mark, kept as it was: python-dotenv before 1.2.3 %s, and godotenv refuses the whole file; remove it with %s (GNU sed) or re-save the file as "UTF-8", not "UTF-8 with BOM"`,
		file, what, envfile.StripBOMCommand(file))
}

// saveError explains a failed save, saying which files were written before
// it failed; with none, every file was left as it was.
func saveError(err error, path string, a *app, written []string) error {
	name := display(a, path)
	switch {
	case errors.Is(err, envfile.ErrTracked):
		return fmt.Errorf("git tracks %s, so a key written there would be committed: untrack it with `git rm --cached %s` and commit, or pass --force", name, name)
	case errors.Is(err, envfile.ErrTrackedUnknown):
		why := strings.TrimPrefix(err.Error(), path+": ")
		return &trackedUnknownError{
			msg: fmt.Sprintf("%s: %s, so a key written there might be committed: repair the repository, or pass --force", name, why),
			why: strings.TrimPrefix(why, envfile.ErrTrackedUnknown.Error()+": "),
		}
	case errors.Is(err, envfile.ErrBadValue):
		return fmt.Errorf("the key has characters that cannot be written to %s safely", name)
	}
	if len(written) > 0 {
		return fmt.Errorf("could not save to %s: %w (already written: %s)", name, err, strings.Join(written, ", "))
	}
	return fmt.Errorf("could not save to %s: %w (the file was left as it was)", name, err)
}

// trackedUnknownError is saveError's refusal of a file git could not say
// is tracked: the sentence for people, and git's reason alone (for the
// wizard's question). It wraps envfile.ErrTrackedUnknown.
type trackedUnknownError struct{ msg, why string }

func (e *trackedUnknownError) Error() string { return e.msg }
func (e *trackedUnknownError) Unwrap() error { return envfile.ErrTrackedUnknown }

func absPath(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// display shows a path relative to the working folder when it is inside it.
func display(a *app, p string) string {
	if p == "" {
		return p
	}
	if rel, err := filepath.Rel(a.Dir, p); err == nil && rel != ".." && !filepath.IsAbs(rel) && (len(rel) < 3 || rel[:3] != "../") {
		return rel
	}
	return p
}
