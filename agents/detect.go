// Package agents knows the AI coding agents a work tree shows signs of
// (Claude Code, Cursor, aider, Codex): whether each agent's deny or ignore
// mechanism covers the dotenv files holding a key, how to add the missing
// Claude Code deny rules without disturbing the settings file, and whether a
// known key already sits in one of the agents' transcripts of this work tree.
//
// Coding agents read .env into their context and keep it in transcripts on
// disk, so a key can leak without ever being committed. Nothing here sends
// anything anywhere: it reads local files only. Keys appear only as
// fingerprints (apikey.Key).
package agents

import (
	"os"
	"path/filepath"
	"strings"
)

// Agent names one coding agent.
type Agent string

// The agents this package knows, in report order.
const (
	Claude Agent = "claude"
	Cursor Agent = "cursor"
	Aider  Agent = "aider"
	Codex  Agent = "codex"
)

// Name is the agent's product name, for people.
func (a Agent) Name() string {
	switch a {
	case Claude:
		return "Claude Code"
	case Cursor:
		return "Cursor"
	case Aider:
		return "aider"
	case Codex:
		return "Codex"
	}
	return string(a)
}

// signs maps each agent to the entries at the work tree's root that show
// it is in use; a name ending in "*" is a prefix.
var signs = []struct {
	agent Agent
	names []string
}{
	{Claude, []string{".claude", "CLAUDE.md"}},
	{Cursor, []string{".cursor", ".cursorrules"}},
	{Aider, []string{".aider*"}},
	{Codex, []string{".codex", "AGENTS.md"}},
}

// Seen is an agent found in a work tree and the entry that showed it.
type Seen struct {
	Agent Agent
	Sign  string // absolute path of the entry, e.g. /src/app/CLAUDE.md
}

// Detect lists the agents whose signs are at root, in report order, with
// the sign that gave each away.
func Detect(root string) []Seen {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var seen []Seen
	for _, s := range signs {
		if sign := findSign(entries, s.names); sign != "" {
			seen = append(seen, Seen{Agent: s.agent, Sign: filepath.Join(root, sign)})
		}
	}
	return seen
}

func findSign(entries []os.DirEntry, names []string) string {
	for _, n := range names {
		prefix, isPrefix := strings.CutSuffix(n, "*")
		for _, e := range entries {
			if e.Name() == n || isPrefix && strings.HasPrefix(e.Name(), prefix) {
				return e.Name()
			}
		}
	}
	return ""
}
