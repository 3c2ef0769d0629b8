package apikey

import (
	"regexp"
	"strings"
)

// anyKey matches OpenAI keys broadly (every prefix, including sk-None-), the
// way the history scan does, plus long sk-proj-/sk-svcacct-/sk-admin- tokens
// that lost their marker.
var anyKey = regexp.MustCompile(`sk-[A-Za-z0-9_-]*` + Marker + `[A-Za-z0-9_-]+|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}`)

// keyShaped is what must never be shown: any token of 16 or more characters
// holding the marker (the marker alone, as in documentation, is no secret;
// see keyToken), or "sk-" (any known prefix included) followed by 20 or more
// base64url characters. The leading group keeps "task-management-…" from matching:
// "sk-" must not follow a letter or digit. Fingerprints (sk-proj-…Ab3d,
// sk-proj-****Ab3d) do not match: "…" and "*" end the run.
var keyShaped = regexp.MustCompile(`[A-Za-z0-9_-]*` + Marker + `[A-Za-z0-9_-]*|(?:^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{20,}`)

// sliceLen is how many consecutive characters of a known secret are enough
// to scrub: a server may echo the key with a space inserted, only the part
// after the marker, or cut short, and none of those may reach the screen.
const sliceLen = 12

// FindAll returns every key-looking token in text, broadly matched.
func FindAll(text string) []string { return anyKey.FindAllString(text, -1) }

// ContainsKey reports whether text holds a key-shaped token (see Scrub).
// Fingerprints and last-fours are not key-shaped.
func ContainsKey(text string) bool {
	for _, m := range keyShaped.FindAllString(text, -1) {
		if keyToken(m) {
			return true
		}
	}
	return false
}

// keyToken drops the marker-holding matches too short to be a secret.
func keyToken(m string) bool { return len(m) >= 16 || !strings.Contains(m, Marker) }

// Scrub replaces every key-shaped token in text with its fingerprint, and
// every run of 12 or more consecutive characters of the given keys' secrets
// too (a mangled echo is caught, not only the whole key). Use it on any text
// that came from outside (server messages, file lines) before showing or
// truncating it.
func Scrub(text string, keys ...Key) string {
	for _, k := range keys {
		text = scrubSecret(text, k.Reveal(), k.Fingerprint())
	}
	return keyShaped.ReplaceAllStringFunc(text, func(m string) string {
		if !keyToken(m) {
			return m
		}
		if !strings.HasPrefix(m, "sk-") && strings.HasPrefix(m[1:], "sk-") {
			return m[:1] + Fingerprint(m[1:]) // keep the "-", "=" or space before the key
		}
		return Fingerprint(m)
	})
}

// scrubSecret replaces with fp every maximal run of text that is a
// substring of secret at least sliceLen long (whole equality for secrets
// shorter than that).
func scrubSecret(text, secret, fp string) string {
	if len(secret) < sliceLen {
		if len(secret) >= 8 {
			text = strings.ReplaceAll(text, secret, fp)
		}
		return text
	}
	slices := make(map[string]bool, len(secret))
	for i := 0; i+sliceLen <= len(secret); i++ {
		slices[secret[i:i+sliceLen]] = true
	}
	var b strings.Builder
	last := 0
	for i := 0; i+sliceLen <= len(text); {
		if !slices[text[i:i+sliceLen]] {
			i++
			continue
		}
		j := i + sliceLen
		for j < len(text) && strings.Contains(secret, text[i:j+1]) {
			j++
		}
		b.WriteString(text[last:i])
		b.WriteString(fp)
		last, i = j, j
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
