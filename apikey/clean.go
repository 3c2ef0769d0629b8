package apikey

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Codes for what cleaning removed or what validation found. They are the
// stable codes of doctor's key.format check.
const (
	CodeWhitespace   = "whitespace"    // spaces, tabs or newlines around the key
	CodeQuoted       = "quoted"        // wrapped in quotes
	CodeBearerPrefix = "bearer_prefix" // "Bearer " in front
	CodeAssignment   = "assignment"    // a pasted "OPENAI_API_KEY=" in front
	CodeEmpty        = "empty"
	CodeBadPrefix    = "bad_prefix"
	CodeBadChars     = "bad_chars"
	CodeTruncated    = "truncated"
	CodeOddLength    = "odd_length"
	CodeAdminKey     = "admin_key"
	CodeNotOpenAI    = "not_openai"
	CodeTooLong      = "too_long"
	CodeMultiline    = "multiple_lines"
	CodeBinary       = "binary"
	CodeTwoKeys      = "two_keys" // a doubled paste: two keys run together or side by side
	CodeAzureKey     = "azure_key"
)

// MaxInput is the largest paste or stdin input taken as a key. Real keys are
// under 200 bytes; anything past 1 KB is a mistaken paste.
const MaxInput = 1024

// InputError says why a paste or stdin input is not one key.
type InputError struct {
	Code string
	Msg  string
}

func (e *InputError) Error() string { return e.Msg }

// ErrInput is matched by every *InputError through errors.Is.
var ErrInput = errors.New("not a single API key")

// Is lets errors.Is(err, ErrInput) match.
func (e *InputError) Is(target error) bool { return target == ErrInput }

// CheckInput rejects input that cannot be one key, before any cleaning: more
// than MaxInput bytes, binary data, or several non-empty lines. It never
// quotes the input back.
func CheckInput(input string) error {
	if len(input) > MaxInput {
		return &InputError{CodeTooLong, fmt.Sprintf("input is %d bytes; an API key is under %d — paste only the key", len(input), MaxInput)}
	}
	if !utf8.ValidString(input) || strings.ContainsRune(input, 0) {
		return &InputError{CodeBinary, "input is binary data, not an API key"}
	}
	lines := 0
	for _, l := range strings.Split(input, "\n") {
		if strings.TrimSpace(l) != "" {
			lines++
		}
	}
	if lines > 1 {
		return &InputError{CodeMultiline, fmt.Sprintf("input has %d lines of text; paste only the key", lines)}
	}
	if twoKeys(input) {
		return &InputError{CodeTwoKeys, "input holds two keys (a doubled paste?); paste one key only"}
	}
	return nil
}

// twoKeys reports whether s holds more than one key: every OpenAI key
// carries the marker exactly once, so a doubled paste carries it twice.
func twoKeys(s string) bool { return strings.Count(s, Marker) > 1 }

// Clean removes what people paste around a key: surrounding whitespace
// (including newlines and non-breaking or zero-width spaces), matching
// quotes or backticks, a "Bearer " prefix and an "OPENAI_API_KEY=" (or
// "export OPENAI_API_KEY=") assignment. It returns the cleaned text and the
// codes of what it removed, in a fixed order. It never fails.
func Clean(input string) (string, []string) {
	s := input
	var found [4]bool // whitespace, quoted, bearer, assignment
	for range 4 {     // wrappers can nest: ' "sk-…" ', OPENAI_API_KEY="sk-…"
		before := s
		if t := strings.TrimFunc(s, isSpaceLike); t != s {
			found[0] = true
			s = t
		}
		if t, ok := trimAssignment(s); ok {
			found[3] = true
			s = t
		}
		if t, ok := trimQuotes(s); ok {
			found[1] = true
			s = t
		}
		if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
			found[2] = true
			s = s[7:]
		}
		if s == before {
			break
		}
	}
	var codes []string
	for i, c := range []string{CodeWhitespace, CodeQuoted, CodeBearerPrefix, CodeAssignment} {
		if found[i] {
			codes = append(codes, c)
		}
	}
	return s, codes
}

func isSpaceLike(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u00a0'
}

var quotePairs = [][2]string{{`"`, `"`}, {"'", "'"}, {"`", "`"}, {"“", "”"}, {"‘", "’"}}

// trimQuotes removes one pair of matching quotes, or a single stray quote at
// either end (a half-selected paste).
func trimQuotes(s string) (string, bool) {
	for _, q := range quotePairs {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return s[len(q[0]) : len(s)-len(q[1])], true
		}
	}
	for _, q := range quotePairs {
		if strings.HasPrefix(s, q[0]) {
			return s[len(q[0]):], true
		}
		if strings.HasSuffix(s, q[1]) {
			return s[:len(s)-len(q[1])], true
		}
	}
	return s, false
}

func trimAssignment(s string) (string, bool) {
	t := s
	if strings.HasPrefix(t, "export ") {
		t = strings.TrimLeft(t[len("export "):], " \t")
	}
	if !strings.HasPrefix(t, "OPENAI_API_KEY") {
		return s, false
	}
	t = strings.TrimLeft(t[len("OPENAI_API_KEY"):], " \t")
	if !strings.HasPrefix(t, "=") && !strings.HasPrefix(t, ":") {
		return s, false
	}
	return strings.TrimLeft(t[1:], " \t"), true
}
