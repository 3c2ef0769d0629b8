package steps

import (
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestURLsAreHTTPSOnPlatform(t *testing.T) {
	for _, s := range All() {
		for _, l := range s.Links() {
			u, err := url.Parse(l.URL)
			if err != nil {
				t.Errorf("%s: %q: %v", s.ID, l.URL, err)
				continue
			}
			if u.Scheme != "https" || u.Host != "platform.openai.com" || u.User != nil || u.RawQuery != "" {
				t.Errorf("%s: %q: want https://platform.openai.com/...", s.ID, l.URL)
			}
		}
		if s.URL == "" {
			t.Errorf("%s: no URL", s.ID)
		}
	}
}

func TestIDsUniqueAndContentPresent(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range All() {
		if s.ID == "" || seen[s.ID] {
			t.Errorf("id %q empty or repeated", s.ID)
		}
		seen[s.ID] = true
		if s.Title == "" || len(s.Body) == 0 {
			t.Errorf("%s: empty title or body", s.ID)
		}
	}
	got := []string{}
	for _, s := range All() {
		got = append(got, s.ID)
	}
	if want := []string{Account, Billing, Project, Key}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestAllIsFresh(t *testing.T) {
	a := All()
	a[0].Title = "changed"
	a[0].Body[0] = "changed"
	if b := All(); b[0].Title == "changed" || b[0].Body[0] == "changed" {
		t.Error("All shares state between calls")
	}
}

func TestWithKeyName(t *testing.T) {
	var key Step
	for _, s := range All() {
		if s.ID == Key {
			key = s
		}
	}
	tests := []struct{ name, want string }{
		{"myapp-myhost-2026-12", "myapp-myhost-2026-12"},
		{"", "<app>-<machine>-<yyyy-mm>"},
	}
	for _, tt := range tests {
		got := strings.Join(key.WithKeyName(tt.name).Body, "\n")
		if !strings.Contains(got, tt.want) || strings.Contains(got, KeyNamePlaceholder) {
			t.Errorf("WithKeyName(%q): body lacks %q or keeps the placeholder", tt.name, tt.want)
		}
	}
	if !strings.Contains(strings.Join(key.Body, "\n"), KeyNamePlaceholder) {
		t.Error("WithKeyName changed the original step")
	}
}

func TestKeyStepSaysWhatMatters(t *testing.T) {
	for _, s := range All() {
		if s.ID != Key {
			continue
		}
		body := strings.Join(s.Body, "\n")
		for _, want := range []string{"Restricted", "Model capabilities to Request", "Models to Read", "Responses to Write", "All is the simplest", "Read only",
			"Service account", "no permission choices", "\"Default project\" is preselected", "SMS", "Google Voice", "shown only once", "sk-admin-"} {
			if !strings.Contains(body, want) {
				t.Errorf("key step lacks %q", want)
			}
		}
	}
}

// TestImportsNothing keeps steps pure data: standard library only.
func TestImportsNothing(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if strings.Contains(p, ".") {
				t.Errorf("%s imports %s: steps must use the standard library only", f, p)
			}
		}
	}
}

// TestStepsSayWhatTheDashboardAsks: the account step asks for two-step
// verification and no longer for a phone; billing names both buttons.
func TestStepsSayWhatTheDashboardAsks(t *testing.T) {
	want := map[string][]string{
		Account: {"two-step verification"},
		Billing: {"\"Add payment details\"", "\"Add to credit balance\"", "separate from ChatGPT", "no free credits"},
	}
	for _, s := range All() {
		body := strings.Join(s.Body, "\n")
		for _, w := range want[s.ID] {
			if !strings.Contains(body, w) {
				t.Errorf("%s step lacks %q", s.ID, w)
			}
		}
		if s.ID == Account && strings.Contains(body, "phone") {
			t.Errorf("account step still asks for a phone: that comes with the first key")
		}
	}
}

func TestKeyName(t *testing.T) {
	now := time.Date(2026, 12, 31, 23, 30, 0, 0, time.FixedZone("UTC+2", 2*3600)) // 21:30 UTC
	cases := []struct{ root, dir, host, want string }{
		{"/home/ann/My App", "/home/ann/My App/sub", "Anns-MacBook.local", "my-app-anns-macbook-2026-12"},
		{"", "/tmp/work_dir", "build01", "work-dir-build01-2026-12"},
		{"", "/srv/api", "", "api-2026-12"},
		{"/", "", "h.example.com", "h-2026-12"},
	}
	for _, c := range cases {
		if got := KeyName(c.root, c.dir, c.host, now); got != c.want {
			t.Errorf("KeyName(%q, %q, %q) = %q, want %q", c.root, c.dir, c.host, got, c.want)
		}
	}
	if got := KeyName("", "/a", "h", time.Date(2027, 1, 1, 0, 30, 0, 0, time.FixedZone("UTC+1", 3600))); got != "a-h-2026-12" {
		t.Errorf("month not taken in UTC: %q", got)
	}
}
