package admin

import (
	"strings"

	"github.com/setupkit/openai-setup/apikey"
)

// VisibleEnds splits a listing's redacted_value ("sk-proj-****…abcd",
// "sk-abc...wxyz") into the characters it shows before the mask and the
// last four. ok is false for a value that shows less than that.
func VisibleEnds(redacted string) (prefix, last4 string, ok bool) {
	i := strings.IndexAny(redacted, "*.…")
	if i < 3 || !strings.HasPrefix(redacted, "sk-") || len(redacted) < i+4 {
		return "", "", false
	}
	last4 = redacted[len(redacted)-4:]
	if strings.ContainsAny(last4, "*.…") || strings.ContainsRune(last4, 0xFFFD) || !isKeyChars(last4) {
		return "", "", false
	}
	return redacted[:i], last4, true
}

// MatchesRedacted reports whether key could be the one listed as redacted:
// it starts with the shown characters and ends with the shown four. Several
// listed keys can match one key; callers must say so rather than pick one.
func MatchesRedacted(key apikey.Key, redacted string) bool {
	prefix, last4, ok := VisibleEnds(redacted)
	s := key.Reveal()
	return ok && len(s) >= len(prefix)+4 && strings.HasPrefix(s, prefix) && strings.HasSuffix(s, last4)
}

func isKeyChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
