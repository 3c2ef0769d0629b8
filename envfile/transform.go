package envfile

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

// Transform turns a dotenv file's bytes, as they are when it is about to be
// written, into the bytes to write and the changes made. UpdateWith runs it
// between reading and writing, so an edit decided from what the file holds
// at write time never undoes a change made since the file was first read.
type Transform func(current []byte) ([]byte, []Change, error)

// SetMatching sets every assignment for which match is true to value, in
// place (keeping indentation and "export "), as Apply does for the first
// assignment of a name. It removes nothing and appends nothing: lines that do
// not match stay as they are, duplicates included. Values outside SafeValue
// are refused.
func SetMatching(data []byte, value string, match func(Entry) bool) ([]byte, []Change, error) {
	if !SafeValue(value) {
		return nil, nil, ErrBadValue
	}
	var (
		out     = make([]byte, 0, len(data)+64)
		changes []Change
		pos     int
	)
	for _, s := range scan(data) {
		if !match(s.Entry) {
			continue
		}
		old := lineText{text: string(data[s.lineStart:s.end]), valStart: s.rawStart - s.lineStart, valEnd: s.rawEnd - s.lineStart, value: s.Value}
		nl := newLine(string(data[s.lineStart:s.nameStart]), Edit{Name: s.Name, Value: value})
		c := Change{Name: s.Name, Action: Replaced, Line: s.Line, old: old, new: nl}
		if nl.text == old.text {
			c.Action = Unchanged
		} else {
			out = append(append(out, data[pos:s.lineStart]...), nl.text...)
			pos = s.end
		}
		changes = append(changes, c)
	}
	return append(out, data[pos:]...), changes, nil
}

// UpdateWith is Update with the edit given as a Transform of the file's
// current bytes: it reads the file, transforms it, and writes the result
// atomically (refusing a file git tracks unless opts.Force), then reads it
// back. A file that does not exist is transformed from no bytes, so a
// Transform that only changes existing lines leaves it uncreated.
func UpdateWith(ctx context.Context, path string, opts Options, fn Transform) (Result, error) {
	res := Result{Path: path}
	info, statErr := atomicfile.Stat(path, NewFileMode)
	res.Target, res.Created, res.Mode = info.Target, info.Created, info.Mode
	res.Exposed = exposed(res.Mode)
	if res.Target == "" {
		return res, statErr
	}
	var data []byte
	if !res.Created {
		var err error
		if data, err = os.ReadFile(res.Target); err != nil {
			return res, fmt.Errorf("reading %s: %w", path, err)
		}
		res.BOM = HasBOM(data)
	}
	out, changes, err := fn(data)
	if err != nil {
		return res, err
	}
	res.Changes = changes
	res.Tracked = gitTracks(ctx, path)
	if !res.Changed() {
		return res, nil
	}
	if res.Tracked && !opts.Force {
		return res, fmt.Errorf("%s: %w, so a secret written there would go into the next commit; untrack it (git rm --cached) or force the write", path, ErrTracked)
	}
	if statErr != nil || opts.DryRun {
		return res, statErr
	}
	info, err = writeFile(path, out, NewFileMode)
	if err != nil {
		return res, err
	}
	res.Written = true
	res.Mode, res.Exposed = info.Mode, exposed(info.Mode)
	if back, err := os.ReadFile(path); err != nil || !bytes.Equal(back, out) {
		return res, fmt.Errorf("%s: %w: the file does not hold what was just written", path, ErrReadBack)
	}
	return res, nil
}
