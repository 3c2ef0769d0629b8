package apikey

import (
	"strings"
	"testing"
)

func TestLooksLikeKey(t *testing.T) {
	long := strings.Repeat("A", 24)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"sk-proj-" + long, true},
		{"sk-svcacct-" + long, true},
		{"sk-admin-" + long, true},
		{"sk-None-" + long, true},
		{"sk-" + long, true},
		{"/home/u/sk-" + long + "/.env", true},
		{"xT3BlbkFJx", true},
		{".env", false},
		{"sk-short", false},
		{"/home/u/task-" + long + "/.env", false}, // "sk-" inside a word
		{"~/projects/desk-lamp-controller-firmware/.env", false},
	} {
		if got := LooksLikeKey(c.s); got != c.want {
			t.Errorf("LooksLikeKey(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
