package rotate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/envfile"
)

// Options change how Replace acts on disk.
type Options struct {
	// Force writes dotenv files that git tracks.
	Force bool
	// DryRun plans every file and writes none.
	DryRun bool
}

// FileResult is what Replace planned or did for one dotenv file. Changes
// show values only through Change.OldLine/NewLine with a mask.
type FileResult struct {
	Path    string
	Target  string // the file written (a symbolic link's target)
	Tracked bool
	Changes []envfile.Change
	Written bool
	// Left are the lines of this file rotate left as they are, as the file
	// was at write time: a copy of the old key outside a value it replaced
	// (TodoCopy), or a variable that held the old key and now holds another
	// (TodoOtherKey: changed since, or a later duplicate).
	Left []Todo
	// Err is this file's refusal or failure; the file is unchanged.
	Err error
}

// Replace sets, in each of places.Files, every assignment whose value is
// still the old key to newKey, with the .env editor (atomic, every other
// byte kept). The edit is a transform of each file's bytes as they are when
// it is written (replaceOld), so a line changed since Find, or holding a
// different key, is left alone and reported in FileResult.Left. Replace
// plans every file first and writes nothing if any file would be refused;
// then it locks every file (sorted, held for the whole write) and writes
// each under that lock, going on past a failure so the results tell
// exactly which files hold the new key. Errors never hold a value.
func Replace(ctx context.Context, places Places, newKey apikey.Key, o Options) ([]FileResult, error) {
	if newKey.IsZero() {
		return nil, errors.New("no new key")
	}
	if newKey.Equal(places.Old) {
		return nil, ErrSameKey
	}
	results := make([]FileResult, len(places.Files))
	refused := 0
	for i, f := range places.Files {
		results[i] = replaceIn(ctx, f, places.Old, newKey, envfile.Options{DryRun: true, Force: o.Force})
		if results[i].Err != nil {
			refused++
		}
	}
	if refused > 0 {
		return results, fmt.Errorf("%d of %d file(s) refused: %w", refused, len(results), ErrRefused)
	}
	if o.DryRun {
		return results, nil
	}
	// Every file is locked at once, in sorted order (LockFiles), only now
	// that the writes start, and held until the last is written: another
	// save of one of them waits, and two rotations cannot deadlock.
	paths := make([]string, len(places.Files))
	for i, f := range places.Files {
		paths[i] = f.Path
	}
	lk, err := envfile.LockFiles(ctx, paths...)
	if err != nil {
		for i := range results {
			results[i] = FileResult{Path: places.Files[i].Path, Err: err}
		}
		return results, fmt.Errorf("%w: %w", err, ErrRefused)
	}
	defer lk.Unlock()
	if whileLocked != nil {
		whileLocked()
	}
	failed := 0
	for i, f := range places.Files {
		results[i] = replaceIn(ctx, f, places.Old, newKey, envfile.Options{Force: o.Force, Lock: lk})
		if results[i].Err != nil {
			failed++
		}
	}
	if failed > 0 {
		return results, fmt.Errorf("%d of %d file(s) failed: %w", failed, len(results), ErrPartial)
	}
	return results, nil
}

// whileLocked, set by tests only, runs once Replace holds every file's
// lock, before the first write.
var whileLocked func()

// replaceIn plans or writes one file.
func replaceIn(ctx context.Context, f File, old, newKey apikey.Key, o envfile.Options) FileResult {
	t := &replaceOld{path: f.Path, old: old, newKey: newKey}
	for _, l := range f.Lines {
		if l.Name != "" && !slices.Contains(t.names, l.Name) {
			t.names = append(t.names, l.Name)
		}
	}
	res, err := envfile.UpdateWith(ctx, f.Path, o, t.apply)
	if err == nil && res.Created {
		err = ErrGone // never create a file: the old key was found in one
	}
	return FileResult{Path: f.Path, Target: res.Target, Tracked: res.Tracked, Changes: res.Changes,
		Written: res.Written, Left: t.left, Err: err}
}

// replaceOld is the transform of one file: every assignment holding the old
// key (compared cleaned, as Find does) gets the new key; what it leaves is
// noted in left, with line numbers and never a value.
type replaceOld struct {
	path        string
	old, newKey apikey.Key
	names       []string // the variables Find saw holding the old key
	left        []Todo
}

func (t *replaceOld) apply(cur []byte) ([]byte, []envfile.Change, error) {
	oldC := t.old.Reveal()
	holds := func(v string) bool {
		c, _ := apikey.Clean(v)
		return c == oldC
	}
	out, changes, err := envfile.SetMatching(cur, t.newKey.Reveal(), func(e envfile.Entry) bool { return holds(e.Value) })
	if err != nil {
		return nil, nil, err
	}
	t.left = nil
	for _, e := range envfile.Parse(cur) {
		if slices.Contains(t.names, e.Name) && e.Value != "" && !holds(e.Value) && e.Value != t.newKey.Reveal() {
			t.left = append(t.left, Todo{Kind: TodoOtherKey, Path: t.path, Line: e.Line, Name: e.Name})
		}
	}
	replaced := func(n int) bool {
		return slices.ContainsFunc(changes, func(c envfile.Change) bool { return c.Line == n })
	}
	n := 0
	for line := range bytes.Lines(cur) {
		n++
		if bytes.Contains(line, []byte(oldC)) && !replaced(n) {
			t.left = append(t.left, Todo{Kind: TodoCopy, Path: t.path, Line: n})
		}
	}
	slices.SortStableFunc(t.left, func(a, b Todo) int { return a.Line - b.Line })
	return out, changes, nil
}
