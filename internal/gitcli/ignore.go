package gitcli

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
)

// ErrNoRepo means the path is in no git work tree: no .git entry at or above it.
var ErrNoRepo = errors.New("not in a git work tree")

// dirOf splits path into the folder git runs in and the name it asks about.
func dirOf(path string) (dir, base string) {
	dir, base = filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return dir, base
}

// Rule is the last .gitignore rule matching a path.
type Rule struct {
	Matched bool
	Source  string // "file:line"
	Pattern string // as written, with its "!" when it is a negation
}

// Negated reports whether the matching rule re-includes the path ("!x").
func (r Rule) Negated() bool { return r.Matched && len(r.Pattern) > 0 && r.Pattern[0] == '!' }

// IgnoreRule asks git which rule, if any, decides whether path is ignored.
// --no-index makes git read the rules even for a tracked file, which is what
// decides whether a .gitignore entry is needed. Outside a work tree it
// returns ErrNoRepo; when git cannot answer, an error.
func IgnoreRule(ctx context.Context, path string) (Rule, error) {
	dir, base := dirOf(path)
	if FindRoot(dir) == "" {
		return Rule{}, ErrNoRepo
	}
	out, err := Output(ctx, dir, nil, "rev-parse", "--is-inside-work-tree")
	if err != nil {
		return Rule{}, err
	}
	if !bytes.Equal(bytes.TrimSpace(out), []byte("true")) {
		return Rule{}, ErrNoRepo
	}
	// --stdin -z passes the name as data, so any byte in it is safe.
	out, err = Output(ctx, dir, []byte(base+"\x00"), "check-ignore", "--no-index", "-v", "-n", "-z", "--stdin")
	if err != nil && ExitCode(err) != 1 {
		return Rule{}, err
	}
	// -z -v -n: source NUL line NUL pattern NUL path NUL; empty source = no rule.
	f := bytes.Split(out, []byte{0})
	if len(f) < 4 || len(f[0]) == 0 {
		return Rule{}, nil
	}
	return Rule{Matched: true, Source: string(f[0]) + ":" + string(f[1]), Pattern: string(f[2])}, nil
}
