// Package apikey holds an OpenAI API key as a value that cannot leak by
// accident: every formatting path (fmt verbs, JSON, slog) prints only its
// fingerprint, like "sk-proj-…Ab3d". The whole secret is reachable only
// through Reveal, which the HTTP and .env code call by name.
//
// It imports nothing from the project and nothing outside the standard library.
package apikey

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// Key is an API key. The zero Key is empty. The secret sits behind a pointer
// so that even a %+v of a struct holding a Key in an unexported field prints
// an address, never the text (fmt dereferences pointers only at top level).
type Key struct{ s *secret }

type secret struct{ value string }

// New wraps s as a Key exactly as given, without cleaning or validation.
func New(s string) Key {
	if s == "" {
		return Key{}
	}
	return Key{s: &secret{value: s}}
}

// Reveal returns the whole secret. Call it only to put the key in an
// Authorization header or to hand it to the .env writer.
func (k Key) Reveal() string {
	if k.s == nil {
		return ""
	}
	return k.s.value
}

// IsZero reports whether the key is empty.
func (k Key) IsZero() bool { return k.s == nil || k.s.value == "" }

// Equal reports whether two keys hold the same secret.
func (k Key) Equal(o Key) bool { return k.Reveal() == o.Reveal() }

// Len is the secret's length in bytes, safe to show.
func (k Key) Len() int { return len(k.Reveal()) }

// Kind tells which kind of key this is from its prefix.
func (k Key) Kind() Kind { return KindOf(k.Reveal()) }

// Fingerprint is a short, safe label: the known prefix (or the first three
// characters), an ellipsis and the last four characters. Keys shorter than 16
// characters show no characters at all, since four of a short string is
// most of it.
func (k Key) Fingerprint() string { return Fingerprint(k.Reveal()) }

// String returns the fingerprint.
func (k Key) String() string { return k.Fingerprint() }

// GoString returns the fingerprint, so %#v is safe too.
func (k Key) GoString() string { return "apikey.Key(" + k.Fingerprint() + ")" }

// Format makes every fmt verb print the fingerprint.
func (k Key) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", k.Fingerprint())
		return
	}
	_, _ = f.Write([]byte(k.Fingerprint()))
}

// MarshalJSON writes the fingerprint as a JSON string.
func (k Key) MarshalJSON() ([]byte, error) { return json.Marshal(k.Fingerprint()) }

// MarshalText writes the fingerprint, for encoders that use TextMarshaler.
func (k Key) MarshalText() ([]byte, error) { return []byte(k.Fingerprint()), nil }

// LogValue makes slog print the fingerprint.
func (k Key) LogValue() slog.Value { return slog.StringValue(k.Fingerprint()) }

// Fingerprint labels any key-like string safely (see Key.Fingerprint).
func Fingerprint(s string) string {
	if s == "" {
		return "(empty)"
	}
	if len(s) < 16 {
		return fmt.Sprintf("(%d characters)", len([]rune(s)))
	}
	prefix := s[:3]
	for _, p := range knownPrefixes {
		if strings.HasPrefix(s, p.prefix) {
			prefix = p.prefix
			break
		}
	}
	if !isPrintableASCII(prefix) || !isPrintableASCII(s[len(s)-4:]) {
		return fmt.Sprintf("(%d characters)", len([]rune(s)))
	}
	return prefix + "…" + s[len(s)-4:]
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
