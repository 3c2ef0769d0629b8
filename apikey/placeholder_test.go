package apikey

import (
	"strings"
	"testing"
)

func TestIsPlaceholder(t *testing.T) {
	real := testKey("sk-proj-", 20)
	tests := []struct {
		s    string
		want bool
	}{
		{real, false},
		{testKey("sk-svcacct-", 30), false},
		{"sk-proj-Tq3v9Lm2Xc7Rb1Nw8Kd4Hs6Gf0Pj5Yz2Ae7Ui3Oo9Wr1", false},
		{"sk-xxxxxxxxxxxxxxxxxxxxxxxx", true},         // one distinct character after sk-
		{"sk-abababababababababab", true},             // two, after sk-
		{"sk-proj-" + strings.Repeat("ab", 20), true}, // two, after the kind prefix
		{"sk-abcabcabcabcabcabcabc", false},           // three
		{"xxxxxxxxxxxxxxxxxxxxxxxx", true},
		{"sk-proj-EXAMPLE" + real[20:], true},
		{"sk-proj-PLACEHOLDER" + real[20:], true},
		{"sk-proj-YOUR" + real[20:], true},
		{"sk-proj-abXXXXcd" + real[20:], true},
		{"sk-proj-your-api-key-here-123456", true}, // a lower-case word between dashes
		{"sk-placeholder-0123456789abcdef", true},
		{"sk-proj-Example_key_0123456789", true},
		{"sk-proj-abyourcd0123456789ABCDEFG", false}, // lower case run together: could be random
		{"sk-proj-abxxxxcd0123456789ABCDEFG", false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.s); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
