package main

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/tui"
)

func TestShadowOf(t *testing.T) {
	saved := apikey.New("sk-proj-" + strings.Repeat("a", 40) + "Sav1")
	other := apikey.New("sk-proj-" + strings.Repeat("b", 40) + "Old1")
	env := func(k apikey.Key) discover.Source {
		return discover.Source{Kind: discover.SourceEnvironment, Name: "OPENAI_API_KEY", Value: k, Wins: true}
	}
	dotenv := discover.Source{Kind: discover.SourceDotenv, Name: "OPENAI_API_KEY", Path: "/w/.env", Line: 1, Value: saved}
	rc := func(k apikey.Key) discover.Source {
		return discover.Source{Kind: discover.SourceStartupFile, Name: "OPENAI_API_KEY", Path: "/h/.zshrc", Line: 12, Value: k}
	}
	cases := []struct {
		name    string
		sources []discover.Source
		want    []string // substrings of from + commands; nil: no shadow
	}{
		{"only the file", []discover.Source{func() discover.Source { d := dotenv; d.Wins = true; return d }()}, nil},
		{"environment agrees", []discover.Source{env(saved), dotenv}, nil},
		{"environment differs", []discover.Source{env(other), dotenv}, []string{"this shell's environment", "unset OPENAI_API_KEY"}},
		{"environment and start-up file", []discover.Source{env(other), dotenv, rc(other)}, []string{"exported by ~/.zshrc:12", "unset OPENAI_API_KEY", "delete line 12 of ~/.zshrc"}},
		{"start-up file only", []discover.Source{func() discover.Source { d := dotenv; d.Wins = true; return d }(), rc(other)}, []string{"~/.zshrc:12", "delete line 12 of ~/.zshrc"}},
		{"start-up file agrees", []discover.Source{env(saved), dotenv, rc(saved)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := shadowOf(discover.Inventory{Sources: c.sources}, saved, textOptions{Dir: "/w", Home: "/h"})
			if (sh == nil) != (c.want == nil) {
				t.Fatalf("shadow = %+v, want one: %v", sh, c.want != nil)
			}
			if sh == nil {
				return
			}
			all := sh.From + "\n" + strings.Join(sh.Commands, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing %q in %q", w, all)
				}
			}
			if sh.Fingerprint != other.Fingerprint() || strings.Contains(all, other.Reveal()) {
				t.Errorf("fingerprint %q, or the key leaked", sh.Fingerprint)
			}
		})
	}
}

func TestOutcomeErr(t *testing.T) {
	cases := []struct {
		name string
		out  tui.Outcome
		want int
	}{
		{"saved clean", tui.Outcome{Saved: true}, exitOK},
		{"shadowed", tui.Outcome{Saved: true, Shadowed: true}, exitFailed},
		{"saved failing", tui.Outcome{Saved: true, Failing: []string{"Authentication"}}, exitFailed},
		{"interrupted", tui.Outcome{Interrupted: true}, exitInterrupted},
		{"quit unsaved", tui.Outcome{Quit: true, QuitUnsaved: true}, exitQuitUnsaved},
		{"quit before a paste", tui.Outcome{Quit: true}, exitOK},
		{"nothing", tui.Outcome{}, exitOK},
	}
	for _, c := range cases {
		if got := exitCode(outcomeErr(c.out)); got != c.want {
			t.Errorf("%s: exit %d, want %d", c.name, got, c.want)
		}
	}
}

func TestLocalClipboardNotOverSSH(t *testing.T) {
	for _, v := range []string{"SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"} {
		e := browserEnv{getenv: func(k string) string {
			if k == v {
				return "x"
			}
			return ""
		}}
		if localClipboard(e) != nil {
			t.Errorf("%s set: a local clipboard copy would land on the remote machine", v)
		}
	}
}

// The summary left in the scrollback wraps a long to-do at words, indented
// under its item, never in the middle of a word.
func TestSummaryWrapsToDosAtWords(t *testing.T) {
	tr := newTestRun(t)
	tr.app.OutTTY = true
	tr.app.Width = func() int { return 60 }
	todo := "The old key stays live until you revoke it on the API keys page; openai-setup rotate replaces it everywhere"
	printSummary(tr.app, tui.Outcome{Saved: true, Fingerprint: "sk-proj-…Ab3d", Todo: []string{todo}})
	var got []string
	for _, l := range strings.Split(tr.out.String(), "\n") {
		if len([]rune(l)) > 60 {
			t.Errorf("line wider than the terminal: %q", l)
		}
		got = append(got, strings.TrimSpace(l))
	}
	if !strings.Contains(strings.Join(got, " "), todo) {
		t.Errorf("the to-do is not whole once unwrapped:\n%s", tr.out.String())
	}
}
