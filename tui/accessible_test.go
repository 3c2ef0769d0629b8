package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestRunAccessible(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		secrets     []string
		secretErr   error
		fail        bool
		keepFailing bool // the checks keep failing after the last paste
		existing    bool
		want        Outcome
		wantOut     []string
		wantErr     bool
	}{
		{name: "full path", input: "\n\n\ns\n\n\n\n", secrets: []string{" '" + goodKey + "'\n"},
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"Step 1 of 7: Create your OpenAI platform account", "https://platform.openai.com/signup", "myapp-testhost-2026-12", "Got a project key: " + goodFP, "[pass] Authentication", "+ OPENAI_API_KEY=" + goodFP, "wrote .env", "openai-setup doctor"}},
		{name: "admin then good", input: "\n\n\n\n\n\n\n", secrets: []string{adminKey, goodKey},
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"Refused: This is an admin key"}},
		{name: "failed checks, paste again", input: "\n\n\n\n\np\n\n\n", secrets: []string{goodKey, goodKey}, fail: true,
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"[fail] Authentication", "Fix: create a new key"}},
		{name: "quit", input: "q\n", want: Outcome{Quit: true}, wantOut: []string{"Nothing was saved"}},
		{name: "end of input", input: "", want: Outcome{Quit: true}},
		{name: "no echo reader fails", input: "\n\n\n\n\n", secretErr: errors.New("not a terminal"), wantErr: true,
			wantOut: []string{"Cannot read the key without showing it (not a terminal)"}},
		{name: "unknown answers re-asked; a rejected key needs save typed", input: "\n\n\n\n\nr\nx\ns\n\n\n\nsave\n", secrets: []string{goodKey}, fail: true, keepFailing: true,
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"[p]aste another key / [r]e-run / [s]ave anyway / [q]uit", "Type p, r, s, back or q.", "Type save to write it anyway", "failed a check", "Still to do:"}},
		{name: "empty paste and back re-ask", input: "3\n3\n\n\n", secrets: []string{"", "back", goodKey},
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"Nothing was pasted", "Step 1 of 3: Paste your key", "Where are you starting from?"}},
		{name: "two keys refused", input: "3\n\n\n", secrets: []string{goodKey + goodKey, goodKey},
			want:    Outcome{Saved: true, Fingerprint: goodFP, Files: []string{".env", ".gitignore"}},
			wantOut: []string{"This is two keys (or one key twice), not one."}},
		{name: "quit after a paste is unsaved", input: "3\nq\n", secrets: []string{goodKey},
			want:    Outcome{Quit: true, QuitUnsaved: true},
			wantOut: []string{"Quit without saving the key you pasted"}},
		{name: "existing kept", input: "\n", existing: true,
			want:    Outcome{Kept: true, Fingerprint: goodFP},
			wantOut: []string{"You already have a key: " + goodFP + " in .env line 3", "Your key " + goodFP + " is kept"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakes{results: passResults()}
			if tt.fail {
				f.results = failResults()
			}
			opts := f.options()
			opts.AutoOpen = false
			if tt.existing {
				opts.Existing = &Existing{Fingerprint: goodFP, Source: ".env line 3", Key: apikey.New(goodKey)}
			}
			secrets := tt.secrets
			read := func() (string, error) {
				if tt.secretErr != nil {
					return "", tt.secretErr
				}
				if len(secrets) == 0 {
					return "", nil
				}
				s := secrets[0]
				secrets = secrets[1:]
				if tt.fail && !tt.keepFailing && len(secrets) == 0 {
					f.results = passResults()
				}
				return s, nil
			}
			var out strings.Builder
			got, err := RunAccessible(context.Background(), strings.NewReader(tt.input), &out, read, opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v\n%s", err, tt.wantErr, out.String())
			}
			if strings.Join(got.Files, ",") != strings.Join(tt.want.Files, ",") || got.Saved != tt.want.Saved || got.Quit != tt.want.Quit || got.Kept != tt.want.Kept || got.Fingerprint != tt.want.Fingerprint || got.QuitUnsaved != tt.want.QuitUnsaved {
				t.Errorf("outcome = %+v, want %+v\n%s", got, tt.want, out.String())
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if strings.Contains(out.String(), goodKey[10:30]) || strings.Contains(out.String(), "\x1b[") {
				t.Errorf("output holds the key or escape codes:\n%s", out.String())
			}
		})
	}
}
