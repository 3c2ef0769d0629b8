// Package discover finds where OpenAI keys and settings live: the process
// environment, dotenv files from the working directory up to the repository
// root, and shell start-up files. It decides which value an app would get
// and keeps every key as an apikey.Key, so nothing it returns can leak one.
package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Options says where to look for the key and its companions.
type Options struct {
	Dir     string   // working directory
	Home    string   // user's home (for shell start-up files); "" = skip them
	Environ []string // process environment as os.Environ() gives it
	EnvFile string   // --env-file PATH: when set, only this dotenv file is read (plus environment and start-up files)
}

// SourceKind says what kind of place a setting was found in.
type SourceKind string

// Source kinds.
const (
	SourceEnvironment SourceKind = "environment"  // the process environment
	SourceDotenv      SourceKind = "dotenv"       // a .env-style file
	SourceStartupFile SourceKind = "startup_file" // a shell start-up file (~/.zshrc, …)
	SourceInput       SourceKind = "input"        // a key given to doctor directly (wizard, --with-key)
)

// Source is one place an OPENAI_* setting was found. Every field is safe to
// print: a key appears only as its fingerprint.
type Source struct {
	Kind  SourceKind `json:"kind"`
	Name  string     `json:"name"`           // variable name, e.g. OPENAI_API_KEY, OPENAI_PROJECT_ID, OPENAI_API_BASE
	Path  string     `json:"path,omitempty"` // file path (absolute); "" for the environment
	Line  int        `json:"line,omitempty"`
	Value apikey.Key `json:"fingerprint,omitzero"` // for OPENAI_API_KEY (and OPENAI_API_KEY_PATH's key, never); others use Plain
	Plain string     `json:"value,omitempty"`      // non-secret companions (base URL, org, project ids), scrubbed
	Wins  bool       `json:"wins"`                 // the value an app would actually get for this Name
	Note  string     `json:"note,omitempty"`       // e.g. "node dotenv reads only the working directory's .env"
	// Dynamic is set when a start-up file computes the value ($(…), $VAR),
	// so its value is unknown to doctor.
	Dynamic bool `json:"dynamic,omitempty"`
	// Empty is set when the variable is present but empty.
	Empty bool `json:"empty,omitempty"`
}

// Setting is the winning value of one companion variable and its source.
type Setting struct {
	Value  string
	Source *Source
}

// Inventory is everything Run found.
type Inventory struct {
	Sources   []Source   // every OPENAI_* setting found, in precedence order per name
	Key       apikey.Key // the winning OPENAI_API_KEY value, raw as found (not cleaned); zero if none
	KeySource *Source    // where it came from
	BaseURL   Setting
	OrgID     Setting
	ProjectID Setting
	// DotenvFiles lists every dotenv file read (absolute), nearest first.
	DotenvFiles []string
	// Dir and GitRoot are the working directory and its repository root
	// ("" outside a repository), as Run resolved them.
	Dir, GitRoot string
	// KeyFiles lists every file read (dotenv and start-up) that holds an
	// OpenAI key, under any variable name: the files the hygiene checks judge.
	KeyFiles []string
	// BOMFiles lists the dotenv files read (absolute, nearest first) that
	// start with a UTF-8 byte-order mark, with or without a key.
	BOMFiles []string
	// UnreadFiles lists the dotenv and start-up files that exist but were
	// not read whole (over the cap, a FIFO or device, unreadable).
	UnreadFiles []UnreadFile
	// AdminKey is OPENAI_ADMIN_KEY from the environment (the last setting
	// wins, as in a shell), cleaned of quotes and whitespace; zero if none.
	// key.owner sends it to the Admin API; it is never a key for the API
	// checks.
	AdminKey apikey.Key `json:"-"`
}

// watchedNames are the names collected, current first, then the legacy ones.
var watchedNames = []string{openai.EnvAPIKey, openai.EnvBaseURL, openai.EnvOrgID, openai.EnvProjectID, openai.EnvLegacyBase, "OPENAI_ORGANIZATION", "OPENAI_API_KEY_PATH"}

// Legacy maps each legacy name (read by openai-python ≤ 0.28 and some
// third-party tools, ignored by the current SDKs) to its replacement.
var Legacy = map[string]string{
	openai.EnvLegacyBase:  openai.EnvBaseURL,
	"OPENAI_ORGANIZATION": openai.EnvOrgID,
	"OPENAI_API_KEY_PATH": openai.EnvAPIKey,
}

// DotenvNames are the dotenv files read in each folder, in precedence
// order. Next.js and Vite (development mode) load .env.local and
// .env.development over .env; Next puts .env.local first, Vite puts
// .env.development first — doctor follows Next. python-dotenv and node
// dotenv load only .env unless told otherwise: sources say so in Note.
var DotenvNames = []string{".env.local", ".env.development", ".env"}

// startupFiles are the shell start-up files read, relative to home.
var startupFiles = []string{".bashrc", ".bash_profile", ".zshrc", ".zprofile", ".profile", ".config/fish/config.fish"}

// Run finds every place an OPENAI_* setting is configured and decides
// which value an app would get: the environment beats dotenv files (neither
// python-dotenv nor node dotenv override a set variable); among dotenv files
// the nearest folder wins, and within a folder .env.local, then
// .env.development, then .env. Start-up file exports are listed but never
// win: the running shell's environment already shows what they gave it.
// Values are read, never printed.
func Run(o Options) Inventory {
	dir := o.Dir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	inv := Inventory{Dir: dir, GitRoot: gitcli.FindRoot(dir)}
	env := environ(o.Environ)
	keyFiles := map[string]bool{}
	dotenvs := readDotenvs(&inv, dotenvFiles(o, dir, inv.GitRoot), keyFiles)
	startups := readStartupFiles(&inv, o.Home, keyFiles)
	for _, name := range watchedNames {
		inv.Sources = append(inv.Sources, rank(name, env, dotenvs, startups, dir)...)
	}
	winners(&inv, env, dotenvs)
	inv.KeyFiles = keyFileList(inv.DotenvFiles, startups, o.Home, keyFiles)
	admin, _ := apikey.Clean(env[openai.EnvAdminKey])
	inv.AdminKey = apikey.New(admin)
	return inv
}

// environ maps the process environment; the last of a repeated name wins,
// as getenv sees it.
func environ(kvs []string) map[string]string {
	env := map[string]string{}
	for _, kv := range kvs {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// Getenv looks names up in an environment list (KEY=value, as os.Environ
// gives it): the last of a repeated name wins, as getenv sees it.
func Getenv(kvs []string) func(name string) string {
	env := environ(kvs)
	return func(name string) string { return env[name] }
}

// readDotenvs reads the dotenv files that exist, recording them (those
// with a byte-order mark, and those not read whole) in inv and those holding a key in keyFiles.
func readDotenvs(inv *Inventory, files []string, keyFiles map[string]bool) []parsed {
	var dotenvs []parsed
	for _, path := range files {
		data, ok := readFile(inv, SourceDotenv, path)
		if !ok {
			continue
		}
		inv.DotenvFiles = append(inv.DotenvFiles, path)
		dotenvs = append(dotenvs, parsed{path, envfile.Parse(data)})
		if envfile.HasBOM(data) {
			inv.BOMFiles = append(inv.BOMFiles, path)
		}
		if HoldsKey(data) {
			keyFiles[path] = true
		}
	}
	return dotenvs
}

// readStartupFiles reads the shell start-up files under home ("" skips
// them), recording those not read whole in inv, and returns their assignments of the watched names.
func readStartupFiles(inv *Inventory, home string, keyFiles map[string]bool) []rcAssign {
	if home == "" {
		return nil
	}
	var out []rcAssign
	for _, rel := range startupFiles {
		path := filepath.Join(home, filepath.FromSlash(rel))
		data, ok := readFile(inv, SourceStartupFile, path)
		if !ok {
			continue
		}
		out = append(out, parseRC(path, data)...)
		if HoldsKey(data) {
			keyFiles[path] = true
		}
	}
	return out
}

// rank lists every source of one name in precedence order: the
// environment, then the dotenv files nearest first (the first of these
// wins), then the start-up files, which never win.
func rank(name string, env map[string]string, dotenvs []parsed, startups []rcAssign, dir string) []Source {
	var group []Source
	envVal, inEnv := env[name]
	if inEnv {
		s := newSource(SourceEnvironment, name, "", 0, envVal)
		if envVal == "" {
			s.Note = "set but empty: dotenv loaders will not override it"
		}
		group = append(group, s)
	}
	for _, d := range dotenvs {
		if e, ok := envfile.Lookup(d.entries, name); ok {
			s := newSource(SourceDotenv, name, d.path, e.Line, e.Value)
			s.Note = dotenvNote(d.path, dir)
			group = append(group, s)
		}
	}
	if len(group) > 0 {
		group[0].Wins = true
		for i := 1; i < len(group); i++ {
			group[i].Note = JoinNotes(loserNote(group[0], dir), group[i].Note)
		}
	}
	var shell *string
	if inEnv {
		shell = &envVal
	}
	for _, a := range startups {
		if a.name != name {
			continue
		}
		s := newSource(SourceStartupFile, name, a.path, a.line, a.value)
		s.Dynamic = a.dynamic
		if a.dynamic {
			s.Value, s.Plain = apikey.Key{}, ""
		}
		s.Note = JoinNotes(startupNote(a, shell), s.Note)
		group = append(group, s)
	}
	return group
}

// winners fills the key and the companion settings from the winning
// sources.
func winners(inv *Inventory, env map[string]string, dotenvs []parsed) {
	for i := range inv.Sources {
		s := &inv.Sources[i]
		if !s.Wins {
			continue
		}
		switch s.Name {
		case openai.EnvAPIKey:
			inv.Key, inv.KeySource = s.Value, s
		case openai.EnvBaseURL:
			inv.BaseURL = Setting{rawPlain(s, env, dotenvs), s}
		case openai.EnvOrgID:
			inv.OrgID = Setting{rawPlain(s, env, dotenvs), s}
		case openai.EnvProjectID:
			inv.ProjectID = Setting{rawPlain(s, env, dotenvs), s}
		}
	}
}

// keyFileList orders the files holding a key: dotenv files nearest first,
// then start-up files with a watched assignment, then start-up files
// holding a key under another name.
func keyFileList(dotenvFiles []string, startups []rcAssign, home string, keyFiles map[string]bool) []string {
	var out []string
	for _, p := range dotenvFiles {
		if keyFiles[p] {
			out = append(out, p)
		}
	}
	for _, a := range startups {
		if keyFiles[a.path] && !slices.Contains(out, a.path) {
			out = append(out, a.path)
		}
	}
	if home == "" {
		return out
	}
	for _, rel := range startupFiles {
		p := filepath.Join(home, filepath.FromSlash(rel))
		if keyFiles[p] && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// parsed is one dotenv file's entries.
type parsed struct {
	path    string
	entries []envfile.Entry
}

// rawPlain returns the unscrubbed value of a winning companion setting:
// the engine needs the real base URL, not its display form.
func rawPlain(s *Source, env map[string]string, dotenvs []parsed) string {
	if s.Kind == SourceEnvironment {
		return env[s.Name]
	}
	for _, d := range dotenvs {
		if d.path == s.Path {
			if e, ok := envfile.Lookup(d.entries, s.Name); ok {
				return e.Value
			}
		}
	}
	return s.Plain
}

// dotenvFiles lists the dotenv files to read, nearest first: the
// --env-file alone, or each folder from dir up to the repository root (only
// dir outside a repository).
func dotenvFiles(o Options, dir, root string) []string {
	if o.EnvFile != "" {
		p := o.EnvFile
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return []string{filepath.Clean(p)}
	}
	var files []string
	d := dir
	for {
		for _, n := range DotenvNames {
			files = append(files, filepath.Join(d, n))
		}
		if root == "" || d == root {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return files
}

// HoldsKey reports whether data contains anything shaped like an
// OpenAI key, under any variable name.
func HoldsKey(data []byte) bool {
	s := string(data)
	if !strings.Contains(s, apikey.Marker) && !strings.Contains(s, "sk-") {
		return false
	}
	for _, k := range apikey.FindAll(s) {
		if v := apikey.Validate(k); v.Kind != apikey.KindOther {
			return true
		}
	}
	return false
}

// newSource builds a source, keeping a key only as apikey.Key and a
// companion only in its scrubbed display form.
func newSource(kind SourceKind, name, path string, line int, value string) Source {
	s := Source{Kind: kind, Name: name, Path: path, Line: line, Empty: value == ""}
	if name == openai.EnvAPIKey {
		s.Value = apikey.New(value)
	} else {
		s.Plain = displayValue(name, value)
	}
	return s
}

// displayValue makes a companion value safe to print: a key pasted into
// the wrong variable becomes its fingerprint, a base URL is masked
// (openai.MaskURL), control characters are escaped, and it is cut to a
// sane length.
func displayValue(name, v string) string {
	v = apikey.Scrub(v)
	if name == openai.EnvBaseURL || name == openai.EnvLegacyBase {
		v = openai.MaskURL(v)
	}
	if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		v = strings.Trim(strings.ReplaceAll(strings.ReplaceAll(
			strings.ReplaceAll(v, "\r", `\r`), "\n", `\n`), "\t", `\t`), "\x00")
	}
	if len(v) > 200 {
		v = v[:200] + "…"
	}
	return v
}

// dotenvNote says which loaders read a dotenv file, when not all do.
func dotenvNote(path, dir string) string {
	base := filepath.Base(path)
	var notes []string
	if base != ".env" {
		notes = append(notes, "read by Next.js and Vite; python-dotenv and node dotenv load only .env by default")
	}
	if filepath.Dir(path) != dir {
		notes = append(notes, "above the working directory: python-dotenv's find_dotenv() walks up to it, node dotenv reads only the working directory's .env")
	}
	return strings.Join(notes, "; ")
}

// loserNote says why a source does not win.
func loserNote(winner Source, dir string) string {
	if winner.Kind == SourceEnvironment {
		return "not used: the environment's " + winner.Name + " wins (dotenv loaders do not override a set variable)"
	}
	return "not used: " + relPath(winner.Path, dir) + " takes precedence"
}

// startupNote explains a start-up file assignment against the running
// shell's value (envVal nil when unset).
func startupNote(a rcAssign, envVal *string) string {
	var n string
	switch {
	case !a.exported:
		n = "assigned but not exported: programs started from the shell do not see it"
	case a.dynamic:
		n = "set by a command or another variable; doctor did not run it"
	case envVal == nil:
		n = "not in this shell's environment: the shell has not read this file since it changed (open a new terminal or source it)"
	case *envVal == a.value:
		n = "this is where the environment's value comes from"
	default:
		n = "differs from this shell's value: the shell has not re-read this file since it changed, or something later overrides it"
	}
	return n
}

// relPath shows path relative to dir when it is inside it ("./.env").
func relPath(path, dir string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return "." + string(filepath.Separator) + rel
	}
	return path
}

func JoinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
