package checks

import (
	"strings"
	"testing"
)

func TestScopesFix(t *testing.T) {
	f := apiScopesFix([]string{"model.request"})
	if !strings.Contains(f.Do, "Model capabilities → Request") || !strings.Contains(f.Do, "not enough") || f.URL != apiURLKeys {
		t.Errorf("scopes fix = %+v", f)
	}
}

// apiErrBody is an OpenAI error envelope.
func apiErrBody(msg, typ, code string) string {
	q := func(s string) string {
		if s == "" {
			return "null"
		}
		return `"` + s + `"`
	}
	return `{"error":{"message":` + q(msg) + `,"type":` + q(typ) + `,"param":null,"code":` + q(code) + `}}`
}

// The fix names the host the API asks for only when it is OpenAI's.
func TestRegionalFix(t *testing.T) {
	const pre = "Attempted to access resource with incorrect regional hostname. Please make your request to "
	tests := []struct{ msg, has, hasNot string }{
		{pre + "us.api.openai.com", "OPENAI_BASE_URL=https://us.api.openai.com/v1", ""},
		{pre + "eu.api.openai.com.", "OPENAI_BASE_URL=https://eu.api.openai.com/v1", ""},
		{pre + "api.openai.com", "unset OPENAI_BASE_URL", "https://api.openai.com/v1"},
		{pre + "api.evil.example", "not an OpenAI host", "OPENAI_BASE_URL=https://api.evil.example"},
		{"Attempted to access resource with incorrect regional hostname.", "not an OpenAI host", "OPENAI_BASE_URL="},
	}
	for _, tt := range tests {
		f := regionalFix(tt.msg)
		if !strings.Contains(f.Do, tt.has) || tt.hasNot != "" && strings.Contains(f.Do, tt.hasNot) {
			t.Errorf("regionalFix(%q) = %q, want %q and not %q", tt.msg, f.Do, tt.has, tt.hasNot)
		}
	}
}
