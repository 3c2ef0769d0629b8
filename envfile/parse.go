// Package envfile reads and edits dotenv files without losing a byte.
//
// The reader follows what godotenv, python-dotenv and node dotenv agree on
// (docs/dotenv-parsers.md); where they disagree it takes the majority reading. The
// writer only ever emits the one form all of them, and docker's --env-file,
// read the same: NAME=value, unquoted, with a value from a small safe set.
// The package knows nothing about API keys: callers redact values themselves.
package envfile

import "bytes"

// Entry is one assignment as the common dotenv parsers read it.
type Entry struct {
	Name   string
	Value  string // the value as godotenv/python-dotenv/node dotenv agree on reading it (quotes removed, inline " #" comments dropped for unquoted values)
	Line   int    // 1-based line number where the assignment starts
	Export bool   // had an "export " prefix
}

// Parse reads dotenv bytes (LF or CRLF, with or without final newline) and
// returns every assignment in file order. Lines it does not understand are
// skipped, never an error.
func Parse(data []byte) []Entry {
	stmts := scan(data)
	if len(stmts) == 0 {
		return nil
	}
	entries := make([]Entry, len(stmts))
	for i, s := range stmts {
		entries[i] = s.Entry
	}
	return entries
}

// Lookup returns the last assignment of name (the last one wins in every parser).
func Lookup(entries []Entry, name string) (Entry, bool) {
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Name == name {
			return entries[i], true
		}
	}
	return Entry{}, false
}

// statement is an Entry plus the byte offsets the editor needs.
type statement struct {
	Entry
	lineStart int // first byte of the line the statement starts on
	nameStart int // first byte of the name (after indentation and "export ")
	rawStart  int // first byte of the raw value text (inside quotes when quoted)
	rawEnd    int // end of the raw value text
	end       int // end of the statement's last line, before its line ending
	next      int // first byte after the line ending of the statement's last line
}

var bom = []byte("\xef\xbb\xbf")

// HasBOM reports whether data starts with a UTF-8 byte-order mark (EF BB
// BF), which Windows Notepad writes for "UTF-8 with BOM". Parse skips it, and
// so does node dotenv, but python-dotenv before 1.2.3 glues it onto the
// first line's name and godotenv refuses the whole file.
func HasBOM(data []byte) bool { return bytes.HasPrefix(data, bom) }

// scan finds every statement in data. It is the single parser behind both
// Parse and the editor, so what we read and what we replace always agree.
func scan(data []byte) []statement {
	var out []statement
	pos, line := 0, 1
	if bytes.HasPrefix(data, bom) {
		pos = len(bom)
	}
	for pos < len(data) {
		s, ok := scanStatement(data, pos)
		if !ok {
			_, next := lineBounds(data, pos)
			pos = next
			line++
			continue
		}
		s.Line = line
		out = append(out, s)
		line += bytes.Count(data[pos:s.next], []byte{'\n'})
		pos = s.next
	}
	return out
}

// lineBounds returns the end of the line starting at pos (before "\r\n" or
// "\n") and the start of the next line.
func lineBounds(data []byte, pos int) (end, next int) {
	i := bytes.IndexByte(data[pos:], '\n')
	if i < 0 {
		end, next = len(data), len(data)
	} else {
		end, next = pos+i, pos+i+1
	}
	if end > pos && data[end-1] == '\r' {
		end--
	}
	return end, next
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isNameByte follows python-dotenv's unquoted key (anything but "=", "#"
// and whitespace), also stopping at ":" and quotes so "KEY: value" and
// quoted junk are told apart.
func isNameByte(c byte) bool {
	switch c {
	case '=', '#', ':', ' ', '\t', '\r', '\n', '\v', '\f', '"', '\'', '`':
		return false
	}
	return true
}

func skipBlanks(data []byte, i, end int) int {
	for i < end && isBlank(data[i]) {
		i++
	}
	return i
}

// scanStatement parses the statement starting on the line at pos.
func scanStatement(data []byte, pos int) (statement, bool) {
	end, next := lineBounds(data, pos)
	s := statement{lineStart: pos}
	i := skipBlanks(data, pos, end)
	if i < end && bytes.HasPrefix(data[i:end], []byte("export")) {
		j := i + len("export")
		if j < end && isBlank(data[j]) {
			if k := skipBlanks(data, j, end); k < end && isNameByte(data[k]) {
				s.Export = true
				i = k
			}
		}
	}
	s.nameStart = i
	for i < end && isNameByte(data[i]) {
		i++
	}
	if i == s.nameStart {
		return s, false // blank line, comment or junk
	}
	s.Name = string(data[s.nameStart:i])
	i = skipBlanks(data, i, end)
	// "KEY: value" is read by godotenv and node dotenv; python skips it.
	// Reading it lets the editor replace such a line instead of duplicating it.
	if i >= end || (data[i] != '=' && data[i] != ':') {
		return s, false
	}
	i = skipBlanks(data, i+1, end)

	if i < end && (data[i] == '"' || data[i] == '\'' || data[i] == '`') {
		q := data[i]
		close := closingQuote(data, i+1, q)
		if close < 0 {
			return s, false // unterminated: every parser gives up on this line
		}
		s.rawStart, s.rawEnd = i+1, close
		s.end, s.next = lineBounds(data, close)
		s.Value = unquote(data[s.rawStart:s.rawEnd], q)
		return s, true
	}

	s.rawStart, s.rawEnd = i, end
	for j := i; j < end; j++ {
		if data[j] == '#' && j > i && isBlank(data[j-1]) {
			s.rawEnd = j
			break
		}
	}
	for s.rawEnd > s.rawStart && isBlank(data[s.rawEnd-1]) {
		s.rawEnd--
	}
	s.end, s.next = end, next
	s.Value = string(data[s.rawStart:s.rawEnd])
	return s, true
}

// closingQuote finds the quote that ends a value begun just before from.
// A backslash-escaped quote does not end it, in all three parsers.
func closingQuote(data []byte, from int, q byte) int {
	for i := from; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case q:
			return i
		}
	}
	return -1
}

// unquote turns the raw text between quotes into the value. Line endings
// inside are read as "\n" by every parser. Double quotes take the escapes
// godotenv and python-dotenv share; single quotes and backticks are literal
// (godotenv and node keep "\'" as is).
func unquote(raw []byte, q byte) string {
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	if q != '"' || bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var b bytes.Buffer
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '"', '\\':
			b.WriteByte(raw[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}
