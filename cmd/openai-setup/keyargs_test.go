package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestNoArgumentPositionLeaksTheKey walks the command tree and puts a key in
// every place an argument or flag value goes: nothing may quote it back.
func TestNoArgumentPositionLeaksTheKey(t *testing.T) {
	keys := []string{
		fakeapi.Key("ok"),                       // sk-proj-…T3BlbkFJ…
		"sk-" + strings.Repeat("AbCdEfGh12", 5), // legacy shape, no marker
	}
	tr := newTestRun(t)
	root := newRootCmd(tr.app)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var cases [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		cases = append(cases, append(path, "KEY"), append(path, "--KEY"), append(path, "-KEY"))
		c.Flags().VisitAll(func(f *pflag.Flag) {
			cases = append(cases, append(path, "--"+f.Name, "KEY"), append(path, "--"+f.Name+"=KEY"))
			if f.Shorthand != "" {
				cases = append(cases, append(path, "-"+f.Shorthand, "KEY"))
			}
		})
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk(root, nil)
	cases = append(cases, []string{"doctor", "--base-url", "http://127.0.0.1:9/v1?api_key=KEY"})
	if len(cases) < 60 {
		t.Fatalf("only %d cases: the walk missed the command tree", len(cases))
	}
	for _, key := range keys {
		for _, c := range cases {
			args := make([]string, len(c))
			for i, a := range c {
				args[i] = strings.ReplaceAll(a, "KEY", key)
			}
			name := strings.ReplaceAll(strings.Join(c, " "), "KEY", key[:5]+"…")
			t.Run(name, func(t *testing.T) {
				tr := newTestRun(t)
				if code := tr.run(t, args...); code != exitUsage {
					t.Errorf("exit = %d, want %d", code, exitUsage)
				}
				out := tr.out.String() + tr.err.String()
				assertNoLeak(t, key, out)
				if !strings.Contains(tr.err.String(), "a key must never be an argument") || !strings.Contains(tr.err.String(), "standard input") {
					t.Errorf("stderr = %q, want the never-an-argument message", tr.err.String())
				}
			})
		}
	}
}

func TestKeyArgumentMessageNamesTheCommand(t *testing.T) {
	key := fakeapi.Key("ok")
	for args, want := range map[string]string{
		"doctor --model KEY":         "| openai-setup --with-key",
		"rotate --wait KEY":          "| openai-setup rotate --with-key",
		"--with-key=KEY":             "| openai-setup --with-key",
		"rotate --old=sk-proj-…Ab3d": "",
		"keys KEY":                   "| openai-setup keys --admin-key-stdin",
		"provision --name KEY":       "| openai-setup provision --admin-key-stdin",
		"usage --key KEY":            "| openai-setup usage --admin-key-stdin",
	} {
		msg, found := keyInArgs(strings.Fields(strings.ReplaceAll(args, "KEY", key)))
		if found != (want != "") || !strings.Contains(msg, want) {
			t.Errorf("%s: found=%v msg=%q, want %q", args, found, msg, want)
		}
	}
}

// TestScrubWriter: whatever prints a key, in one write or split across
// several, the terminal gets its fingerprint.
func TestScrubWriter(t *testing.T) {
	key := fakeapi.Key("ok")
	for name, parts := range map[string][]string{
		"one write":      {"error: " + key + "\n"},
		"split in key":   {"error: " + key[:30], key[30:] + "\n"},
		"split at start": {"error: sk-", key[3:], " done\n"},
		"no newline":     {"bad value " + key},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			w, flush := scrubbed(&buf)
			for _, p := range parts {
				if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			flush()
			assertNoLeak(t, key, buf.String())
			if !strings.Contains(buf.String(), "sk-proj-…") {
				t.Errorf("got %q, want the fingerprint", buf.String())
			}
		})
	}
}
