package admin

import (
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestMatchesRedacted(t *testing.T) {
	key := apikey.New("sk-proj-AAAAbbbbCCCCddddT3BlbkFJeeeeFFFFggggWXYZ")
	cases := []struct {
		redacted string
		want     bool
	}{
		{"sk-proj-****…WXYZ", true},
		{"sk-proj-****WXYZ", true},
		{"sk-pro...WXYZ", true},
		{"sk-AAA...WXYZ", false}, // shown start differs
		{"sk-proj-****…WXYy", false},
		{"sk-svcacct-...WXYZ", false},
		{"WXYZ", false},
		{"sk-proj-****", false}, // no last four shown
		{"", false},
		{"sk-...", false},
	}
	for _, c := range cases {
		if got := MatchesRedacted(key, c.redacted); got != c.want {
			t.Errorf("MatchesRedacted(%q) = %v, want %v", c.redacted, got, c.want)
		}
	}
	if MatchesRedacted(apikey.Key{}, "sk-proj-****…WXYZ") {
		t.Error("an empty key matched")
	}
}
