package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

// deletes counts the DELETE calls the fake got on /organization paths.
func deletes(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "DELETE" && strings.HasPrefix(r.Path, "/v1/organization/") {
			n++
		}
	}
	return n
}

// TestRotateRevoke: with --revoke and an admin key, rotate deletes the old
// key through the Admin API after the files hold the new key, prints a
// receipt and confirms with the 401 poll; it refuses rather than guess.
func TestRotateRevoke(t *testing.T) {
	tests := []struct {
		name    string
		opts    []fakeapi.Option
		env     []string
		args    []string
		exit    int
		says    []string
		rotated bool // the files hold the new key
		deleted int  // DELETE calls
	}{
		{name: "user's project key", env: []string{adminEnv("admin")}, exit: exitOK, rotated: true, deleted: 1,
			says: []string{`Deleted through the Admin API: project API key "old script" (key_FakeUser0000000002) in project "Default project".`,
				"Revoked: the API now rejects the old key", "Rotated:"}},
		{name: "no wait", env: []string{adminEnv("admin")}, args: []string{"--wait", "0"}, exit: exitOK, rotated: true, deleted: 1,
			says: []string{"the old key was deleted through the Admin API (not confirmed: no wait)"}},
		{name: "ambiguous", opts: []fakeapi.Option{fakeapi.WithLookalike(rotOld)}, env: []string{adminEnv("admin")}, exit: exitFailed, rotated: true,
			says: []string{"Not revoked through the API: 2 listed keys show the same ends as", "nothing was deleted, so as not to delete the wrong one"}},
		{name: "read-only admin key", env: []string{adminEnv("admin_read_only")}, exit: exitFailed, rotated: true, deleted: 1,
			says: []string{"Not revoked through the API: deleting the project key \"old script\" (key_FakeUser0000000002) failed: this admin key is read-only"}},
		{name: "no admin key", exit: exitFailed, says: []string{"no admin key: set OPENAI_ADMIN_KEY"}},
		{name: "project key as admin key", env: []string{openai.EnvAdminKey + "=" + fakeapi.Key("ok")}, exit: exitFailed, says: []string{"this needs an admin key"}},
		{name: "with --dry-run", env: []string{adminEnv("admin")}, args: []string{"--dry-run"}, exit: exitUsage, says: []string{"--revoke deletes the old key, so it goes neither with --dry-run"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New(tt.opts...)
			defer srv.Close()
			p := newLeakedProject(t, tt.env...)
			code := p.rotate(t, rotNew+"\n", append([]string{"--base-url", srv.URL(), "--no-spend", "--revoke", "--poll-interval", "1ms"}, tt.args...)...)
			if code != tt.exit {
				t.Fatalf("exit %d, want %d\n%s", code, tt.exit, p.output())
			}
			out := strings.Join(strings.Fields(p.output()), " ")
			for _, s := range tt.says {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, p.output())
				}
			}
			if tt.rotated {
				p.assertRotated(t)
			} else {
				p.assertUntouched(t)
			}
			if n := deletes(srv); n != tt.deleted {
				t.Errorf("%d DELETE calls, want %d", n, tt.deleted)
			}
			p.assertNoKeys(t)
			assertNoLeak(t, fakeapi.AdminKey("admin"), p.output())
		})
	}
}

func TestRotateRevokeNeedsWithKey(t *testing.T) {
	tr := newTestRun(t, adminEnv("admin"))
	tr.app.InTTY, tr.app.OutTTY = true, true
	if code := tr.run(t, "rotate", "--revoke"); code != exitUsage || !strings.Contains(tr.err.String(), "--revoke goes with --with-key") {
		t.Fatalf("exit %d, stderr %q", code, tr.err)
	}
}

// TestRotateRevokeServiceAccountJSON: a service account's only key is
// revoked by deleting the account, listed in --json's "deleted".
func TestRotateRevokeServiceAccountJSON(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	old := newServiceAccountKey(t, srv)
	tr := newTestRun(t, adminEnv("admin"))
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+old+"\n")
	tr.app.In = strings.NewReader(rotNew)
	code := tr.run(t, "rotate", "--with-key", "--revoke", "--json", "--base-url", srv.URL(), "--no-spend", "--poll-interval", "1ms")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, tr.out, tr.err)
	}
	var doc struct {
		OK      bool `json:"ok"`
		Deleted *struct {
			What, Name, ID string
		} `json:"deleted"`
		Revocation struct{ Outcome string } `json:"revocation"`
	}
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, tr.out)
	}
	if !doc.OK || doc.Deleted == nil || doc.Deleted.What != "service_account" || doc.Deleted.Name != "my-bot" || !strings.HasPrefix(doc.Deleted.ID, "svc_acct_") || doc.Revocation.Outcome != "revoked" {
		t.Fatalf("document: %s", tr.out)
	}
	assertNoLeak(t, old, tr.out.String()+tr.err.String())
}

func TestRotateRevokeRefusedJSON(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithLookalike(rotOld))
	defer srv.Close()
	p := newLeakedProject(t, adminEnv("admin"))
	code := p.rotate(t, rotNew, "--revoke", "--json", "--base-url", srv.URL(), "--no-spend", "--poll-interval", "1ms")
	var doc struct {
		OK          bool   `json:"ok"`
		Error       string `json:"error"`
		RevokeError string `json:"revoke_error"`
		Deleted     any    `json:"deleted"`
	}
	if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, p.tr.out)
	}
	if code != exitFailed || doc.OK || doc.Error != "revoke_refused" || !strings.Contains(doc.RevokeError, "2 listed keys show the same ends") || doc.Deleted != nil {
		t.Fatalf("exit %d, document %s", code, p.tr.out)
	}
	p.assertRotated(t)
}

// TestRotateRevokeSaysWhatTheKeyUsed: after --revoke deleted the old key,
// one line says what it cost and used (the fake's records for that key,
// totalled here), or names the permission an admin key without usage
// access lacks, without failing the rotation.
func TestRotateRevokeSaysWhatTheKeyUsed(t *testing.T) {
	const keyID = "key_FakeUser0000000002" // "old script": rotOld
	for _, admin := range []string{"admin", fakeapi.AdminNoUsage} {
		t.Run(admin, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			var req, in int64
			since := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -(leakUsageDays - 1))
			for _, r := range srv.UsageRecords() {
				if r.APIKeyID == keyID && !r.Day.Before(since) {
					req, in = req+r.Requests, in+r.InputTokens
				}
			}
			if req == 0 {
				t.Fatal("the fake has no use of the old key to report")
			}
			p := newLeakedProject(t, adminEnv(admin))
			code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--revoke", "--poll-interval", "1ms")
			out := strings.Join(strings.Fields(p.output()), " ")
			want := fmt.Sprintf("used in the last %d days: $", leakUsageDays)
			wantNums := fmt.Sprintf("%s requests, %s input", groupDigits(req), groupDigits(in))
			if admin == fakeapi.AdminNoUsage {
				want, wantNums = "used is not shown: this admin key lacks the api.usage.read permission", "Rotated:"
			}
			if code != exitOK || !strings.Contains(out, want) || !strings.Contains(out, wantNums) {
				t.Fatalf("exit %d, want %q and %q in:\n%s", code, want, wantNums, p.output())
			}
			p.assertNoKeys(t)
			assertNoLeak(t, fakeapi.AdminKey(admin), p.output())
		})
	}
}

// lineReader gives one line per Read, as a terminal does, so that each
// prompt reads its own answer.
type lineReader struct{ lines []string }

func (r *lineReader) Read(p []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.lines[0])
	r.lines = r.lines[1:]
	return n, nil
}

// TestRotateInTerminalAsksBeforeRevokingWithAdmin: the line-by-line face at
// a terminal, with an admin key, asks (default no) before deleting the old
// key through the Admin API; y deletes it, Enter keeps the dashboard path.
func TestRotateInTerminalAsksBeforeRevokingWithAdmin(t *testing.T) {
	for _, answer := range []string{"y\n", "\n"} {
		srv := fakeapi.New()
		p := newLeakedProject(t, adminEnv("admin"))
		p.tr.app.InTTY = true
		p.tr.app.ReadSecret = func() (string, error) { return rotNew, nil }
		p.tr.app.In = &lineReader{lines: []string{"\n", answer}}
		code := p.tr.run(t, "rotate", "--base-url", srv.URL(), "--no-spend", "--wait", "0", "--no-browser")
		srv.Close()
		if code != exitOK {
			t.Fatalf("answer %q: exit %d\n%s", answer, code, p.output())
		}
		p.assertRotated(t)
		assertSays(t, p.output(), "through the Admin API now, with the admin key "+apikey.Fingerprint(fakeapi.AdminKey("admin")))
		deleted := strings.Contains(p.output(), "Deleted through the Admin API")
		if deleted != (answer == "y\n") || deletes(srv) != map[bool]int{true: 1}[deleted] {
			t.Errorf("answer %q: deleted %v, %d DELETE calls\n%s", answer, deleted, deletes(srv), p.output())
		}
		p.assertNoKeys(t)
		assertNoLeak(t, fakeapi.AdminKey("admin"), p.output())
	}
}
