package apikey

import "regexp"

// keyShape is any token that is probably an OpenAI key or a piece of one:
// the marker every project and user key carries, or "sk-" (with or without
// a known prefix) starting a token and followed by 20 or more base64url
// characters. Broader than FindAll, for refusing input that should never
// hold a key (a file path typed where the key went).
var keyShape = regexp.MustCompile(Marker + `|(?:^|[^A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}`)

// LooksLikeKey reports whether s holds a key-shaped token.
func LooksLikeKey(s string) bool { return keyShape.MatchString(s) }
