package apikey

import (
	"fmt"
	"strings"
)

// Marker is base64("OpenAI"); every current OpenAI key format carries it.
const Marker = "T3BlbkFJ"

// Severity of a validation verdict.
type Severity int

// Severities, from fine to fatal.
const (
	OK Severity = iota
	Warning
	Invalid
)

// Verdict is the local judgement of a key's shape.
type Verdict struct {
	Kind     Kind
	Severity Severity
	Code     string // one of the Code constants; "" when OK
	Message  string // one line for people; never contains the key
}

// Validate judges a cleaned key by shape only: prefix, marker, charset and
// length. Exact lengths are not enforced (real keys vary); an odd length is a
// warning. It never quotes the key.
func Validate(s string) Verdict {
	kind := KindOf(s)
	v := Verdict{Kind: kind}
	bad := func(code, msg string) Verdict {
		v.Severity, v.Code, v.Message = Invalid, code, msg
		return v
	}
	switch {
	case s == "":
		return bad(CodeEmpty, "the key is empty")
	case kind == KindAzure:
		return bad(CodeAzureKey, "this is an Azure OpenAI key: it works only with its Azure resource's endpoint, not with api.openai.com")
	case kind == KindOther:
		return bad(CodeNotOpenAI, fmt.Sprintf("this looks like a %s key, not an OpenAI key", Provider(s)))
	case twoKeys(s):
		return bad(CodeTwoKeys, "this holds two keys, run together or side by side (a doubled paste): keep only one")
	case strings.ContainsFunc(s, isSpaceLike):
		return bad(CodeBadChars, "the key contains spaces or line breaks inside it")
	case kind == KindUnknown:
		return bad(CodeBadPrefix, "OpenAI keys start with sk-proj-, sk-svcacct- or sk-")
	}
	var info prefixInfo
	for _, p := range knownPrefixes {
		if strings.HasPrefix(s, p.prefix) {
			info = p
			break
		}
	}
	body := s[len(info.prefix):]
	for i := 0; i < len(body); i++ {
		c := body[i]
		ok := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return bad(CodeBadChars, fmt.Sprintf("the key has a character OpenAI keys never contain (at position %d)", len(info.prefix)+i+1))
		}
	}
	if kind == KindAdmin {
		return bad(CodeAdminKey, "this is an admin key (sk-admin-): it only works on /v1/organization endpoints and must not be OPENAI_API_KEY")
	}
	left, right, hasMarker := strings.Cut(body, Marker)
	if !hasMarker {
		return bad(CodeTruncated, fmt.Sprintf("the key (%d characters) lacks the part every OpenAI key has in the middle: it was probably cut short or mistyped", len(s)))
	}
	if info.side > 0 && (len(left) < info.side/2 || len(right) < info.side/2) {
		return bad(CodeTruncated, fmt.Sprintf("the key is %d characters, too short for a %s: it was probably cut short when copied", len(s), kind.Label()))
	}
	if info.side > 0 && (len(left) != info.side || len(right) != info.side) {
		v.Severity, v.Code = Warning, CodeOddLength
		v.Message = fmt.Sprintf("the key is %d characters, not the usual %d for a %s; it may still work", len(s), len(info.prefix)+2*info.side+len(Marker), kind.Label())
	}
	return v
}
