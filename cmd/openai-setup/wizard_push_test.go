package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/tui"
)

// The wizard offers github when the work tree has workflows, and the Done
// screen's push goes through push's own run: the key on gh's stdin only,
// read back, said in the push report's words.
func TestWizardPushGitHub(t *testing.T) {
	p := newPushSetup(t, "ok", "", false)
	if err := os.MkdirAll(filepath.Join(p.tr.app.Dir, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts := wizardOptions(&setupOptions{app: p.tr.app, EnvFile: ".env", NoBrowser: true, Timeout: 10e9})
	if len(opts.PushOffers) != 1 || opts.PushOffers[0].Target != "github" || opts.PushOffers[0].Command != "openai-setup push github" {
		t.Fatalf("PushOffers = %+v, want github", opts.PushOffers)
	}
	res := opts.Push(context.Background(), "github", apikey.New(p.key))
	if !res.Verified || !strings.Contains(res.Summary, "GitHub repository octo/app") || !strings.Contains(res.Summary, "fresh update time") {
		t.Errorf("result = %+v", res)
	}
	if w := p.writes(t); len(w) != 1 || w[0] != p.key {
		t.Errorf("gh secret set got %d stdin(s); want exactly the key once", len(w))
	}
	assertNoLeak(t, p.key, resultText(res))
}

func TestWizardPushFailures(t *testing.T) {
	tests := []struct {
		name, mode string
		missing    bool
		want       []string
	}{
		{"missing", "", true, []string{"Not pushed: gh (the GitHub CLI) is not installed", "install gh (https://cli.github.com) or set the secret at https://github.com/octo/app/settings/secrets/actions"}},
		{"logged out", "logged_out", false, []string{"Not pushed: gh is not logged in", "run gh auth login"}},
		// The CLI's own error quotes the value: shown scrubbed.
		{"echo error", "echo_error", false, []string{"Not pushed: the write failed", "gh said:"}},
		{"stale list", "stale", false, []string{"Pushed, but not confirmed: gh secret list shows OPENAI_API_KEY last updated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPushSetup(t, "ok", tt.mode, tt.missing)
			res := wizardPush(context.Background(), p.tr.app, 10e9, "github", apikey.New(p.key))
			text := resultText(res)
			if res.Verified {
				t.Errorf("verified: %s", text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("result lacks %q:\n%s", w, text)
				}
			}
			assertNoLeak(t, p.key, text)
			if strings.ContainsRune(text, 0x1b) {
				t.Errorf("a terminal escape reached the screen: %q", text)
			}
		})
	}
}

// No workflows folder, no offer.
func TestWizardPushNoOffer(t *testing.T) {
	tr := newTestRun(t)
	if err := os.WriteFile(filepath.Join(tr.app.Dir, "vercel.json"), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := wizardPushOffers(tr.app); len(got) != 0 {
		t.Errorf("offers = %+v, want none (push has no vercel target)", got)
	}
}

func resultText(r tui.PushResult) string {
	return strings.Join(append([]string{r.Summary, r.Fix}, r.Detail...), "\n")
}

// The summary left in the scrollback says where p pushed the key, and
// names the OPENAI_BASE_URL write of a run that saved no key.
func TestPrintSummaryPushedAndBaseURL(t *testing.T) {
	tr := newTestRun(t)
	printSummary(tr.app, tui.Outcome{Saved: true, Fingerprint: "sk-proj-…Ab3d", Files: []string{".env"},
		Pushed: []string{"Pushed OPENAI_API_KEY (sk-proj-…Ab3d) to GitHub repository octo/app, and gh secret list shows it with a fresh update time."}})
	if !strings.Contains(tr.out.String(), "Pushed OPENAI_API_KEY (sk-proj-…Ab3d) to GitHub repository octo/app") {
		t.Errorf("summary:\n%s", tr.out)
	}
	tr = newTestRun(t)
	printSummary(tr.app, tui.Outcome{Quit: true, Files: []string{".env"}})
	if s := tr.out.String(); !strings.Contains(s, "wrote OPENAI_BASE_URL to .env") || !strings.Contains(s, "the key was not saved") || strings.Contains(s, "nothing was saved") {
		t.Errorf("summary:\n%s", s)
	}
}
