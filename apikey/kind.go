package apikey

import "strings"

// Kind names the family a key belongs to, from its prefix.
type Kind string

// Key kinds, as documented in docs/openai-errors.md §1.1.
const (
	KindProject        Kind = "project"         // sk-proj-
	KindServiceAccount Kind = "service_account" // sk-svcacct-
	KindAdmin          Kind = "admin"           // sk-admin-: admin endpoints only
	KindUser           Kind = "user"            // legacy sk- user key
	KindUserNone       Kind = "user_none"       // 2024-era sk-None- user key
	KindOther          Kind = "other_provider"  // a key of another provider
	KindUnknown        Kind = "unknown"
)

// Label is a short human name for the kind.
func (k Kind) Label() string {
	switch k {
	case KindProject:
		return "project key"
	case KindServiceAccount:
		return "service-account key"
	case KindAdmin:
		return "admin key"
	case KindUser:
		return "legacy user key"
	case KindUserNone:
		return "user key"
	case KindOther:
		return "another provider's key"
	}
	return "unrecognised key"
}

type prefixInfo struct {
	prefix string
	kind   Kind
	side   int // length of each random half around the marker; 0 = do not judge
}

// knownPrefixes is ordered longest first so that "sk-proj-" wins over "sk-".
var knownPrefixes = []prefixInfo{
	{"sk-svcacct-", KindServiceAccount, 74},
	{"sk-service-", KindServiceAccount, 0},
	{"sk-admin-", KindAdmin, 58},
	{"sk-proj-", KindProject, 74},
	{"sk-None-", KindUserNone, 20},
	{"sk-", KindUser, 20},
}

// otherProviders are prefixes of keys that look like, but are not, OpenAI
// keys; sending them to OpenAI only yields a confusing 401.
var otherProviders = []struct{ prefix, name string }{
	{"sk-ant-", "Anthropic"},
	{"sk-or-", "OpenRouter"},
	{"sk_live_", "Stripe"},
	{"sk_test_", "Stripe"},
	{"rk_live_", "Stripe"},
	{"rk_test_", "Stripe"},
	{"AIza", "Google"},
	{"gsk_", "Groq"},
	{"xai-", "xAI"},
	{"hf_", "Hugging Face"},
	{"r8_", "Replicate"},
	{"pplx-", "Perplexity"},
	{"ghp_", "GitHub"},
	{"github_pat_", "GitHub"},
	{"AKIA", "AWS"},
}

// KindOf classifies a raw string by prefix.
func KindOf(s string) Kind {
	if Provider(s) != "" {
		return KindOther
	}
	for _, p := range knownPrefixes {
		if strings.HasPrefix(s, p.prefix) {
			return p.kind
		}
	}
	return KindUnknown
}

// Provider names the other provider whose key s looks like, or "".
func Provider(s string) string {
	for _, p := range otherProviders {
		if strings.HasPrefix(s, p.prefix) {
			return p.name
		}
	}
	return ""
}
