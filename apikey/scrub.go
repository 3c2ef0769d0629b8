package apikey

import (
	"regexp"
	"strings"
)

// anyKey matches OpenAI keys broadly (every prefix, including sk-None-), the
// way the history scan does, plus long sk-proj-/sk-svcacct-/sk-admin- tokens
// that lost their marker.
var anyKey = regexp.MustCompile(`sk-[A-Za-z0-9_-]*` + Marker + `[A-Za-z0-9_-]+|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}`)

// FindAll returns every key-looking token in text, broadly matched.
func FindAll(text string) []string { return anyKey.FindAllString(text, -1) }

// Scrub replaces every key-looking token in text with its fingerprint, and
// every occurrence of the given keys' secrets too. Use it on any text that
// came from outside (server messages, file lines) before showing it.
func Scrub(text string, keys ...Key) string {
	for _, k := range keys {
		if s := k.Reveal(); len(s) >= 8 {
			text = strings.ReplaceAll(text, s, k.Fingerprint())
		}
	}
	return anyKey.ReplaceAllStringFunc(text, Fingerprint)
}
