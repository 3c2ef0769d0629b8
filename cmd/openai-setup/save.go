package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// saveTimeout bounds the git calls a save makes.
const saveTimeout = 10 * time.Second

// planSave says what saving key to path would change in the .env and its
// .gitignore, writing nothing.
func planSave(a *app, path string, key apikey.Key, force bool) (savePlan, error) {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	p := absPath(a.Dir, path)
	ign, err := envfile.EnsureIgnored(ctx, p, envfile.Options{DryRun: true})
	if err != nil {
		return savePlan{}, saveError(err, p, a)
	}
	res, err := envfile.Update(ctx, p, envfile.Options{DryRun: true, Force: force}, keyEdit(key))
	if err != nil {
		return savePlan{}, saveError(err, p, a)
	}
	var plan savePlan
	plan.Changes = append(envChanges(res, a), ignoreChanges(ign, a)...)
	plan.Notes = saveNotes(res, ign, a)
	return plan, nil
}

// saveKey writes the .gitignore entry first and the key second, so a key is
// never on disk in a file git would pick up because the second step failed.
func saveKey(a *app, path string, key apikey.Key, force bool) (saveReport, error) {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	p := absPath(a.Dir, path)
	// Refuse a tracked file before touching .gitignore.
	if _, err := envfile.Update(ctx, p, envfile.Options{DryRun: true, Force: force}, keyEdit(key)); err != nil {
		return saveReport{}, saveError(err, p, a)
	}
	ign, err := envfile.EnsureIgnored(ctx, p, envfile.Options{})
	if err != nil {
		return saveReport{}, saveError(err, p, a)
	}
	res, err := envfile.Update(ctx, p, envfile.Options{Force: force}, keyEdit(key))
	if err != nil {
		return saveReport{}, saveError(err, p, a)
	}
	rep := saveReport{Changes: append(envChanges(res, a), ignoreChanges(ign, a)...), Warnings: saveNotes(res, ign, a)}
	if res.Written {
		rep.Files = append(rep.Files, display(a, res.Target))
	}
	if ign.Written {
		rep.Files = append(rep.Files, display(a, ign.Gitignore))
	}
	return rep, nil
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
	lc := lineChange{File: file, Line: c.Line, Old: c.OldLine(apikey.Fingerprint), New: c.NewLine(apikey.Fingerprint)}
	switch c.Action {
	case envfile.Added:
		lc.Action = "added"
	case envfile.Replaced:
		lc.Action = "replaced"
	case envfile.RemovedDuplicate:
		lc.Action = "removed"
	default:
		lc.Action = "unchanged"
	}
	return lc
}

func ignoreChanges(ign envfile.IgnoreResult, a *app) []lineChange {
	var out []lineChange
	for _, l := range ign.Added {
		out = append(out, lineChange{File: display(a, ign.Gitignore), Action: "added", New: l})
	}
	return out
}

func saveNotes(res envfile.Result, ign envfile.IgnoreResult, a *app) []string {
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
		notes = append(notes, fmt.Sprintf("%s is a link: wrote its target %s", display(a, res.Path), display(a, res.Target)))
	}
	return notes
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
		file, what, checks.StripBOMCommand(file))
}

// saveError explains a failed save; the old file is intact in every case.
func saveError(err error, path string, a *app) error {
	name := display(a, path)
	switch {
	case errors.Is(err, envfile.ErrTracked):
		return fmt.Errorf("git tracks %s, so a key written there would be committed: untrack it with `git rm --cached %s` and commit, or pass --force", name, name)
	case errors.Is(err, envfile.ErrBadValue):
		return fmt.Errorf("the key has characters that cannot be written to %s safely", name)
	}
	return fmt.Errorf("could not save to %s: %w (the file was left as it was)", name, err)
}

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
