// Package termtext makes text from outside the program (dotenv values and
// comments, file and directory names, server messages) safe to print on a
// terminal. Such text can carry escape sequences: OSC 52 writes the
// clipboard, CSI 2J clears the screen and hides a report, a bidi override
// reorders what the reader sees. Safe shows every such character as a
// visible escape instead. JSON output needs none of this: the encoder
// already writes control characters as \u001b.
//
// It imports only the standard library.
package termtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Safe returns s with every control character, invalid UTF-8 byte and
// invisible reordering mark shown as an escape a reader can see and a shell
// understands inside $'…': ESC becomes \x1b, a newline \n, U+202E \u202e.
// Printable text, including non-ASCII letters, is unchanged. Backslashes are
// left alone, so text Safe already handled passes through unchanged.
func Safe(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case escaped(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	return strings.ContainsFunc(s, escaped)
}

// escaped reports whether r must not reach a terminal raw: C0 controls
// (tab and newline included: outside text must not start a line of its
// own), DEL, C1 controls (U+009B is a one-character CSI), and the bidi
// marks and overrides.
func escaped(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		if r < 0x80 {
			fmt.Fprintf(b, `\x%02x`, r)
		} else {
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
}

// ShellQuote quotes s as one shell word that names exactly s when pasted:
// bare when it holds only safe characters, in single quotes otherwise, and
// as $'…' (bash, zsh, ksh) with visible escapes when it holds characters
// Safe would escape, so a file name with ESC in it is still reachable.
func ShellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '_' || r == '-' || r == '+' || r == ',' || r == ':' || r == '@' || r == '%' ||
			r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		return s
	}
	if !needsEscape(s) {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\'' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case escaped(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}
