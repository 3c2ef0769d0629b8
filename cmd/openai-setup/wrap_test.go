package main

import "testing"

func TestWrapIndent(t *testing.T) {
	tests := []struct {
		text                 string
		first, indent, width int
		want                 string
	}{
		{"short", 4, 4, 80, "short"},
		{"no wrap when piped even if long", 10, 4, 0, "no wrap when piped even if long"},
		{"one two three four", 4, 4, 14, "one two\n    three four"},
		{"keep https://platform.openai.com/api-keys whole", 2, 2, 20, "keep\n  https://platform.openai.com/api-keys\n  whole"},
		{"sk-proj-…Ab3d and more", 0, 3, 14, "sk-proj-…Ab3d\n   and more"},
	}
	for _, tt := range tests {
		if got := wrapIndent(tt.text, tt.first, tt.indent, tt.width); got != tt.want {
			t.Errorf("wrapIndent(%q) =\n%q\nwant\n%q", tt.text, got, tt.want)
		}
	}
}
