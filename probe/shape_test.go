package probe

import (
	"strings"
	"testing"
)

func TestShapes(t *testing.T) {
	giant := strings.Repeat("[", 1<<16)
	tests := []struct {
		name              string
		body              string
		list, model, chat bool
	}{
		{"models list", `{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}`, true, false, false},
		{"empty models list", `{"object":"list","data":[]}`, true, false, false},
		{"model", `{"id":"gpt-4o-mini","object":"model","owned_by":"system"}`, false, true, false},
		{"completion", `{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"OK"}}]}`, false, true, true},
		{"empty object", `{}`, false, false, false},
		{"null data", `{"data":null}`, false, false, false},
		{"no choices", `{"id":"x","choices":[]}`, false, true, false},
		{"giant array", giant, false, false, false},
		{"truncated", `{"object":"list","data":[{"id":"gpt-4o-mini","object":"mod`, false, false, false},
		{"html", `<html>ok</html>`, false, false, false},
		{"empty", ``, false, false, false},
	}
	for _, tt := range tests {
		b := []byte(tt.body)
		if got := IsModelList(b); got != tt.list {
			t.Errorf("%s: IsModelList = %v", tt.name, got)
		}
		if got := IsModel(b); got != tt.model {
			t.Errorf("%s: IsModel = %v", tt.name, got)
		}
		if got := IsChatCompletion(b); got != tt.chat {
			t.Errorf("%s: IsChatCompletion = %v", tt.name, got)
		}
	}
}
