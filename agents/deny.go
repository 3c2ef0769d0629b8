package agents

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/internal/atomicfile"
	"github.com/setupkit/openai-setup/internal/jsonedit"
)

// DenyPlan is the edit that adds Claude Code Read deny rules for dotenv
// files no rule covers yet. It is worked out first, so callers can show it
// (a preview, --dry-run), and written by Apply.
type DenyPlan struct {
	Path    string   // the settings file edited (absolute)
	Rules   []string // permissions.deny entries added, in order; empty: nothing to do
	Created bool     // Path does not exist yet
	before  []byte
	after   []byte
}

// denyPath is where the rules go inside a settings file.
var denyPath = []string{"permissions", "deny"}

// PlanClaudeDeny plans the deny rules that keep Claude Code's Read tool
// off each of files, skipping files a rule in any merged settings file
// already covers. It refuses a settings file that is not valid JSON, is
// not a regular file, or is reached through a symbolic link leading out of
// the work tree.
func PlanClaudeDeny(root string, files []string, getenv func(string) string) (DenyPlan, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var a Audit
	a.claude(Options{Root: root, Files: files}, getenv)
	p := DenyPlan{Path: ClaudeTarget(root)}
	for _, e := range a.Exposures {
		if !e.Covered() && !slices.Contains(p.Rules, e.Add) {
			p.Rules = append(p.Rules, e.Add)
		}
	}
	if len(p.Rules) == 0 {
		return p, nil
	}
	if err := checkInside(root, p.Path); err != nil {
		return DenyPlan{}, err
	}
	before, err := readSmall(p.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.Created = true
	case err != nil:
		return DenyPlan{}, err
	}
	after, err := jsonedit.AppendStrings(before, denyPath, p.Rules)
	if err != nil {
		return DenyPlan{}, fmt.Errorf("%s: %w; fix it by hand, then run again", p.Path, err)
	}
	p.before, p.after = before, after
	return p, nil
}

// Apply writes the plan atomically (a new file gets mode 0600). It refuses
// when the file changed since the plan was made, so a rule list edited in
// between is never overwritten.
func (p DenyPlan) Apply(root string) (atomicfile.Info, error) {
	if len(p.Rules) == 0 {
		return atomicfile.Info{Target: p.Path}, nil
	}
	if err := checkInside(root, p.Path); err != nil {
		return atomicfile.Info{}, err
	}
	now, err := readSmall(p.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return atomicfile.Info{}, err
	}
	if p.Created != (err != nil) || !bytes.Equal(now, p.before) {
		return atomicfile.Info{}, fmt.Errorf("%s changed since doctor read it; run again", p.Path)
	}
	if err := os.MkdirAll(filepath.Dir(p.Path), 0o755); err != nil {
		return atomicfile.Info{}, err
	}
	return atomicfile.WriteFile(p.Path, p.after, 0o600)
}

// checkInside refuses a settings file that is not a regular file, or whose
// folder or final target (through symbolic links) is outside root.
func checkInside(root, path string) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	target, err := atomicfile.Resolve(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	for { // the folder may not exist yet: judge its nearest existing parent
		if _, err := os.Lstat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if _, ok := inside(realRoot, filepath.Join(realDir, "x")); !ok {
		return fmt.Errorf("%s leads out of the work tree (to %s) through a symbolic link; doctor does not write there", path, target)
	}
	if fi, err := os.Stat(target); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	return nil
}

// Preview lists the planned edit for people, one rule a line.
func (p DenyPlan) Preview() string {
	if len(p.Rules) == 0 {
		return ""
	}
	verb := "add to"
	if p.Created {
		verb = "create"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s, permissions.deny:\n", verb, p.Path)
	for _, r := range p.Rules {
		fmt.Fprintf(&b, "  %q\n", r)
	}
	return b.String()
}
