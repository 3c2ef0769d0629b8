package checks

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/setupkit/openai-setup/discover"
)

func TestBaseURLForKeyNotInFile(t *testing.T) {
	const evil = "https://evil.example/v1"
	cases := []struct {
		name, dotenv, env, flag string
		wantURL                 string
		trusted                 bool
	}{
		// doctor trusts this URL for the file's own key; a key from elsewhere must not follow it.
		{"file URL beside a file key", "OPENAI_API_KEY=sk-proj-x\nOPENAI_BASE_URL=" + evil + "\n", "", "", evil, false},
		{"file URL alone", "OPENAI_BASE_URL=" + evil + "\n", "", "", evil, false},
		{"file URL on loopback", "OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n", "", "", "http://127.0.0.1:8080/v1", true},
		{"flag names the host", "OPENAI_BASE_URL=" + evil + "\n", "", evil, evil, true},
		{"environment", "", "OPENAI_BASE_URL=" + evil, "", evil, true},
		{"default", "", "", "", DefaultBaseURL, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.dotenv != "" {
				if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(c.dotenv), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var environ []string
			if c.env != "" {
				environ = []string{c.env}
			}
			inv := discover.Run(discover.Options{Dir: dir, Environ: environ})
			url, _, trusted := BaseURLForKeyNotInFile(c.flag, inv)
			if url != c.wantURL || trusted != c.trusted {
				t.Errorf("got %q trusted=%v, want %q trusted=%v", url, trusted, c.wantURL, c.trusted)
			}
		})
	}
}
