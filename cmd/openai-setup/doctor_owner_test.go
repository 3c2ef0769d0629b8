package main

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

// newServiceAccountKey makes a service account "my-bot" in the fake's
// default project and returns its key.
func newServiceAccountKey(t *testing.T, srv *fakeapi.Server) string {
	t.Helper()
	cl := admin.New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey("admin")))
	sa, err := cl.CreateServiceAccount(t.Context(), fakeapi.ProjectID, "my-bot", 0)
	if err != nil {
		t.Fatal(err)
	}
	return sa.Key.Reveal()
}

// TestDoctorKeyOwner: key.owner names the project and owner of the key in
// use from the Admin API's listings, says so when it cannot tell, and turns
// a wrong or missing admin key into a warning or a skip, never an error.
func TestDoctorKeyOwner(t *testing.T) {
	const unknownAdmin = "sk-admin-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV" + "T3BlbkFJ" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRwxyz"
	tests := []struct {
		name      string
		opts      []fakeapi.Option
		key       string // "" : a new service account's key
		adminKey  string // "" : none set
		status    string
		code      string
		summary   string // in the summary
		owners    []string
		ownerType string
		lastUsed  bool // the (first) finding has last_used_at
		sent      bool // whether any Admin API call may be made
	}{
		{name: "user", key: fakeapi.Key("ok"), adminKey: fakeapi.AdminKey("admin"), status: "pass",
			summary: `is "laptop" in project "Default project" (` + fakeapi.ProjectID + `), owned by ada@example.com (user); last used `,
			owners:  []string{fakeapi.OwnerEmail}, ownerType: "user", lastUsed: true, sent: true},
		{name: "service account", adminKey: fakeapi.AdminKey("admin"), status: "pass",
			summary: `owned by service account "my-bot"; never used before`, owners: []string{"my-bot"}, ownerType: "service_account", sent: true},
		{name: "read-only admin key", key: fakeapi.Key("ok"), adminKey: fakeapi.AdminKey("admin_read_only"), status: "pass",
			owners: []string{fakeapi.OwnerEmail}, ownerType: "user", lastUsed: true, sent: true},
		{name: "not listed", key: fakeapi.KeyVariant("ok", 7), adminKey: fakeapi.AdminKey("admin"), status: "warn", code: "not_listed",
			summary: "is in none of the 3 keys of the 1 active projects the admin key can list: it belongs to another organization or an archived project, or it was deleted", sent: true},
		{name: "ambiguous", opts: []fakeapi.Option{fakeapi.WithLookalike(fakeapi.Key("ok"))}, key: fakeapi.Key("ok"), adminKey: fakeapi.AdminKey("admin"),
			status: "warn", code: "ambiguous", summary: "2 listed keys show the same start and last four characters as",
			owners: []string{fakeapi.OwnerEmail, fakeapi.OtherOwnerEmail}, ownerType: "user", lastUsed: true, sent: true},
		{name: "project key as admin key", key: fakeapi.Key("ok"), adminKey: fakeapi.KeyVariant("ok", 1), status: "warn", code: "needs_admin_key",
			summary: "OPENAI_ADMIN_KEY holds a project key, not an admin key, so it was not sent"},
		{name: "refused admin key", key: fakeapi.Key("ok"), adminKey: unknownAdmin, status: "warn", code: "admin_refused",
			summary: "the admin key sk-admin-…wxyz was refused (401 invalid_api_key)", sent: true},
		{name: "no admin key", key: fakeapi.Key("ok"), status: "skip",
			summary: "skipped: no OPENAI_ADMIN_KEY is set, so the key's owner was not looked up (it needs an admin key)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New(tt.opts...)
			defer srv.Close()
			key := tt.key
			if key == "" {
				key = newServiceAccountKey(t, srv)
			}
			before := orgCalls(srv)
			env := []string{openai.EnvAPIKey + "=" + key}
			if tt.adminKey != "" {
				env = append(env, openai.EnvAdminKey+"="+tt.adminKey)
			}
			tr := newTestRun(t, env...)
			rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--no-spend")
			c := checkByID(rep, "key.owner")
			if code != exitOK || string(c.Status) != tt.status || c.Code != tt.code || !strings.Contains(c.Summary, tt.summary) {
				t.Fatalf("exit %d, key.owner = %s/%s %q; want exit 0, %s/%s %q", code, c.Status, c.Code, c.Summary, tt.status, tt.code, tt.summary)
			}
			if a := checkByID(rep, "api.auth"); a.Status != "pass" {
				t.Errorf("api.auth = %s/%s: key.owner must not disturb the other API checks", a.Status, a.Code)
			}
			if len(c.Findings) != len(tt.owners) {
				t.Fatalf("findings %+v, want owners %v", c.Findings, tt.owners)
			}
			for i, f := range c.Findings {
				if f.Owner != tt.owners[i] || f.OwnerType != tt.ownerType || f.ProjectID == "" || f.KeyID == "" {
					t.Errorf("finding %d = %+v, want owner %s (%s)", i, f, tt.owners[i], tt.ownerType)
				}
			}
			if len(c.Findings) > 0 {
				last := c.Findings[0].LastUsedAt
				if _, err := time.Parse(time.RFC3339, last); (err == nil) != tt.lastUsed {
					t.Errorf("last_used_at %q, want RFC 3339: %v", last, tt.lastUsed)
				}
			}
			if sent := orgCalls(srv) > before; sent != tt.sent {
				t.Errorf("Admin API called: %v, want %v", sent, tt.sent)
			}
			assertNoLeak(t, key, tr.out.String()+tr.err.String())
			if tt.adminKey != "" {
				assertNoLeak(t, tt.adminKey, tr.out.String()+tr.err.String())
			}
		})
	}
}

func TestDoctorKeyOwnerText(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, openai.EnvAPIKey+"="+fakeapi.Key("ok"), adminEnv("admin"))
	if code := tr.run(t, "doctor", "--base-url", srv.URL(), "--no-spend", "--check", "key.owner"); code != exitOK {
		t.Fatalf("exit %d: %s%s", code, tr.out, tr.err)
	}
	out := tr.out.String()
	want := `key.owner  ` + apikey.New(fakeapi.Key("ok")).Fingerprint() + ` is "laptop" in project "Default project"`
	if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) || !strings.Contains(out, " ago (20") {
		t.Errorf("text report lacks %q with a relative and RFC 3339 time:\n%s", want, out)
	}
	assertNoLeak(t, fakeapi.Key("ok"), out+tr.err.String())
	assertNoLeak(t, fakeapi.AdminKey("admin"), out+tr.err.String())
}

// TestDoctorKeyOwnerUntrustedBaseURL: a base URL set in a dotenv file never
// receives the admin key, even when the API key comes from the same file
// (which lets the API key itself go there).
func TestDoctorKeyOwnerUntrustedBaseURL(t *testing.T) {
	tr := newTestRun(t, adminEnv("admin"))
	// Every request is recorded and answered here: nothing leaves the machine.
	var hosts []string
	tr.app.NewClient = func(time.Duration) *http.Client {
		return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			hosts = append(hosts, r.URL.Host+r.URL.Path)
			return nil, errors.New("no network in tests")
		})}
	}
	writeDotenv(t, tr.app.Dir, openai.EnvAPIKey+"="+fakeapi.Key("ok")+"\n"+openai.EnvBaseURL+"=https://evil.example/v1\n")
	rep, code := runDoctorJSON(t, tr, "--check", "key.owner")
	c := checkByID(rep, "key.owner")
	want := "/.env:2 points at evil.example, and an admin key is never sent to a base URL set in a file"
	if code != exitOK || string(c.Status) != "skip" || !strings.Contains(c.Summary, want) {
		t.Fatalf("exit %d, key.owner = %s %q; want skip %q", code, c.Status, c.Summary, want)
	}
	if len(hosts) != 0 {
		t.Errorf("requests were made: %v", hosts)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDoctorKeyOwnerTimeout(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithLatency(time.Hour))
	defer srv.Close()
	tr := newTestRun(t, openai.EnvAPIKey+"="+fakeapi.Key("ok"), adminEnv("admin"))
	rep, code := runDoctorJSON(t, tr, "--base-url", srv.URL(), "--check", "key.owner", "--timeout", "300ms")
	if c := checkByID(rep, "key.owner"); code != exitOK || c.Status != "warn" || c.Code != "timeout" || !strings.Contains(c.Summary, "within 300ms") {
		t.Fatalf("exit %d, key.owner = %s/%s %q; want a timeout warning", code, c.Status, c.Code, c.Summary)
	}
}
