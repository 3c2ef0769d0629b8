package envfile

import (
	"bytes"
	"context"
	"fmt"
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
// current bytes, read under the file's lock: only what fn decides from the
// bytes as they are at write time is written, so a change made since the
// file was first read is never undone. The same rules as Update apply
// (regular files, tracked files, links, Options.Expect); the file must read
// back as written.
func UpdateWith(ctx context.Context, path string, opts Options, fn Transform) (Result, error) {
	return locked(ctx, path, opts, fn, func(written []byte) error {
		back, _, err := readRegular(path, MaxDotenv)
		if err != nil || !bytes.Equal(back, written) {
			return fmt.Errorf("%s: %w: the file does not hold what was just written", path, ErrReadBack)
		}
		return nil
	})
}
