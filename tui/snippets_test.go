package tui

import (
	"strings"
	"testing"
)

// TestSnippetsQuoteShellPaths: the shell snippets name the saved file as
// one shell word; "." gets a slash so it does not search PATH.
func TestSnippetsQuoteShellPaths(t *testing.T) {
	tests := []struct {
		env  string
		want []string
	}{
		{".env", []string{"node --env-file=.env app.js", "set -a; . ./.env; set +a", `load_dotenv(".env")`}},
		{"my app/.env", []string{"node --env-file='my app/.env' app.js", "set -a; . 'my app/.env'; set +a"}},
		{"/abs/.env", []string{"set -a; . /abs/.env; set +a"}},
		{"a\x1b[2Jb/.env", []string{`node --env-file=$'a\x1b[2Jb/.env' app.js`}},
	}
	for _, tt := range tests {
		got := strings.Join(snippetLines(tt.env), "\n")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: lacks %q in\n%s", tt.env, w, got)
			}
		}
	}
}
