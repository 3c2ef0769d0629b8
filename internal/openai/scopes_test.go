package openai

import "testing"

func TestScopeToggles(t *testing.T) {
	tests := map[string]string{
		"model.read": "Models → Read", "api.model.read": "Models → Read",
		"model.request": "Model capabilities → Request", "api.model.request": "Model capabilities → Request",
		"api.model.audio.request": "Model capabilities → Request", "api.responses.write": "Responses → Write",
		"api.files.write": "Files → Write", "api.threads.read": "Threads → Read", "weird.scope": "",
	}
	for scope, want := range tests {
		if got := ScopeToggle(scope); got != want {
			t.Errorf("ScopeToggle(%q) = %q, want %q", scope, got, want)
		}
	}
}
