package checks

import (
	"strings"
	"testing"
)

func TestScopeToggles(t *testing.T) {
	tests := map[string]string{
		"model.read": "Models → Read", "api.model.read": "Models → Read",
		"model.request": "Model capabilities → Request", "api.model.request": "Model capabilities → Request",
		"api.model.audio.request": "Model capabilities → Request", "api.responses.write": "Responses → Write",
		"api.files.write": "Files → Write", "api.threads.read": "Threads → Read", "weird.scope": "",
	}
	for scope, want := range tests {
		if got := apiScopeToggle(scope); got != want {
			t.Errorf("apiScopeToggle(%q) = %q, want %q", scope, got, want)
		}
	}
	f := apiScopesFix([]string{"model.request"})
	if !strings.Contains(f.fix, "Model capabilities → Request") || !strings.Contains(f.fix, "not enough") || f.url != apiURLKeys {
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
