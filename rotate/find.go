// Package rotate holds the logic of replacing an OpenAI API key: find every
// place the old key is configured, replace it in each dotenv file (planned
// in full before anything is written), and confirm the old key's revocation
// by polling the API until it answers invalid_api_key.
//
// A Session is the one procedure every face drives (the printed steps, the
// JSON document, the wizard): Begin, CheckOld (asked once, shared), CheckNew,
// Replace, Todos and WaitRevoked. KeyState, Revocation and Judge are the one
// vocabulary for the old key's state; errors.go maps each typed error to its
// JSON code.
//
// It is pure logic over the checks inventory, the envfile editor and an
// injected HTTP client, and returns plain data. It never prints, and it
// never imports cobra, tui or any Charm package: the command layer and the
// wizard render what it returns. Keys appear in its values only as
// apikey.Key, whose every formatting path prints the fingerprint.
package rotate

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Variable is the name apps read the key from.
const Variable = openai.EnvAPIKey

// KeysURL is the dashboard page where keys are created and revoked.
const KeysURL = openai.APIKeysURL

// Places is every place the old key was found. Every field is safe to print.
type Places struct {
	// Old is the key being replaced, cleaned.
	Old apikey.Key
	// Files are the dotenv files holding Old, nearest folder first. Replace
	// edits exactly these.
	Files []File
	// Startup are the shell start-up file lines that set Old. A child
	// process cannot change them: the user edits them.
	Startup []Line
	// Environment names the variables of the current process environment
	// holding Old. They keep it until the shell re-reads its start-up files.
	Environment []string
	// Others are OPENAI_API_KEY settings holding a different key: not
	// touched, listed so nobody is surprised.
	Others []discover.Source
	// Unread are the dotenv and start-up files not read whole (over the
	// 1 MiB cap, a FIFO or device, unreadable): the old key may be in them,
	// past what was read, so "found nowhere else" is not certain while one
	// is listed.
	Unread []discover.UnreadFile
}

// File is one dotenv file holding the old key.
type File struct {
	Path    string // absolute
	Tracked bool   // git tracks it: writing needs Options.Force
	Lines   []Line // each assignment holding the old key, in file order
}

// Line is one line holding the old key.
type Line struct {
	Path string
	Line int
	// Name is the variable assigned there ("" when the key sits in a line
	// that is not a plain assignment).
	Name string
	// Dynamic is set for a start-up line that computes the value ($(…),
	// $VAR): its value is unknown, but the environment holding the old key
	// comes from it.
	Dynamic bool
}

// Empty reports whether the old key was found nowhere.
func (p Places) Empty() bool {
	return len(p.Files) == 0 && len(p.Startup) == 0 && len(p.Environment) == 0
}

// Keys lists the distinct OPENAI_API_KEY values the inventory holds, the
// winning one first, cleaned. A caller picks the old key from these.
func Keys(inv discover.Inventory) []apikey.Key {
	var out []apikey.Key
	add := func(raw string) {
		c, _ := apikey.Clean(raw)
		if c != "" && !slices.ContainsFunc(out, func(k apikey.Key) bool { return k.Reveal() == c }) {
			out = append(out, apikey.New(c))
		}
	}
	add(inv.Key.Reveal())
	for _, s := range inv.Sources {
		if s.Name == Variable && !s.Dynamic {
			add(s.Value.Reveal())
		}
	}
	return out
}

// Find lists every place inv says holds old, comparing cleaned values: the
// dotenv files (any variable name, with whether git tracks each), the shell
// start-up lines, and the environment. ctx bounds the git calls.
func Find(ctx context.Context, inv discover.Inventory, old apikey.Key) Places {
	oldC, _ := apikey.Clean(old.Reveal())
	p := Places{Old: apikey.New(oldC), Unread: slices.Clone(inv.UnreadFiles)}
	if oldC == "" {
		return p
	}
	holds := func(raw string) bool {
		c, _ := apikey.Clean(raw)
		return c == oldC
	}

	for _, path := range inv.DotenvFiles {
		data, ok := p.read(path, discover.SourceDotenv)
		if !ok {
			continue
		}
		f := File{Path: path}
		for _, e := range envfile.Parse(data) {
			if holds(e.Value) {
				f.Lines = append(f.Lines, Line{Path: path, Line: e.Line, Name: e.Name})
			}
		}
		if len(f.Lines) > 0 {
			f.Tracked = tracked(ctx, path)
			p.Files = append(p.Files, f)
		}
	}

	envHolds := false
	for _, s := range inv.Sources {
		switch {
		case s.Kind == discover.SourceEnvironment && !s.Value.IsZero() && holds(s.Value.Reveal()):
			p.Environment = append(p.Environment, s.Name)
			envHolds = true
		case s.Kind == discover.SourceStartupFile && !s.Dynamic && !s.Value.IsZero() && holds(s.Value.Reveal()):
			p.Startup = append(p.Startup, Line{Path: s.Path, Line: s.Line, Name: s.Name})
		}
	}
	// The key under another name, or in a form discovery does not parse.
	for _, path := range inv.KeyFiles {
		if slices.Contains(inv.DotenvFiles, path) {
			continue
		}
		data, ok := p.read(path, discover.SourceStartupFile)
		if !ok {
			continue
		}
		n := 0
		for line := range bytes.Lines(data) {
			n++
			if !bytes.Contains(line, []byte(oldC)) {
				continue
			}
			if !slices.ContainsFunc(p.Startup, func(l Line) bool { return l.Path == path && l.Line == n }) {
				p.Startup = append(p.Startup, Line{Path: path, Line: n})
			}
		}
	}
	// A computed export is where the environment's old key most likely
	// came from when no start-up line spells it out.
	if envHolds {
		for _, s := range inv.Sources {
			if s.Kind == discover.SourceStartupFile && s.Dynamic && s.Name == Variable {
				p.Startup = append(p.Startup, Line{Path: s.Path, Line: s.Line, Name: s.Name, Dynamic: true})
			}
		}
	}
	slices.SortStableFunc(p.Startup, func(a, b Line) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})

	for _, s := range inv.Sources {
		if s.Name == Variable && !s.Value.IsZero() && !s.Dynamic && !holds(s.Value.Reveal()) {
			p.Others = append(p.Others, s)
		}
	}
	return p
}

// read reads a file to search for the old key: what was read (up to the
// cap), and ok when there is something to search. A file not read whole
// is added to p.Unread (once), so a key past the cap is reported as
// unknown, never as absent.
func (p *Places) read(path string, kind discover.SourceKind) ([]byte, bool) {
	data, o := envfile.ReadCapped(path)
	if u, report := discover.Unread(path, kind, o); report && !slices.ContainsFunc(p.Unread, func(f discover.UnreadFile) bool { return f.Path == path }) {
		p.Unread = append(p.Unread, u)
	}
	return data, o == envfile.ReadWhole || o == envfile.ReadTruncated
}

// tracked asks git whether it tracks path. When git cannot answer, the
// file is not marked tracked here; writing it is then refused by the editor
// (envfile.ErrTrackedUnknown) unless forced, so the answer is never guessed.
func tracked(ctx context.Context, path string) bool {
	t, err := gitcli.Tracks(ctx, path)
	return t && err == nil
}
