package envfile

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

// writeFile is the atomic writer; tests swap it to inject faults.
var writeFile = atomicfile.WriteFile

// Options change how Update and EnsureIgnored act on disk.
type Options struct {
	// Force writes a .env that git tracks.
	Force bool
	// DryRun does everything but write: the result shows what would change.
	DryRun bool
	// Expect, when set, is the Sum of a dry run's result (the bytes its
	// preview was made from): the write re-reads the file under the lock
	// and returns ErrChanged, writing nothing, when it differs.
	Expect string
	// Lock, when set, is a held lock covering the dotenv file (LockFiles):
	// the write runs under it. Otherwise a write takes the file's lock
	// itself, from its read to its rename.
	Lock *Lock
	// WorkTree, when set, is the git work tree around the file, found once
	// for the whole save (FindWorkTree); otherwise each step asks git.
	WorkTree *WorkTree
}

// Result reports what Update found and did.
type Result struct {
	// Path is the .env path given; Target the file actually written (the
	// final target when Path is a symbolic link, which is kept).
	Path   string
	Target string
	// Created is true when the file did not exist.
	Created bool
	// Changes lists every line looked at; see Apply.
	Changes []Change
	// Written is true when the file was replaced on disk. It stays false
	// for a dry run, a refusal, or when nothing needed to change.
	Written bool
	// Mode is the file's permission after the write (or, for a dry run,
	// what it would be). Exposed is true when the group or others may read
	// it; it is never set on Windows, where mode bits say nothing of that.
	Mode    fs.FileMode
	Exposed bool
	// Tracked is true when git tracks Path.
	Tracked bool
	// Outside is true when Path is a symbolic link whose Target lies
	// outside the work tree (or, outside a repository, outside Path's
	// folder): the key goes to a file this folder does not hold.
	Outside bool
	// Sum identifies the bytes the result was planned from: pass it as
	// Options.Expect to write only if the file still holds them.
	Sum string
	// BOM is true when the file starts with a UTF-8 byte-order mark (see
	// HasBOM). Update keeps it like every other byte; callers warn, since
	// python-dotenv before 1.2.3 and godotenv misread such a file.
	BOM bool
}

// Changed reports whether any line differs.
func (r Result) Changed() bool {
	for _, c := range r.Changes {
		if c.Action != Unchanged {
			return true
		}
	}
	return false
}

// ErrTracked is wrapped by Update's error when git tracks the file and
// Options.Force is not set.
var ErrTracked = errors.New("git tracks this file")

// ErrReadBack is wrapped by Update's error when the file read back after
// writing does not hold the values written.
var ErrReadBack = errors.New("read-back mismatch")

// NewFileMode is the permission of a .env that Update creates.
const NewFileMode fs.FileMode = 0o600

// Update sets the edits' variables in the dotenv file at path (see Apply
// for what changes in the bytes), writes it atomically and reads it back.
// A file git tracks, or one in a repository git cannot answer about
// (ErrTrackedUnknown), is refused unless opts.Force. Values never appear in
// errors.
func Update(ctx context.Context, path string, opts Options, edits ...Edit) (Result, error) {
	apply := func(data []byte) ([]byte, []Change, error) { return Apply(data, edits...) }
	return locked(ctx, path, opts, apply, func([]byte) error { return readBack(path, edits) })
}

// locked runs update under the file's lock (unless opts.Lock already holds
// it, or nothing will be written).
func locked(ctx context.Context, path string, opts Options, fn Transform, check func(written []byte) error) (Result, error) {
	if opts.DryRun {
		return update(ctx, path, opts, fn, check)
	}
	release, err := acquire(ctx, opts.Lock, path)
	if err != nil {
		return Result{Path: path}, err
	}
	defer release()
	return update(ctx, path, opts, fn, check)
}

// update reads the file (a regular file, capped), transforms it, applies
// the tracked, link and changed-since-preview rules, writes atomically and
// checks what was written; the caller holds any lock.
func update(ctx context.Context, path string, opts Options, fn Transform, check func(written []byte) error) (Result, error) {
	res := Result{Path: path}
	info, statErr := atomicfile.Stat(path, NewFileMode)
	res.Target, res.Created, res.Mode = info.Target, info.Created, info.Mode
	res.Exposed = exposed(res.Mode)
	if res.Target == "" {
		return res, statErr
	}

	data, exists, err := readRegular(path, MaxDotenv)
	if err != nil {
		return res, err
	}
	res.BOM, res.Sum = HasBOM(data), Sum(data, exists)
	if !opts.DryRun && opts.Expect != "" && opts.Expect != res.Sum {
		return res, fmt.Errorf("%s: %w (another program wrote it), so it was not written: start the save again to see the new changes", path, ErrChanged)
	}
	out, changes, err := fn(data)
	if err != nil {
		return res, err
	}
	res.Changes = changes
	var trackErr error
	res.Tracked, trackErr = gitTracks(ctx, path)
	link := res.Target != path
	if link {
		res.Outside = outside(boundary(opts.top(ctx, filepath.Dir(path)), filepath.Dir(path)), res.Target)
	}
	if !res.Changed() {
		return res, nil
	}
	if trackErr != nil && !opts.Force {
		return res, fmt.Errorf("%s: %w", path, trackErr)
	}
	if link && res.Tracked {
		return res, sentence{fmt.Sprintf("%s is a symbolic link that git tracks, so whoever committed it chose where a key would go (%s): replace it with a plain file", path, res.Target), ErrTrackedLink}
	}
	if res.Tracked && !opts.Force {
		return res, fmt.Errorf("%s: %w, so a secret written there would go into the next commit; untrack it (git rm --cached) or force the write", path, ErrTracked)
	}
	if statErr != nil {
		return res, statErr // read-only: said before a dry run shows a plan
	}
	if opts.DryRun {
		return res, nil
	}

	info, err = writeFile(path, out, NewFileMode)
	if err != nil {
		return res, err
	}
	res.Written = true
	res.Mode, res.Exposed = info.Mode, exposed(info.Mode)
	return res, check(out)
}

// Sum identifies a file's content for Options.Expect; exists false (no file
// yet) has its own value, unlike an empty file.
func Sum(data []byte, exists bool) string {
	if !exists {
		return "none"
	}
	return fmt.Sprintf("sha256:%x", sha256.Sum256(data))
}

// readBack checks that the file at path now holds every edit's value, as
// our parser (the last assignment wins) reads it.
func readBack(path string, edits []Edit) error {
	data, _, err := readRegular(path, MaxDotenv)
	if err != nil {
		return fmt.Errorf("reading back: %w", err)
	}
	entries := Parse(data)
	for _, e := range edits {
		got, ok := Lookup(entries, e.Name)
		if !ok || got.Value != e.Value {
			return fmt.Errorf("%s: %w: %s does not hold the value just written", path, ErrReadBack, e.Name)
		}
	}
	return nil
}

// Leftovers lists the temporary files that writes of the dotenv file at path
// left behind when they were killed before finishing (".env" ->
// ".env.tmp-123"); they may hold a whole key that a ".env" ignore rule does
// not cover. The next write removes those over a minute old.
func Leftovers(path string) []string { return atomicfile.Leftovers(path) }

func exposed(m fs.FileMode) bool {
	return runtime.GOOS != "windows" && m&0o044 != 0
}
