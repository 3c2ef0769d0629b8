package agents

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/setupkit/openai-setup/internal/gitignore"
)

// Claude Code settings files, relative to the work tree; their
// permissions.deny lists merge with the user's own settings file.
const (
	ClaudeProjectSettings = ".claude/settings.json"
	ClaudeLocalSettings   = ".claude/settings.local.json" // personal; Claude Code git-ignores it when it creates it
)

// Env names the agents' home folders are read from.
const (
	EnvClaudeConfigDir = "CLAUDE_CONFIG_DIR"
	EnvCodexHome       = "CODEX_HOME"
)

// homeDir is the user's home from the environment lookup (HOME, or
// USERPROFILE on Windows), "" when neither is set.
func homeDir(getenv func(string) string) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	return getenv("USERPROFILE")
}

// claudeConfigDir is CLAUDE_CONFIG_DIR or ~/.claude, "" when unknown.
func claudeConfigDir(getenv func(string) string) string {
	if d := getenv(EnvClaudeConfigDir); d != "" {
		return d
	}
	if h := homeDir(getenv); h != "" {
		return filepath.Join(h, ".claude")
	}
	return ""
}

// claudeSettingsFiles are the settings files whose deny lists apply in
// root: the user's, the project's and the personal project file.
func claudeSettingsFiles(root string, getenv func(string) string) []string {
	var files []string
	if d := claudeConfigDir(getenv); d != "" {
		files = append(files, filepath.Join(d, "settings.json"))
	}
	return append(files, filepath.Join(root, filepath.FromSlash(ClaudeProjectSettings)),
		filepath.Join(root, filepath.FromSlash(ClaudeLocalSettings)))
}

// claudeDeny is one Read deny rule and where it applies.
type claudeDeny struct {
	file string // settings file holding it
	text string // the entry as written, e.g. Read(./.env)
	base string // folder the pattern is relative to
	all  bool   // a bare "Read": every file
	rule gitignore.Rule
}

// readDenyList returns the permissions.deny entries of a settings file;
// a missing file has none. hasList says the file holds a deny array.
func readDenyList(path string) (entries []string, hasList bool, err error) {
	data, err := readSmall(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) { // .claude may be a file
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var doc struct {
		Permissions struct {
			Deny *[]string `json:"deny"`
		} `json:"permissions"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, false, errors.New("not valid JSON (Claude Code ignores a settings file it cannot parse)")
	}
	if doc.Permissions.Deny == nil {
		return nil, false, nil
	}
	return *doc.Permissions.Deny, true, nil
}

// parseReadDeny understands the documented path forms of a Read rule:
// "//path" is absolute, "~/path" is under the home folder, "/path" is
// under the project root, "./path" and "path" are under the folder Claude
// Code runs in (taken to be the work tree's root). The path follows
// gitignore syntax. ok is false for entries that are not Read rules.
func parseReadDeny(entry, file, root, home string) (claudeDeny, bool) {
	d := claudeDeny{file: file, text: entry}
	e := strings.TrimSpace(entry)
	if e == "Read" {
		d.all = true
		return d, true
	}
	spec, ok := strings.CutPrefix(e, "Read(")
	if !ok || !strings.HasSuffix(spec, ")") {
		return d, false
	}
	spec = strings.TrimSuffix(spec, ")")
	d.base = root
	switch {
	case spec == "" || spec == "*" || spec == "**":
		d.all = true
		return d, true
	case strings.HasPrefix(spec, "//"):
		d.base, spec = string(filepath.Separator), spec[1:]
	case strings.HasPrefix(spec, "~/"):
		if home == "" {
			return d, false
		}
		d.base, spec = home, spec[1:]
	case strings.HasPrefix(spec, "./"):
		spec = spec[1:] // anchored: ./.env is only the root's .env
	}
	r, ok := gitignore.Compile(spec)
	if !ok || r.Negate {
		return d, false
	}
	d.rule = r
	return d, true
}

// covers reports whether the rule keeps Claude Code's Read tool off path.
func (d claudeDeny) covers(path string) bool {
	if d.all {
		return true
	}
	rel, err := filepath.Rel(d.base, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	return gitignore.IgnoredBy([]gitignore.Rule{d.rule}, filepath.ToSlash(rel)) != nil
}

// ClaudeRule is the Read deny rule for path: relative to the work tree
// when path is inside it, absolute otherwise.
func ClaudeRule(root, path string) string {
	if rel, ok := inside(root, path); ok {
		return "Read(./" + gitignore.Escape(rel) + ")"
	}
	return "Read(//" + gitignore.Escape(strings.TrimPrefix(filepath.ToSlash(path), "/")) + ")"
}

// inside returns path relative to root (slash-separated) when path is in root.
func inside(root, path string) (string, bool) {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
