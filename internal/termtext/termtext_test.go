package termtext

import (
	"os/exec"
	"strings"
	"testing"
)

func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, café ✓", "plain text, café ✓"},
		{"\x1b]52;c;aGVsbG8=\x07", `\x1b]52;c;aGVsbG8=\x07`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"line\nfake [✓] line\r", `line\nfake [✓] line\r`},
		{"a\tb", `a\tb`},
		{"\u009b31m", `\u009b31m`},
		{"abc\u202etxt.exe", `abc\u202etxt.exe`},
		{"bad \xff byte", `bad \xff byte`},
		{"del\x7f", `del\x7f`},
		{`already \x1b escaped`, `already \x1b escaped`},
	}
	for _, tt := range tests {
		if got := Safe(tt.in); got != tt.want {
			t.Errorf("Safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.ContainsAny(Safe(tt.in), "\x1b\x07\n\r\u009b\u202e") {
			t.Errorf("Safe(%q) still holds a control character", tt.in)
		}
	}
}

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"./.env", "./.env"},
		{"my dir/.env", "'my dir/.env'"},
		{"it's/.env", `'it'\''s/.env'`},
		{"x\x1b[2J/.env", `$'x\x1b[2J/.env'`},
		{"a'b\\\x07", `$'a\'b\\\x07'`},
	}
	for _, tt := range tests {
		if got := ShellQuote(tt.in); got != tt.want {
			t.Errorf("ShellQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShellQuoteRoundTrip: what ShellQuote prints names the same string in
// bash, so a fix's command reaches the file that exists.
func TestShellQuoteRoundTrip(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash on PATH: the round trip needs it")
	}
	for _, s := range []string{"plain", "sp ace", "it's", "esc\x1b]52;c;eA==\x07", "nl\nx", "bs\\'q", "\u202eexe"} {
		out, err := exec.Command(bash, "-c", "printf %s "+ShellQuote(s)).Output()
		if err != nil {
			t.Fatalf("bash: %v", err)
		}
		if string(out) != s {
			t.Errorf("bash read %q back as %q", s, out)
		}
	}
}
