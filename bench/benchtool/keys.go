package main

import (
	"math/rand/v2"

	"github.com/setupkit/openai-setup/apikey"
)

// marker sits in the middle of every OpenAI key format: base64 of "OpenAI".
const marker = "T3BlbkFJ"

const (
	base64urlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	alnumChars     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
)

// keyFormat is one key layout from docs/openai-errors.md §1.1:
// prefix + side + marker + side random characters.
type keyFormat struct {
	name    string // label used in the manifest and the table
	prefix  string
	side    int
	charset string
}

// formatNone names the sk-None- format, which gitleaks' OpenAI rule does
// not match.
const formatNone = "sk-None-"

// keyFormats lists every format the history scan must find, in table order.
var keyFormats = []keyFormat{
	{"sk-proj-", "sk-proj-", 74, base64urlChars},
	{"sk-svcacct-", "sk-svcacct-", 74, base64urlChars},
	{"sk-admin-", "sk-admin-", 58, base64urlChars},
	{"sk-legacy", "sk-", 20, alnumChars},
	{formatNone, "sk-None-", 20, alnumChars},
}

// fakeKey builds a well-formed but fake key of format f from rng. The last
// character is always alphanumeric: gitleaks' rule ends in \b, so a key
// ending in '-' or '_' would be missed for a reason unrelated to its format,
// and the comparison is meant to measure formats, not that edge.
func fakeKey(f keyFormat, rng *rand.Rand) string {
	b := make([]byte, 0, len(f.prefix)+2*f.side+len(marker))
	b = append(b, f.prefix...)
	for range f.side {
		b = append(b, f.charset[rng.IntN(len(f.charset))])
	}
	b = append(b, marker...)
	for i := range f.side {
		cs := f.charset
		if i == f.side-1 {
			cs = alnumChars
		}
		b = append(b, cs[rng.IntN(len(cs))])
	}
	return string(b)
}

// fakeKeys returns perFormat distinct keys of every format, deterministic
// for a seed, with distinct fingerprints so findings reported by
// fingerprint can be matched back to the planted key.
func fakeKeys(seed uint64, perFormat int) map[string][]string {
	rng := rand.New(rand.NewPCG(seed, 0x6f70656e6169))
	seen := map[string]bool{}
	out := map[string][]string{}
	for _, f := range keyFormats {
		for len(out[f.name]) < perFormat {
			k := fakeKey(f, rng)
			fp := apikey.Fingerprint(k)
			if seen[fp] {
				continue
			}
			seen[fp] = true
			out[f.name] = append(out[f.name], k)
		}
	}
	return out
}
