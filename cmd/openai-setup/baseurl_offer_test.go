package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

// toFake makes the app's clients send every request to srv over loopback,
// keeping the Host header: the default base URL (api.openai.com) and a
// regional host reach the fake, which answers by the Host, and nothing
// leaves the machine.
func toFake(t *testing.T, srv *fakeapi.Server) func(time.Duration) *http.Client {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	return func(timeout time.Duration) *http.Client {
		c := newHTTPClient(timeout)
		inner := c.Transport
		c.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
			r2 := r.Clone(r.Context())
			r2.Host = r.URL.Host
			r2.URL.Scheme, r2.URL.Host = "http", u.Host
			return inner.RoundTrip(r2)
		})
		return c
	}
}

const regionalLine = "OPENAI_BASE_URL=https://" + fakeapi.RegionalHost + "/v1"

// TestRegionalOfferWithKey: a key the API sends to its regional host is
// not saved, and the exact OPENAI_BASE_URL line is said; --set-base-url
// checks it there and saves the line with the key; a base URL from the
// shell's environment is not overridden by a .env line, so nothing is
// written then.
func TestRegionalOfferWithKey(t *testing.T) {
	tests := []struct {
		name  string
		env   []string
		args  []string
		exit  int
		saved bool
		says  []string
	}{
		{name: "said", exit: exitFailed, says: []string{"add the line " + regionalLine + " to .env; --set-base-url checks the key there and writes it"}},
		{name: "written", args: []string{"--set-base-url"}, exit: exitOK, saved: true,
			says: []string{regionalLine, "it checked out there"}},
		{name: "environment wins", env: []string{openai.EnvBaseURL + "=https://api.openai.com/v1"}, args: []string{"--set-base-url"}, exit: exitFailed,
			says: []string{"OPENAI_BASE_URL is set in this shell's environment, which wins over .env files: change it there (export " + regionalLine + ")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			tr := newTestRun(t, tt.env...)
			tr.app.NewClient = toFake(t, srv)
			gitInit(t, tr.app.Dir)
			key := fakeapi.Key("regional_hostname")
			tr.app.In = strings.NewReader(key)
			code := tr.run(t, append([]string{"--with-key", "--no-spend"}, tt.args...)...)
			out := tr.out.String() + tr.err.String()
			if code != tt.exit {
				t.Fatalf("exit %d, want %d\n%s", code, tt.exit, out)
			}
			flat := strings.Join(strings.Fields(out), " ")
			for _, s := range tt.says {
				if !strings.Contains(flat, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			env := readFileOr(filepath.Join(tr.app.Dir, ".env"))
			if saved := strings.Contains(env, "OPENAI_API_KEY="+key) && strings.Contains(env, regionalLine+"\n"); saved != tt.saved {
				t.Errorf(".env = %q, saved with the line: %v, want %v", env, saved, tt.saved)
			}
			if !tt.saved && env != "" {
				t.Errorf(".env was written: %q", env)
			}
			assertNoLeak(t, key, out)
		})
	}
}

// TestRegionalOfferRotate: rotate says the line; with --set-base-url it
// checks the new key at the regional host and writes the line into the
// files it writes the key to, after the key.
func TestRegionalOfferRotate(t *testing.T) {
	newKey := fakeapi.Key("regional_hostname")
	for _, set := range []bool{false, true} {
		srv := fakeapi.New()
		p := newLeakedProject(t)
		p.tr.app.NewClient = toFake(t, srv)
		args := []string{"--no-spend", "--wait", "0", "--json"}
		if set {
			args = append(args, "--set-base-url")
		}
		code := p.rotate(t, newKey, args...)
		srv.Close()
		var doc struct {
			OK     bool     `json:"ok"`
			Error  string   `json:"error"`
			Notes  []string `json:"notes"`
			NewKey struct {
				CheckedAt string `json:"checked_at"`
			} `json:"new_key"`
			Also []struct {
				What    string
				Written bool
				Changes []lineChange
			} `json:"also_written"`
		}
		if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
			t.Fatalf("not one JSON document: %v\n%s", err, p.output())
		}
		if !set {
			if code != exitFailed || doc.Error != "new_key_failed" || len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0], "add the line "+regionalLine+" to ./.env, ../.env") {
				t.Fatalf("exit %d, document %s", code, p.tr.out)
			}
			p.assertUntouched(t)
			continue
		}
		if code != exitOK || doc.NewKey.CheckedAt != "https://"+fakeapi.RegionalHost+"/v1" || len(doc.Also) != 1 || !doc.Also[0].Written || len(doc.Also[0].Changes) != 2 {
			t.Fatalf("exit %d, document %s", code, p.tr.out)
		}
		for _, c := range doc.Also[0].Changes {
			if c.New != regionalLine { // the line as written: a base URL is shown whole, not as a fingerprint
				t.Errorf("change reads %q, want %q", c.New, regionalLine)
			}
		}
		for _, f := range []string{p.rootEnv, p.subEnv} {
			if got := readFile(t, f); !strings.Contains(got, "OPENAI_API_KEY="+newKey) || !strings.Contains(got, regionalLine) {
				t.Errorf("%s = %q", f, got)
			}
		}
		assertNoLeak(t, newKey, p.output())
		assertNoLeak(t, rotOld, p.output())
	}
}

// TestRegionalOfferProvision: provision saves the key it made, and when
// the API sends it to a regional host it says the line, or with
// --set-base-url checks it there and writes the line next to it.
func TestRegionalOfferProvision(t *testing.T) {
	for _, set := range []bool{false, true} {
		srv := fakeapi.New(fakeapi.WithRegionalAccounts())
		tr := newTestRun(t, adminEnv("admin"))
		tr.app.NewClient = toFake(t, srv)
		gitInit(t, tr.app.Dir)
		args := []string{"provision", "--project", "app", "--no-spend"}
		if set {
			args = append(args, "--set-base-url")
		}
		code := tr.run(t, args...)
		srv.Close()
		out := tr.out.String() + tr.err.String()
		flat := strings.Join(strings.Fields(out), " ")
		env := readFileOr(filepath.Join(tr.app.Dir, ".env"))
		if !set {
			if code != exitFailed || !strings.Contains(flat, "add the line "+regionalLine+" to .env; --set-base-url") || strings.Contains(env, regionalLine) {
				t.Fatalf("exit %d, .env %q\n%s", code, env, out)
			}
			continue
		}
		if code != exitOK || !strings.Contains(env, regionalLine+"\n") || !strings.Contains(flat, "The key checked out at the regional host") {
			t.Fatalf("exit %d, .env %q\n%s", code, env, out)
		}
		assertNoLeak(t, fakeapi.AdminKey("admin"), out)
	}
}

// readFileOr is the file's text, "" when it does not exist.
func readFileOr(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// TestRegionalOfferNeverTheGlobalHost: the reverse answer (a regional host
// naming api.openai.com) gets its fix, and --set-base-url writes nothing.
func TestRegionalOfferNeverTheGlobalHost(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t)
	tr.app.NewClient = toFake(t, srv)
	gitInit(t, tr.app.Dir)
	tr.app.In = strings.NewReader(fakeapi.Key("regional_hostname_global"))
	code := tr.run(t, "--with-key", "--no-spend", "--set-base-url")
	out := tr.out.String() + tr.err.String()
	if code != exitFailed || !strings.Contains(out, "unset OPENAI_BASE_URL") || strings.Contains(out, "--set-base-url checks") || readFileOr(filepath.Join(tr.app.Dir, ".env")) != "" {
		t.Fatalf("exit %d\n%s", code, out)
	}
}
