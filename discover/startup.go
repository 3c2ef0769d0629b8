package discover

import (
	"bytes"
	"slices"
	"strings"
)

// rcAssign is one assignment of a watched variable in a shell start-up
// file.
type rcAssign struct {
	path, name, value string
	line              int
	exported          bool // export NAME=…, NAME=…; export NAME, set -x …
	dynamic           bool // the value comes from $(…), `…` or $VAR
}

// parseRC finds the assignments of the watched names in a bash, zsh, sh
// or fish start-up file: `export NAME=value`, `NAME=value` (exported by a
// later `export NAME`), `declare -x NAME=value`, and fish's
// `set -gx NAME value`. It understands shell quoting well enough for the
// common cases; anything computed is marked dynamic instead of guessed.
func parseRC(path string, data []byte) []rcAssign {
	fish := strings.HasSuffix(path, ".fish")
	var out []rcAssign
	exportedLater := map[string]bool{}
	lineNo := 0
	for raw := range bytes.Lines(data) {
		lineNo++
		if !bytes.Contains(raw, []byte("OPENAI_")) {
			continue
		}
		for _, cmd := range shellCommands(string(raw)) {
			out = append(out, rcCommand(cmd, fish, path, lineNo, exportedLater)...)
		}
	}
	for i := range out {
		if exportedLater[out[i].name] {
			out[i].exported = true
		}
	}
	return out
}

// shellWord is one word of a shell command after quote removal.
type shellWord struct {
	text    string
	dynamic bool // contained an unquoted or double-quoted $ or a backtick
}

// rcCommand interprets one simple command.
func rcCommand(words []shellWord, fish bool, path string, line int, exportedLater map[string]bool) []rcAssign {
	// Skip control keywords so `if …; then export X=…; fi` is seen.
	for len(words) > 0 && slices.Contains([]string{"then", "do", "else", "{", "elif", "!"}, words[0].text) {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil
	}
	watched := func(n string) bool { return slices.Contains(watchedNames, n) }
	var out []rcAssign
	switch head := words[0].text; {
	case fish && head == "set":
		exported, i := false, 1
		for ; i < len(words) && strings.HasPrefix(words[i].text, "-"); i++ {
			f := words[i].text
			if f == "--export" || !strings.HasPrefix(f, "--") && strings.Contains(f, "x") {
				exported = true
			}
			if f == "-e" || f == "--erase" {
				return nil
			}
		}
		if i < len(words) && watched(words[i].text) {
			vals := words[i+1:]
			a := rcAssign{path: path, name: words[i].text, line: line, exported: exported}
			var parts []string
			for _, w := range vals {
				parts = append(parts, w.text)
				a.dynamic = a.dynamic || w.dynamic || strings.HasPrefix(w.text, "(")
			}
			a.value = strings.Join(parts, " ")
			out = append(out, a)
		}
	case head == "export" || head == "declare" || head == "typeset":
		exported := head == "export"
		for _, w := range words[1:] {
			if strings.HasPrefix(w.text, "-") {
				exported = exported || strings.Contains(w.text, "x")
				continue
			}
			name, value, hasValue := strings.Cut(w.text, "=")
			if !watched(name) {
				continue
			}
			if !hasValue {
				if exported {
					exportedLater[name] = true
				}
				continue
			}
			out = append(out, rcAssign{path: path, name: name, value: value, line: line, exported: exported, dynamic: w.dynamic})
		}
	default:
		// NAME=value [NAME2=value2]: a shell variable, unless a command
		// follows (then it is set for that command only).
		var pending []rcAssign
		for _, w := range words {
			name, value, ok := strings.Cut(w.text, "=")
			if !ok || !isName(name) {
				return nil // a command follows
			}
			if watched(name) {
				pending = append(pending, rcAssign{path: path, name: name, value: value, line: line, dynamic: w.dynamic})
			}
		}
		out = pending
	}
	return out
}

// isName reports whether s is a shell variable name.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// shellCommands splits one line into simple commands (at unquoted ;,
// &&, ||, |) of words with quotes removed, stopping at an unquoted comment.
func shellCommands(line string) [][]shellWord {
	var cmds [][]shellWord
	var words []shellWord
	var cur strings.Builder
	inWord, dyn := false, false
	endWord := func() {
		if inWord {
			words = append(words, shellWord{cur.String(), dyn})
		}
		cur.Reset()
		inWord, dyn = false, false
	}
	endCmd := func() {
		endWord()
		if len(words) > 0 {
			cmds = append(cmds, words)
		}
		words = nil
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'':
			inWord = true
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				cur.WriteString(line[i+1:])
				i = len(line)
				break
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0 {
					i++
				} else if line[i] == '$' || line[i] == '`' {
					dyn = true
				}
				cur.WriteByte(line[i])
			}
		case c == '\\' && i+1 < len(line):
			inWord = true
			i++
			cur.WriteByte(line[i])
		case c == '$' || c == '`':
			inWord, dyn = true, true
			cur.WriteByte(c)
		case c == '#' && !inWord:
			endCmd()
			return cmds
		case c == ';' || c == '&' || c == '|':
			endCmd()
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			endWord()
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	endCmd()
	return cmds
}
