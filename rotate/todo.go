package rotate

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
)

// Todo is one change the user makes by hand. It is data, not words: the
// faces say it. Path and Line are empty for TodoEnvironment.
type Todo struct {
	Kind TodoKind
	Path string
	Line int
	Name string
}

// Todos are the changes rotate cannot make: start-up lines and this
// process's environment, in that order.
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
	return out
}
