package agents

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/setupkit/openai-setup/internal/gitignore"
)

// Ignore files of the agents that have one, at the work tree's root.
const (
	CursorIgnore = ".cursorignore"
	AiderIgnore  = ".aiderignore"
)

// Options says what to audit.
type Options struct {
	Root   string              // the work tree's root (the repository root, or the folder outside a repository)
	Files  []string            // absolute paths of the dotenv files holding a key
	Getenv func(string) string // environment lookup (HOME, CLAUDE_CONFIG_DIR); never os.Getenv in tests
}

// Exposure is one dotenv file as one agent sees it.
type Exposure struct {
	Agent Agent
	File  string // the dotenv file (absolute)
	// CoveredBy names the rule that keeps the agent's file tools off File,
	// as "<file>: <rule>"; "" when nothing does.
	CoveredBy string
	// Add is the exact line that would cover File (a permissions.deny
	// entry for Claude Code, a gitignore-syntax line for Cursor and
	// aider), and Into the file it goes in. Both are "" for Codex, which
	// has no deny mechanism, and for a file the agent's ignore file cannot
	// name (outside the work tree).
	Add, Into string
}

// Covered reports whether a rule keeps the agent's file tools off the file.
func (e Exposure) Covered() bool { return e.CoveredBy != "" }

// Audit is what Check found.
type Audit struct {
	Agents    []Seen
	Exposures []Exposure // per agent in report order, then per file in the order given
	// Notes are settings or ignore files that could not be read; their
	// rules were not counted.
	Notes []string
}

// Uncovered returns the exposures no rule covers.
func (a Audit) Uncovered() []Exposure {
	var out []Exposure
	for _, e := range a.Exposures {
		if !e.Covered() {
			out = append(out, e)
		}
	}
	return out
}

// Check finds the agents used in o.Root and, for each, whether each file
// in o.Files is covered by its deny or ignore mechanism.
func Check(o Options) Audit {
	a := Audit{Agents: Detect(o.Root)}
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	for _, s := range a.Agents {
		switch s.Agent {
		case Claude:
			a.claude(o, getenv)
		case Cursor:
			a.ignoreFile(o, Cursor, CursorIgnore)
		case Aider:
			a.ignoreFile(o, Aider, AiderIgnore)
		case Codex:
			for _, f := range o.Files {
				a.Exposures = append(a.Exposures, Exposure{Agent: Codex, File: f})
			}
		}
	}
	return a
}

func (a *Audit) claude(o Options, getenv func(string) string) {
	home := homeDir(getenv)
	var denies []claudeDeny
	for _, sf := range claudeSettingsFiles(o.Root, getenv) {
		entries, _, err := readDenyList(sf)
		if err != nil {
			a.Notes = append(a.Notes, sf+": "+err.Error())
			continue
		}
		for _, e := range entries {
			if d, ok := parseReadDeny(e, sf, o.Root, home); ok {
				denies = append(denies, d)
			}
		}
	}
	into := ClaudeTarget(o.Root)
	for _, f := range o.Files {
		e := Exposure{Agent: Claude, File: f}
		if i := slices.IndexFunc(denies, func(d claudeDeny) bool { return d.covers(f) }); i >= 0 {
			e.CoveredBy = denies[i].file + ": " + denies[i].text
		} else {
			e.Add, e.Into = ClaudeRule(o.Root, f), into
		}
		a.Exposures = append(a.Exposures, e)
	}
}

// ClaudeTarget is the settings file new deny rules go in: the project's
// .claude/settings.json when it already holds a deny list (the team keeps
// its rules there), otherwise the personal .claude/settings.local.json.
func ClaudeTarget(root string) string {
	shared := filepath.Join(root, filepath.FromSlash(ClaudeProjectSettings))
	if _, has, err := readDenyList(shared); err == nil && has {
		return shared
	}
	return filepath.Join(root, filepath.FromSlash(ClaudeLocalSettings))
}

func (a *Audit) ignoreFile(o Options, agent Agent, name string) {
	path := filepath.Join(o.Root, name)
	data, err := readSmall(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		a.Notes = append(a.Notes, path+": "+err.Error())
	}
	rules := gitignore.Parse(string(data))
	for _, f := range o.Files {
		e := Exposure{Agent: agent, File: f}
		rel, in := inside(o.Root, f)
		switch r := gitignore.IgnoredBy(rules, rel); {
		case !in:
			// outside the work tree: its ignore file cannot name it
		case r != nil:
			e.CoveredBy = path + ": " + r.Text
		default:
			e.Add, e.Into = "/"+gitignore.Escape(rel), path
		}
		a.Exposures = append(a.Exposures, e)
	}
}
