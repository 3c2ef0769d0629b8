package envfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Edit asks for one variable to be set. Its String method never shows the
// value, so an Edit can be logged.
type Edit struct {
	Name  string
	Value string
}

// String names the variable without its value.
func (e Edit) String() string { return "set " + e.Name }

// GoString keeps %#v from printing the value.
func (e Edit) GoString() string { return "envfile.Edit{Name:" + fmt.Sprintf("%q", e.Name) + "}" }

// MarshalJSON keeps JSON output (and slog's JSON handler) from showing the value.
func (e Edit) MarshalJSON() ([]byte, error) { return json.Marshal(map[string]string{"name": e.Name}) }

// Action says what an edit did to one line. Its text ("added",
// "replaced", "removed", "unchanged") is the one vocabulary that text and
// JSON reports use as is.
type Action string

// The actions Apply reports. A .gitignore entry added is Added too.
const (
	Added    Action = "added"
	Replaced Action = "replaced"
	// RemovedDuplicate is a later assignment of a name that was removed
	// (the first one now holds the value).
	RemovedDuplicate Action = "removed"
	Unchanged        Action = "unchanged"
)

// String is the action's word.
func (a Action) String() string { return string(a) }

// MarshalText gives JSON the same word.
func (a Action) MarshalText() ([]byte, error) {
	if !a.valid() {
		return nil, fmt.Errorf("envfile: unknown action %q", string(a))
	}
	return []byte(a), nil
}

// UnmarshalText accepts only the four words.
func (a *Action) UnmarshalText(b []byte) error {
	if v := Action(b); v.valid() {
		*a = v
		return nil
	}
	return fmt.Errorf("envfile: unknown action %q", b)
}

func (a Action) valid() bool {
	switch a {
	case Added, Replaced, RemovedDuplicate, Unchanged:
		return true
	}
	return false
}

// Change reports what Apply did to one line. The old and new line texts are
// only reachable through OldLine and NewLine, which take a mask for the
// value; fmt, %#v and JSON never show a value.
type Change struct {
	Name   string
	Action Action
	// Line is 1-based: the line in the input for Replaced, RemovedDuplicate
	// and Unchanged, the line in the output for Added.
	Line int

	old, new lineText
}

// lineText is the text of one statement (without its line ending) and
// where its value sits in it.
type lineText struct {
	text             string
	valStart, valEnd int
	value            string
}

func (l lineText) render(mask func(string) string) string {
	text := l.text
	if mask != nil && l.valEnd > l.valStart {
		text = text[:l.valStart] + mask(l.value) + text[l.valEnd:]
	}
	return strings.ReplaceAll(text, "\r\n", "\n")
}

// OldLine is the line as it was ("" for Added), with its value passed
// through mask (nil shows it raw). A multi-line value is joined with "\n".
// Text outside the value, such as a comment, is shown as is.
func (c Change) OldLine(mask func(value string) string) string { return c.old.render(mask) }

// NewLine is the line as written ("" for RemovedDuplicate), with its value
// passed through mask (nil shows it raw).
func (c Change) NewLine(mask func(value string) string) string { return c.new.render(mask) }

// OldValue is the value the old line held ("" for Added).
func (c Change) OldValue() string { return c.old.value }

// NewValue is the value the new line holds ("" for RemovedDuplicate).
func (c Change) NewValue() string { return c.new.value }

// String describes the change without any value.
func (c Change) String() string { return fmt.Sprintf("%s: %s at line %d", c.Name, c.Action, c.Line) }

// GoString keeps %#v from printing values.
func (c Change) GoString() string {
	return fmt.Sprintf("envfile.Change{Name:%q, Action:%q, Line:%d}", c.Name, c.Action, c.Line)
}

// ErrBadName and ErrBadValue are wrapped by Apply's errors.
var (
	ErrBadName  = errors.New("invalid variable name")
	ErrBadValue = errors.New("value cannot be written unquoted")
)

// SafeValue reports whether v can be written unquoted and be read the same
// by godotenv, python-dotenv, node dotenv and docker --env-file: only
// A-Z a-z 0-9 and _ . / : @ + - (docs/dotenv-parsers.md).
func SafeValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if !safeValueByte(v[i]) {
			return false
		}
	}
	return true
}

func safeValueByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("_./:@+-", c) >= 0
}

func validName(n string) bool {
	if n == "" || ('0' <= n[0] && n[0] <= '9') {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func validate(edits []Edit) error {
	seen := map[string]bool{}
	for _, e := range edits {
		if !validName(e.Name) {
			return fmt.Errorf("%w %q: use letters, digits and _", ErrBadName, e.Name)
		}
		if seen[e.Name] {
			return fmt.Errorf("%w %q: set twice in one edit", ErrBadName, e.Name)
		}
		seen[e.Name] = true
		// The value may be a secret: say which character class failed, never the value.
		if !SafeValue(e.Value) {
			return fmt.Errorf("%w: the value for %s has a character outside A-Z a-z 0-9 _ . / : @ + - (quoting is read differently by each parser)", ErrBadValue, e.Name)
		}
	}
	return nil
}

// lineEnding is the file's convention, taken from its first line ending;
// "\n" for a file that has none.
func lineEnding(data []byte) string {
	i := bytes.IndexByte(data, '\n')
	if i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

type splice struct {
	start, end int
	text       string
}

// Apply sets each edit's variable in the dotenv bytes data and returns the
// new bytes and one Change per line it looked at. It is pure: the caller
// decides whether to write, which is what a dry run needs.
//
// Every byte other than the variable's lines is kept. The first assignment
// of a name is replaced in place (keeping its indentation and "export "),
// later ones are removed, and a missing name is appended as NAME=value with
// the file's line ending (a separator line ending is added first when the
// file does not end with one). Values outside SafeValue are refused.
//
// Changes list the in-place ones first (edit by edit, in file order), then
// the appended lines. Removing a duplicate that is the file's last line
// (with no final newline) leaves the line before it ending in a newline.
func Apply(data []byte, edits ...Edit) ([]byte, []Change, error) {
	if err := validate(edits); err != nil {
		return nil, nil, err
	}
	stmts := scan(data)
	var (
		splices []splice
		changes []Change
		appends []Edit
	)
	for _, e := range edits {
		first := true
		for _, s := range stmts {
			if s.Name != e.Name {
				continue
			}
			old := lineText{
				text:     string(data[s.lineStart:s.end]),
				valStart: s.rawStart - s.lineStart,
				valEnd:   s.rawEnd - s.lineStart,
				value:    s.Value,
			}
			if !first {
				splices = append(splices, splice{s.lineStart, s.next, ""})
				changes = append(changes, Change{Name: e.Name, Action: RemovedDuplicate, Line: s.Line, old: old})
				continue
			}
			first = false
			prefix := string(data[s.lineStart:s.nameStart])
			nl := newLine(prefix, e)
			c := Change{Name: e.Name, Action: Replaced, Line: s.Line, old: old, new: nl}
			if nl.text == old.text {
				c.Action = Unchanged
			} else {
				splices = append(splices, splice{s.lineStart, s.end, nl.text})
			}
			changes = append(changes, c)
		}
		if first {
			appends = append(appends, e)
		}
	}

	sort.Slice(splices, func(i, j int) bool { return splices[i].start < splices[j].start })
	out := make([]byte, 0, len(data)+128)
	pos := 0
	for _, sp := range splices {
		out = append(out, data[pos:sp.start]...)
		out = append(out, sp.text...)
		pos = sp.end
	}
	out = append(out, data[pos:]...)

	if len(appends) > 0 {
		eol := lineEnding(data)
		out = append(out, separator(out, eol)...)
		line := bytes.Count(out, []byte{'\n'}) + 1
		for _, e := range appends {
			nl := newLine("", e)
			out = append(out, nl.text...)
			out = append(out, eol...)
			changes = append(changes, Change{Name: e.Name, Action: Added, Line: line, new: nl})
			line++
		}
	}
	return out, changes, nil
}

// separator is what must follow data before a line can be appended: nothing
// after a line ending (or an empty or BOM-only file), "\n" after a lone
// "\r" (completing a CRLF, so the "\r" does not join the value before it),
// else the file's line ending.
func separator(data []byte, eol string) string {
	switch {
	case len(data) == 0 || data[len(data)-1] == '\n' || bytes.Equal(data, bom):
		return ""
	case data[len(data)-1] == '\r':
		return "\n"
	}
	return eol
}

func newLine(prefix string, e Edit) lineText {
	start := len(prefix) + len(e.Name) + 1
	return lineText{
		text:     prefix + e.Name + "=" + e.Value,
		valStart: start,
		valEnd:   start + len(e.Value),
		value:    e.Value,
	}
}
