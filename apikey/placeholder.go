package apikey

import "strings"

// placeholderWords are the words documentation samples use in place of a
// key. They count anywhere in upper case (sk-proj-YOUR…), and in any case
// as a whole part between "-" or "_" (sk-your-key-here): a lower-case word
// run together with other characters is left alone, because a real key's
// random characters hold one too often to skip it.
var placeholderWords = []string{"EXAMPLE", "PLACEHOLDER", "YOUR", "XXXX"}

// IsPlaceholder reports whether s is a stand-in rather than a key: its
// secret part (after "sk-" and a kind prefix, without the marker) has at
// most two distinct characters (sk-xxxx…, sk-proj-abab…), or it holds a
// placeholder word. The history scan and the agents' transcript scan skip
// such values; both use this one rule.
func IsPlaceholder(s string) bool {
	for _, w := range placeholderWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	secret := strings.TrimPrefix(s, "sk-")
	for _, p := range []string{"proj-", "svcacct-", "admin-", "None-"} {
		secret = strings.TrimPrefix(secret, p)
	}
	secret = strings.Replace(secret, Marker, "", 1)
	for _, part := range strings.FieldsFunc(secret, func(r rune) bool { return r == '-' || r == '_' }) {
		for _, w := range placeholderWords {
			if strings.EqualFold(part, w) {
				return true
			}
		}
	}
	seen := map[rune]bool{}
	for _, r := range secret {
		seen[r] = true
	}
	return len(seen) <= 2
}
