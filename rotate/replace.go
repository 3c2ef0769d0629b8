package rotate

import (
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
	// Err is this file's refusal or failure; the file is unchanged.
	Err error
}

// Replace sets every variable that holds the old key in each of
// places.Files to newKey, with the .env editor (atomic, every other byte
// kept). It plans every file first and writes nothing if any file would be
// refused; then it writes each file, going on past a failure so the results
// tell exactly which files hold the new key. Errors never hold a value.
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
		res, err := envfile.Update(ctx, f.Path, envfile.Options{DryRun: true, Force: o.Force}, edits(f, newKey)...)
		if err == nil && res.Created {
			err = ErrGone // never create a file: the old key was found in one
		}
		results[i] = fileResult(f.Path, res, err)
		if err != nil {
			refused++
		}
	}
	if refused > 0 {
		return results, fmt.Errorf("%d of %d file(s) refused: %w", refused, len(results), ErrRefused)
	}
	if o.DryRun {
		return results, nil
	}
	failed := 0
	for i, f := range places.Files {
		res, err := envfile.Update(ctx, f.Path, envfile.Options{Force: o.Force}, edits(f, newKey)...)
		results[i] = fileResult(f.Path, res, err)
		if err != nil {
			failed++
		}
	}
	if failed > 0 {
		return results, fmt.Errorf("%d of %d file(s) failed: %w", failed, len(results), ErrPartial)
	}
	return results, nil
}

// edits sets each variable holding the old key in f, once per name.
func edits(f File, newKey apikey.Key) []envfile.Edit {
	var names []string
	for _, l := range f.Lines {
		if l.Name != "" && !slices.Contains(names, l.Name) {
			names = append(names, l.Name)
		}
	}
	out := make([]envfile.Edit, len(names))
	for i, n := range names {
		out[i] = envfile.Edit{Name: n, Value: newKey.Reveal()}
	}
	return out
}

func fileResult(path string, res envfile.Result, err error) FileResult {
	return FileResult{Path: path, Target: res.Target, Tracked: res.Tracked, Changes: res.Changes, Written: res.Written, Err: err}
}
