package openai

import "testing"

func TestNewestSnapshot(t *testing.T) {
	ids := []string{"gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-2024-11-20", "gpt-4o-2024-08-06", "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
		"gpt-4o-mini-realtime-preview-2024-12-17", "gpt-4o-mini-2024-07-18-ft", "gpt-5"}
	tests := map[string]string{
		"gpt-4o":                 "gpt-4o-2024-11-20",
		"gpt-4o-mini":            "gpt-4o-mini-2024-07-18",
		"gpt-5":                  "gpt-5", // no snapshot listed
		"gpt-4o-mini-2024-07-18": "gpt-4o-mini-2024-07-18",
		"o4-mini":                "o4-mini", // not listed at all
	}
	for model, want := range tests {
		if got := NewestSnapshot(model, ids); got != want {
			t.Errorf("NewestSnapshot(%q) = %q, want %q", model, got, want)
		}
	}
	if got := NewestSnapshot("gpt-4o", nil); got != "gpt-4o" {
		t.Errorf("with no list: %q", got)
	}
}
