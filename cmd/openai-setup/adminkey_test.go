package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

// TestOpenAdmin: where the admin key comes from, in which order, and what
// is refused before anything is sent.
func TestOpenAdmin(t *testing.T) {
	adminKey, projectKey := fakeapi.AdminKey("admin"), fakeapi.Key("ok")
	cases := []struct {
		name         string
		env          []string
		stdin        string
		tty          bool
		typed        string
		flags        adminFlags
		withKeyStdin bool
		wantKey      string
		wantErr      string
		usage        bool
		prompted     bool
	}{
		{name: "environment", env: []string{openai.EnvAdminKey + "=" + adminKey}, wantKey: adminKey},
		{name: "stdin wins over environment", env: []string{openai.EnvAdminKey + "=" + projectKey}, stdin: "  " + adminKey + "\n",
			flags: adminFlags{Stdin: true}, wantKey: adminKey},
		{name: "stdin beside --with-key", stdin: adminKey, flags: adminFlags{Stdin: true}, withKeyStdin: true,
			wantErr: "--admin-key-stdin and --with-key both read standard input", usage: true},
		{name: "hidden prompt at a terminal", tty: true, typed: adminKey, wantKey: adminKey, prompted: true},
		{name: "--admin-key-stdin at a terminal prompts", tty: true, typed: adminKey, flags: adminFlags{Stdin: true}, wantKey: adminKey, prompted: true},
		{name: "nothing, no terminal", wantErr: "no admin key"},
		{name: "empty prompt", tty: true, wantErr: "no admin key", prompted: true},
		{name: "project key", env: []string{openai.EnvAdminKey + "=" + projectKey}, wantErr: needsAdminKey + " (OPENAI_ADMIN_KEY was not sent: it is a project key)"},
		{name: "another provider's key", env: []string{openai.EnvAdminKey + "=sk-ant-api03-" + strings.Repeat("x", 40)}, wantErr: needsAdminKey},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := newTestRun(t, c.env...)
			tr.app.In = strings.NewReader(c.stdin)
			tr.app.InTTY = c.tty
			tr.app.ReadSecret = func() (string, error) { return c.typed, nil }
			if c.flags.Timeout == 0 {
				c.flags.Timeout = defaultAdminTimeout
			}
			s, err := openAdmin(tr.app, c.flags, c.withKeyStdin, nil)
			if c.wantErr != "" {
				var ue usageError
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || errors.As(err, &ue) != c.usage {
					t.Fatalf("err = %v (usage %v), want %q (usage %v)", err, errors.As(err, &ue), c.wantErr, c.usage)
				}
			} else if err != nil || s.Key.Reveal() != c.wantKey {
				t.Fatalf("key %v, err %v; want %s", s, err, apikey.Fingerprint(c.wantKey))
			}
			if prompted := strings.Contains(tr.err.String(), "input hidden"); prompted != c.prompted {
				t.Errorf("prompted = %v, want %v", prompted, c.prompted)
			}
			if err != nil {
				assertNoLeak(t, adminKey, err.Error())
				assertNoLeak(t, projectKey, err.Error())
			}
		})
	}
}

func TestExplainAPIError(t *testing.T) {
	key := apikey.New(fakeapi.AdminKey("admin"))
	cases := []struct {
		err  admin.Error
		want string
	}{
		{admin.Error{Status: 401, Message: "… Missing scopes: api.management.write. Check …"},
			"this admin key is read-only: create one with write permission at " + openai.AdminKeysURL},
		{admin.Error{Status: 401, Message: "… Missing scopes: api.management.read. Check …"}, needsAdminKey},
		{admin.Error{Status: 401, Code: "invalid_api_key", Message: "Incorrect API key provided"},
			"the admin key " + key.Fingerprint() + " was refused (401 invalid_api_key)"},
		{admin.Error{Status: 500, Type: "server_error", Method: "GET", Path: "/organization/projects", Message: "boom " + key.Reveal()},
			"the Admin API answered 500 server_error to GET /organization/projects: boom " + key.Fingerprint()},
	}
	for _, c := range cases {
		got := explainAPIError(&c.err, key).Error()
		if !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q, want %q", c.err.Status, got, c.want)
		}
		assertNoLeak(t, key.Reveal(), got)
	}
}
