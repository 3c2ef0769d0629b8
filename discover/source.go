package discover

import (
	"strconv"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Label names a source for people: "environment", "./.env:3",
// "~/.zshrc:12"; "" for none.
func (s *Source) Label() string {
	if s == nil {
		return ""
	}
	switch s.Kind {
	case SourceEnvironment:
		return "environment"
	case SourceInput:
		return "input"
	}
	if s.Line > 0 {
		return s.Path + ":" + strconv.Itoa(s.Line)
	}
	return s.Path
}

// Where names a source for people in a sentence: "the environment",
// "/p/.env:3", "nowhere" for none.
func (s *Source) Where() string {
	if s == nil {
		return "nowhere"
	}
	switch s.Kind {
	case SourceEnvironment:
		return "the environment"
	case SourceInput:
		return "what you pasted or piped in"
	}
	return s.Label()
}

// Comparable is the value sources of one name are compared by: the cleaned
// key, or the display value of a companion.
func (s Source) Comparable() string {
	if s.Name == openai.EnvAPIKey {
		v, _ := apikey.Clean(s.Value.Reveal())
		return v
	}
	return s.Plain
}

// StartupFor returns the start-up file sources that assign name the same
// value as the environment has (where the shell got it), and the ones that
// assign a different one; computed values ($(…)) are in neither.
func (inv Inventory) StartupFor(name string) (same, differ []*Source) {
	var env *Source
	for i := range inv.Sources {
		if s := &inv.Sources[i]; s.Name == name && s.Kind == SourceEnvironment {
			env = s
		}
	}
	for i := range inv.Sources {
		s := &inv.Sources[i]
		if s.Name != name || s.Kind != SourceStartupFile || s.Dynamic {
			continue
		}
		if env != nil && s.Comparable() == env.Comparable() {
			same = append(same, s)
		} else {
			differ = append(differ, s)
		}
	}
	return same, differ
}
