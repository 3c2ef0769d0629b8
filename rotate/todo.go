package rotate

import "fmt"

// TodoKind says what the user must change by hand.
type TodoKind int

// The kinds of to-do.
const (
	// TodoStartupLine: a shell start-up line sets Name to the old key.
	TodoStartupLine TodoKind = iota
	// TodoStartupComputed: a start-up line computes Name ($(…), $VAR); what
	// it reads from holds the old key.
	TodoStartupComputed
	// TodoStartupCopy: a start-up file line holds the old key in a form
	// that is not a plain assignment.
	TodoStartupCopy
	// TodoEnvironment: this process's environment variable Name holds the
	// old key until the shell re-reads its start-up files.
	TodoEnvironment
	// TodoCopy: a line of a .env file rotate wrote holds the old key
	// outside the value it replaced (a comment, inside another value).
	TodoCopy
	// TodoOtherKey: a .env line rotate found holding the old key holds a
	// different key at write time (changed since, or a later duplicate):
	// left as it is.
	TodoOtherKey
	// TodoUnread: a dotenv or start-up file was not read whole (Why says
	// why: over the read cap, a FIFO, unreadable), so it may still hold the
	// old key: the user checks it.
	TodoUnread
)

// Todo is one change the user makes by hand. It is data, not words: the
// faces say it. Path and Line are empty for TodoEnvironment.
type Todo struct {
	Kind TodoKind `json:"kind"`
	Path string   `json:"path,omitempty"`
	Line int      `json:"line,omitempty"`
	Name string   `json:"name,omitempty"`
	// Why says, for TodoUnread, why the file was not read whole.
	Why string `json:"why,omitempty"`
}

var todoKindText = [...]string{TodoStartupLine: "startup_line", TodoStartupComputed: "startup_computed",
	TodoStartupCopy: "startup_copy", TodoEnvironment: "environment", TodoCopy: "copy", TodoOtherKey: "other_key", TodoUnread: "unread"}

func (k TodoKind) String() string {
	if k < 0 || int(k) >= len(todoKindText) {
		return fmt.Sprintf("TodoKind(%d)", int(k))
	}
	return todoKindText[k]
}

// MarshalText writes the kind's JSON name.
func (k TodoKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// InFile reports whether the to-do is about a .env file rotate wrote (a
// copy, another key), rather than the shell.
func (t Todo) InFile() bool { return t.Kind == TodoCopy || t.Kind == TodoOtherKey }

// Todos are the changes rotate cannot make: start-up lines, this process's
// environment, then the files not read whole (they may hold the old key),
// in that order.
func (p Places) Todos() []Todo {
	var out []Todo
	for _, l := range p.Startup {
		kind := TodoStartupLine
		switch {
		case l.Dynamic:
			kind = TodoStartupComputed
		case l.Name == "":
			kind = TodoStartupCopy
		}
		out = append(out, Todo{Kind: kind, Path: l.Path, Line: l.Line, Name: l.Name})
	}
	for _, n := range p.Environment {
		out = append(out, Todo{Kind: TodoEnvironment, Name: n})
	}
	for _, u := range p.Unread {
		out = append(out, Todo{Kind: TodoUnread, Path: u.Path, Why: u.Why})
	}
	return out
}
