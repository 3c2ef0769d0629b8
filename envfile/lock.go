package envfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"github.com/gofrs/flock"
)

// LockSuffix names the advisory lock beside each dotenv file (".env" ->
// ".env.lock"). The lock file is empty, mode 0600, and never deleted:
// deleting it would let a run that just opened the old one and a run that
// creates a new one both think they hold the lock.
const LockSuffix = ".lock"

// lockRetry is how often a waiting save tries the lock again; the context
// bounds the whole wait.
const lockRetry = 20 * time.Millisecond

// ErrChanged is wrapped by a write's error when the file no longer holds
// the bytes its plan was made from (Options.Expect): another program wrote
// it since. Nothing was written; plan again and show the new preview.
var ErrChanged = errors.New("it changed after the preview was made")

// Lock holds the advisory locks of a set of dotenv files, so concurrent
// saves (other runs of this tool, or goroutines) change them one at a time.
// The lock of a dotenv file also covers the read-modify-write of the
// .gitignore in its folder (EnsureIgnored). Never hold one while waiting
// for a person: take it at write time, write, unlock.
type Lock struct {
	paths []string // absolute, cleaned dotenv paths
	held  []*flock.Flock
}

// LockFiles locks the dotenv files at paths (each through its LockSuffix
// file beside it, created if missing), in sorted absolute-path order so two
// runs locking overlapping sets cannot deadlock. It waits for a lock another
// run holds until ctx is done.
func LockFiles(ctx context.Context, paths ...string) (*Lock, error) {
	l := &Lock{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(l.paths, abs) {
			l.paths = append(l.paths, abs)
		}
	}
	slices.Sort(l.paths)
	for _, p := range l.paths {
		fl := flock.New(p+LockSuffix, flock.SetPermissions(0o600))
		ok, err := fl.TryLockContext(ctx, lockRetry)
		if !ok || err != nil {
			l.Unlock()
			switch {
			case ctx.Err() != nil:
				return nil, fmt.Errorf("another program is writing %s (it holds %s): try again when it is done", p, p+LockSuffix)
			case errors.Is(err, fs.ErrNotExist):
				return nil, fmt.Errorf("the folder %s does not exist: create it first", filepath.Dir(p))
			case errors.Is(err, fs.ErrPermission):
				return nil, fmt.Errorf("cannot create the lock file %s: this user may not write in %s", p+LockSuffix, filepath.Dir(p))
			}
			return nil, fmt.Errorf("cannot lock %s through %s: %w", p, p+LockSuffix, err)
		}
		l.held = append(l.held, fl)
	}
	return l, nil
}

// Unlock releases every lock (in reverse order). The lock files stay.
func (l *Lock) Unlock() error {
	var errs []error
	for i := len(l.held) - 1; i >= 0; i-- {
		errs = append(errs, l.held[i].Unlock())
	}
	l.held = nil
	return errors.Join(errs...)
}

// covers reports whether l holds the lock of the dotenv file at path.
func (l *Lock) covers(path string) bool {
	abs, err := filepath.Abs(path)
	return err == nil && len(l.held) > 0 && slices.Contains(l.paths, abs)
}

// acquire returns the release function for a write of the dotenv file at
// path: a no-op under a held Lock that covers it (the caller unlocks), or
// the release of a lock taken here.
func acquire(ctx context.Context, held *Lock, path string) (func(), error) {
	if held != nil {
		if !held.covers(path) {
			return nil, fmt.Errorf("internal error: the lock held does not cover %s", path)
		}
		return func() {}, nil
	}
	l, err := LockFiles(ctx, path)
	if err != nil {
		return nil, err
	}
	return func() { l.Unlock() }, nil
}
