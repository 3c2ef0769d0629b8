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

// Rule is the last ignore rule matching a path.
type Rule struct {
	Matched bool
	Source  string // "file:line"
	Pattern string // as written, with its "!" when it is a negation
	// File and Line are Source's parts: the rules file as git names it
	// (relative to the folder git ran in, or absolute for a global one)
	// and the line number.
	File, Line string
	Path       string // the path asked about, as given
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
	rules, err := IgnoreRules(ctx, dir, []string{base})
	if err != nil || len(rules) == 0 {
		return Rule{}, err
	}
	return rules[0], nil
}

// IgnoreRules asks git, in one call run in dir, which rule decides each of
// paths (relative to dir, slash-separated), one Rule per path git answered
// for, in order. --no-index: a tracked file's rules are read too; -v -n:
// the rule of every path, so a "!" negation can be named. It does not check
// that dir is in a work tree (IgnoreRule does).
func IgnoreRules(ctx context.Context, dir string, paths []string) ([]Rule, error) {
	var in bytes.Buffer
	for _, p := range paths {
		in.WriteString(p) // --stdin -z passes names as data, so any byte is safe
		in.WriteByte(0)
	}
	out, err := Output(ctx, dir, in.Bytes(), "check-ignore", "--no-index", "-v", "-n", "-z", "--stdin")
	if err != nil && ExitCode(err) != 1 {
		return nil, err
	}
	// -z -v -n: source NUL line NUL pattern NUL path NUL per path; an empty
	// source means no rule matched it.
	f := bytes.Split(bytes.TrimSuffix(out, []byte{0}), []byte{0})
	var rules []Rule
	for i := 0; i+3 < len(f); i += 4 {
		r := Rule{Path: string(f[i+3])}
		if len(f[i]) > 0 {
			r.Matched, r.File, r.Line, r.Pattern = true, string(f[i]), string(f[i+1]), string(f[i+2])
			r.Source = r.File + ":" + r.Line
		}
		rules = append(rules, r)
	}
	return rules, nil
}
