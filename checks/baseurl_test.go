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

// PlainHTTPForKey: plain http to another machine only with insecureHTTP, and
// never for a base URL from a dotenv file.
func TestPlainHTTPForKey(t *testing.T) {
	const gateway = "http://gateway.internal/v1"
	cases := []struct {
		name, dotenv, env, flag string
		insecureHTTP            bool
		wantInsecure, wantErr   bool
	}{
		{name: "flag refused", flag: gateway, wantErr: true},
		{name: "flag allowed", flag: gateway, insecureHTTP: true, wantInsecure: true},
		{name: "environment allowed", env: "OPENAI_BASE_URL=" + gateway, insecureHTTP: true, wantInsecure: true},
		{name: "dotenv never", dotenv: "OPENAI_BASE_URL=http://api.openai.com/v1\n", insecureHTTP: true, wantErr: true},
		{name: "flag over dotenv", dotenv: "OPENAI_BASE_URL=http://api.openai.com/v1\n", flag: gateway, insecureHTTP: true, wantInsecure: true},
		{name: "loopback", flag: "http://127.0.0.1:9/v1"},
		{name: "default https", insecureHTTP: true},
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
			insecure, err := PlainHTTPForKey(t.Context(), c.flag, inv, c.insecureHTTP)
			if insecure != c.wantInsecure || (err != nil) != c.wantErr {
				t.Errorf("insecure %v err %v; want %v, error %v", insecure, err, c.wantInsecure, c.wantErr)
			}
		})
	}
}
