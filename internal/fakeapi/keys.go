package fakeapi

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Layout of a project key as documented (docs/openai-errors.md §1.1):
// "sk-proj-" + 74 + "T3BlbkFJ" + 74, base64url characters.
const (
	keyPrefix = "sk-proj-"
	keyMarker = "T3BlbkFJ"
	keySide   = 74
	keyLen    = len(keyPrefix) + 2*keySide + len(keyMarker)
)

// The organization and project every fake key belongs to. Send them as
// OpenAI-Organization / OpenAI-Project to pass; send anything else to get
// mismatched_organization / mismatched_project, as the real API answers.
const (
	OrgID     = "org-FakeOrg00000000000000001"
	ProjectID = "proj_FakeProj0000000000000001"
	// OrgName is what the openai-organization response header carries: the
	// organization's name/slug, not its org- id.
	OrgName = "fake-org"
)

const base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// Key returns a well-formed sk-proj- key that makes the fake server play
// scenario (see Scenarios). The scenario is hex-encoded in the key's left
// half, so no 12-character slice of the key reads as a word that could turn
// up in a report by chance. The same scenario always gives the same key.
func Key(scenario string) string { return KeyVariant(scenario, 0) }

// KeyVariant is Key with a variant number, for tests that need several
// distinct keys of one scenario (an old and a new key for rotate).
// KeyVariant(s, 0) == Key(s).
func KeyVariant(scenario string, variant int) string {
	left := hex.EncodeToString([]byte(scenario)) + "_" + strconv.Itoa(max(variant, 0)) + "_"
	if len(left) > keySide {
		panic("fakeapi: scenario name too long: " + scenario)
	}
	fill := keyFiller(scenario, variant, 2*keySide-len(left))
	left += fill[:keySide-len(left)]
	right := fill[len(fill)-keySide:]
	return keyPrefix + left + keyMarker + right
}

// keyFiller derives n deterministic base64url characters from the scenario.
func keyFiller(scenario string, variant, n int) string {
	var b strings.Builder
	seed := []byte("fakeapi|" + scenario + "|" + strconv.Itoa(variant))
	for b.Len() < n {
		sum := sha256.Sum256(seed)
		for _, c := range sum {
			if b.Len() == n {
				break
			}
			b.WriteByte(base64url[c&63])
		}
		seed = sum[:]
	}
	return b.String()
}

// decodeKey returns the scenario a key was made for, and false for any
// string that is not exactly a key made by KeyVariant.
func decodeKey(key string) (scenario string, ok bool) {
	if len(key) != keyLen || !strings.HasPrefix(key, keyPrefix) {
		return "", false
	}
	body := key[len(keyPrefix):]
	parts := strings.SplitN(body, "_", 3)
	if len(parts) != 3 {
		return "", false
	}
	name, err := hex.DecodeString(parts[0])
	if err != nil {
		return "", false
	}
	variant, err := strconv.Atoi(parts[1])
	if err != nil || variant < 0 || variant > 1<<20 {
		return "", false
	}
	if len(name) == 0 || len(hex.EncodeToString(name))+len(parts[1])+2 > keySide {
		return "", false
	}
	if KeyVariant(string(name), variant) != key {
		return "", false
	}
	return string(name), true
}

// redactEcho imitates how the real API quotes a wrong key in its 401
// message: the first 8 characters, stars, the last 4, same length. Short
// strings are echoed as given, as the real API does.
func redactEcho(s string) string {
	if len(s) <= 12 {
		return s
	}
	return s[:8] + strings.Repeat("*", len(s)-12) + s[len(s)-4:]
}
