// Package atomicfile replaces a file's content so that a reader, a crash or
// a full disk sees either the old content or the new, never a mix: the new
// bytes go to a temporary file in the same folder, which is synced and then
// renamed over the target, and the folder is synced so the rename survives
// a power cut. Its reading side (OpenRegular, ReadRegular) opens regular
// files only, without blocking on a FIFO swapped in.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Info describes a finished (or planned) write.
type Info struct {
	// Target is the file actually replaced: the final target when the path
	// given is a symbolic link (the link itself is kept).
	Target string
	// Created is true when the target did not exist before.
	Created bool
	// Mode is the permission the file has after the write: the old file's
	// mode, or the perm passed to WriteFile for a new file.
	Mode fs.FileMode
}

// ErrReadOnly is wrapped by the error for a file with no write permission.
// It is checked before the rename, which would otherwise replace the file
// silently (rename needs only the folder to be writable).
var ErrReadOnly = errors.New("file is read-only")

// Resolve follows symbolic links from path to the file they finally name,
// which need not exist yet (a dangling link is written through too).
func Resolve(path string) (string, error) {
	cur := path
	for range 40 {
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return cur, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return cur, nil
		}
		link, err := os.Readlink(cur)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(cur), link)
		}
		cur = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// Stat reports what WriteFile would do to path without writing: the target,
// whether it would be created, the mode it would have, and the error a
// read-only or non-regular target would give.
func Stat(path string, perm fs.FileMode) (Info, error) {
	target, err := Resolve(path)
	if err != nil {
		return Info{}, fmt.Errorf("resolving %s: %w", path, err)
	}
	info := Info{Target: target, Mode: perm.Perm()}
	fi, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		info.Created = true
		return info, nil
	}
	if err != nil {
		return info, err
	}
	if !fi.Mode().IsRegular() {
		return info, fmt.Errorf("%s is not a regular file", target)
	}
	info.Mode = fi.Mode().Perm()
	if info.Mode&0o222 == 0 {
		return info, fmt.Errorf("%s: %w (mode %s); make it writable first", target, ErrReadOnly, info.Mode)
	}
	// The mode bits may allow a write our user may still not make
	// (another owner, ACLs). Opening without truncating tells.
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return info, fmt.Errorf("%s: %w for this user: %v", target, ErrReadOnly, err)
		}
		return info, err
	}
	f.Close()
	return info, nil
}

// WriteFile replaces the content of path with data atomically. A symbolic
// link is followed to its final target and kept. A new file gets perm; an
// existing one keeps its mode (and, where the platform allows, its owner).
// On any error the original is left as it was and no temporary file is
// left behind. After a successful rename, leftovers of earlier writes of the
// same target that were killed before their rename (see Leftovers) are
// removed when they are older than a minute, so a concurrent writer's live
// temporary file is never touched.
func WriteFile(path string, data []byte, perm fs.FileMode) (Info, error) {
	info, err := Stat(path, perm)
	if err != nil {
		return info, err
	}
	var old fs.FileInfo
	if !info.Created {
		if old, err = os.Stat(info.Target); err != nil {
			return info, err
		}
	}
	dir, base := filepath.Split(info.Target)
	if dir == "" {
		dir = "."
	}
	f, err := createTemp(dir, tempPattern(base))
	if err != nil {
		return info, fmt.Errorf("cannot create a temporary file in %s: %w", dir, explain(err))
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			os.Remove(tmp)
		}
	}()

	if err := f.Chmod(info.Mode); err != nil {
		return info, fmt.Errorf("setting the mode of %s: %w", tmp, err)
	}
	if old != nil {
		keepOwner(f, old)
	}
	if _, err := writeData(f, data); err != nil {
		return info, fmt.Errorf("writing %s: %w", tmp, explain(err))
	}
	if err := syncFile(f); err != nil {
		return info, fmt.Errorf("syncing %s: %w", tmp, explain(err))
	}
	if err := f.Close(); err != nil {
		return info, fmt.Errorf("closing %s: %w", tmp, explain(err))
	}
	if err := rename(tmp, info.Target); err != nil {
		return info, fmt.Errorf("replacing %s: %w", info.Target, explain(err))
	}
	renamed = true
	removeStale(info.Target)
	if err := syncDir(dir); err != nil {
		// The new content is in place; only its durability is in doubt.
		return info, fmt.Errorf("%s was replaced but syncing its folder failed: %w", info.Target, err)
	}
	return info, nil
}

// tempPattern names the temporary file after the target, hidden, so a
// leftover from a killed process is recognisable: ".env" -> ".env.tmp-123".
func tempPattern(base string) string {
	if !strings.HasPrefix(base, ".") {
		base = "." + base
	}
	return base + ".tmp-*"
}

// staleAfter is how old a leftover must be before WriteFile removes it: a
// live write renames its temporary file within moments of creating it.
const staleAfter = time.Minute

// Leftovers lists the temporary files that writes of path killed before
// their rename left in its folder (".env" -> ".env.tmp-123"), whatever their
// age: regular files only, never a symbolic link or a folder. A symbolic link
// at path is followed, as WriteFile does. Errors give an empty list.
func Leftovers(path string) []string {
	target, err := Resolve(path)
	if err != nil {
		target = path
	}
	var out []string
	for _, l := range leftovers(target) {
		out = append(out, l.path)
	}
	return out
}

type leftover struct {
	path string
	mod  time.Time
}

// leftovers lists the regular files in target's folder whose names
// tempPattern would give, with their modification times.
func leftovers(target string) []leftover {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	prefix := strings.TrimSuffix(tempPattern(base), "*")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []leftover
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !isDigits(rest) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info() // lstat: a link is never followed
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		out = append(out, leftover{filepath.Join(dir, e.Name()), fi.ModTime()})
	}
	return out
}

// isDigits reports whether s is the non-empty run of digits os.CreateTemp
// puts for the "*", so ".env.tmp-backup" is never taken for a leftover.
func isDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// removeStale removes target's leftovers older than staleAfter. Best
// effort: a file that cannot be removed stays, and doctor reports it.
func removeStale(target string) {
	for _, l := range leftovers(target) {
		if time.Since(l.mod) > staleAfter {
			os.Remove(l.path) // on a link swapped in meanwhile, removes the link, never its target
		}
	}
}

// explain turns the errors people actually hit into plain words, keeping
// the original wrapped for errors.Is.
func explain(err error) error {
	switch {
	case errors.Is(err, errDiskFull):
		return fmt.Errorf("the disk is full: %w", err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("permission denied (is the folder read-only?): %w", err)
	}
	return err
}
