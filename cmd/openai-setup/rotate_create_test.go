package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Project 001's user key, as fakeapi.WithProjects(1) lists it: the old key
// of these tests lives outside the Default project.
var (
	projOld   = fakeapi.ProjectKey(1)
	projOldID = "key_Fake000000000000000004"
)

// posts counts the POST calls the fake got on /organization paths.
func posts(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/v1/organization/") {
			n++
		}
	}
	return n
}

// newKeyIn is the OPENAI_API_KEY a .env holds now.
func newKeyIn(t *testing.T, path string) string {
	t.Helper()
	for _, l := range strings.Split(readFile(t, path), "\n") {
		if v, ok := strings.CutPrefix(l, "OPENAI_API_KEY="); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// TestRotateCreateKey: --create-key makes the new key as a service account
// in the old key's project, prints the receipt, writes and checks it, and
// with --revoke deletes the old key; it refuses, creating nothing, for the
// Default project, an ambiguous match and a read-only admin key; a 5xx
// after the account was made leaves its receipt.
func TestRotateCreateKey(t *testing.T) {
	tests := []struct {
		name    string
		opts    []fakeapi.Option
		old     string
		admin   string // admin scenario; "" none
		args    []string
		exit    int
		says    []string
		rotated bool // .env holds a new key
		posts   int  // POST calls on /organization
		deletes int
	}{
		{name: "creates and revokes", opts: []fakeapi.Option{fakeapi.WithProjects(1)}, old: projOld, admin: "admin", args: []string{"--revoke"}, exit: exitOK, rotated: true, posts: 1, deletes: 1,
			says: []string{`created service account`, `in project "Project 001" (proj_Fake000000000000000004), the old key's project`, "the key of the service account just created: sk-svcacct-",
				`Deleted through the Admin API: project API key "key 1" (key_Fake000000000000000004)`, "Revoked: the API now rejects the old key", "Rotated:"}},
		{name: "creates without revoking", opts: []fakeapi.Option{fakeapi.WithProjects(1)}, old: projOld, admin: "admin", args: []string{"--wait", "0"}, exit: exitOK, rotated: true, posts: 1,
			says: []string{`created service account`, "Rotated:"}},
		{name: "default project", old: rotOld, admin: "admin", exit: exitFailed, posts: 0,
			says: []string{`is in the "Default project", which cannot hold service accounts, so no key was created`, "pass it with --with-key"}},
		{name: "ambiguous", opts: []fakeapi.Option{fakeapi.WithProjects(1), fakeapi.WithLookalike(projOld)}, old: projOld, admin: "admin", exit: exitFailed,
			says: []string{"2 listed keys show the same ends as", "no key was created, so as not to create a key for the wrong one"}},
		{name: "read-only admin key", opts: []fakeapi.Option{fakeapi.WithProjects(1)}, old: projOld, admin: "admin_read_only", exit: exitFailed, posts: 1,
			says: []string{"No new key: creating the service account", "this admin key is read-only"}},
		{name: "no admin key", old: projOld, exit: exitFailed, says: []string{"no admin key: set OPENAI_ADMIN_KEY"}},
		{name: "5xx after the account was made", opts: []fakeapi.Option{fakeapi.WithProjects(1), fakeapi.WithAdminFailure("/api_keys/"+projOldID, 500)},
			old: projOld, admin: "admin", args: []string{"--revoke"}, exit: exitFailed, rotated: true, posts: 1, deletes: 1,
			says: []string{"created service account", "Not revoked through the API: deleting the project key \"key 1\"", "500"}},
		{name: "with --with-key", old: projOld, admin: "admin", args: []string{"--with-key"}, exit: exitUsage, says: []string{"--create-key makes the new key and --with-key reads it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New(tt.opts...)
			defer srv.Close()
			var env []string
			if tt.admin != "" {
				env = append(env, adminEnv(tt.admin))
			}
			tr := newTestRun(t, env...)
			gitInit(t, tr.app.Dir)
			writeDotenv(t, tr.app.Dir, "PORT=1\nOPENAI_API_KEY="+tt.old+"\n")
			envPath := filepath.Join(tr.app.Dir, ".env")
			code := tr.run(t, append([]string{"rotate", "--create-key", "--base-url", srv.URL(), "--no-spend", "--poll-interval", "1ms"}, tt.args...)...)
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
			got := newKeyIn(t, envPath)
			if rotated := got != tt.old; rotated != tt.rotated {
				t.Errorf(".env rotated = %v, want %v", rotated, tt.rotated)
			}
			if tt.rotated && (!strings.HasPrefix(got, "sk-svcacct-") || !strings.HasPrefix(readFile(t, envPath), "PORT=1\n")) {
				t.Errorf(".env = %q", readFile(t, envPath))
			}
			if n := posts(srv); n != tt.posts {
				t.Errorf("%d POST calls, want %d", n, tt.posts)
			}
			if n := deletes(srv); n != tt.deletes {
				t.Errorf("%d DELETE calls, want %d", n, tt.deletes)
			}
			assertNoLeak(t, tt.old, out)
			assertNoLeak(t, fakeapi.AdminKey("admin"), out)
			assertNoLeak(t, fakeapi.AdminKey("admin_read_only"), out)
			if got != "" && got != tt.old {
				assertNoLeak(t, got, out)
			}
		})
	}
}

// TestRotateCreateKeyJSON: --json lists the service account made in
// "receipts" and "service_account", and the deletion after it; a failure
// after the account was made keeps its receipt.
func TestRotateCreateKeyJSON(t *testing.T) {
	for _, fail := range []bool{false, true} {
		opts := []fakeapi.Option{fakeapi.WithProjects(1)}
		if fail {
			opts = append(opts, fakeapi.WithAdminFailure("/api_keys/"+projOldID, 503))
		}
		srv := fakeapi.New(opts...)
		tr := newTestRun(t, adminEnv("admin"))
		gitInit(t, tr.app.Dir)
		writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+projOld+"\n")
		code := tr.run(t, "rotate", "--create-key", "--revoke", "--json", "--base-url", srv.URL(), "--no-spend", "--poll-interval", "1ms")
		srv.Close()
		var doc struct {
			OK       bool   `json:"ok"`
			Error    string `json:"error"`
			Receipts []struct {
				Action, Object, ID, Name string
			} `json:"receipts"`
			ServiceAccount *struct{ ID, Name, Project string } `json:"service_account"`
			CreateError    string                              `json:"create_error"`
			NewKey         struct{ Source string }             `json:"new_key"`
			Usage          *struct {
				Summary string
				Known   bool
			} `json:"leaked_key_usage"`
		}
		if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
			t.Fatalf("not one JSON document: %v\n%s", err, tr.out)
		}
		wantReceipts, wantCode, wantErr := 2, exitOK, ""
		if fail {
			wantReceipts, wantCode, wantErr = 1, exitFailed, "revoke_failed"
		}
		if code != wantCode || doc.Error != wantErr || len(doc.Receipts) != wantReceipts || doc.ServiceAccount == nil || doc.NewKey.Source != "service_account" {
			t.Fatalf("fail=%v: exit %d, document %s", fail, code, tr.out)
		}
		r := doc.Receipts[0]
		if r.Action != "created" || r.Object != "service_account" || r.ID != doc.ServiceAccount.ID || !strings.HasPrefix(r.ID, "svc_acct_") || doc.ServiceAccount.Project != "Project 001" {
			t.Errorf("fail=%v: receipt %+v, account %+v", fail, r, doc.ServiceAccount)
		}
		if !fail && (doc.Receipts[1].Action != "deleted" || doc.Receipts[1].ID != projOldID) {
			t.Errorf("deletion receipt %+v", doc.Receipts[1])
		}
		if !fail && (doc.Usage == nil || !doc.Usage.Known || !strings.Contains(doc.Usage.Summary, "requests")) {
			t.Errorf("leaked_key_usage %+v", doc.Usage)
		}
		if fail && doc.Usage != nil {
			t.Errorf("usage reported for a key not deleted: %+v", doc.Usage)
		}
		assertNoLeak(t, projOld, tr.out.String()+tr.err.String())
		assertNoLeak(t, fakeapi.AdminKey("admin"), tr.out.String()+tr.err.String())
	}
}

// TestRotateCreateKeyCheckFails: when the new key fails its checks after
// the account was made, nothing is written and the output says what exists
// and how to delete it.
func TestRotateCreateKeyCheckFails(t *testing.T) {
	old := keyWarmup
	keyWarmup = []time.Duration{time.Millisecond}
	defer func() { keyWarmup = old }()
	srv := fakeapi.New(fakeapi.WithProjects(1), fakeapi.WithAccountKeyWarmup(100))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	gitInit(t, tr.app.Dir)
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+projOld+"\n")
	envPath := filepath.Join(tr.app.Dir, ".env")
	code := tr.run(t, "rotate", "--create-key", "--base-url", srv.URL(), "--no-spend", "--poll-interval", "1ms")
	out := tr.out.String() + tr.err.String()
	if code != exitFailed || newKeyIn(t, envPath) != projOld {
		t.Fatalf("exit %d, .env %q\n%s", code, readFile(t, envPath), out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range []string{"The new key is not accepted yet", "What exists now: created service account", "saved nowhere", "curl -X DELETE -H \"Authorization: Bearer $" + openai.EnvAdminKey + "\""} {
		if !strings.Contains(flat, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	assertNoLeak(t, fakeapi.AdminKey("admin"), out)
}

// TestRotateCreateKeyRefusedJSON: the Default project refusal is
// create_refused with its reason, no receipt, and the files untouched.
func TestRotateCreateKeyRefusedJSON(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t, adminEnv("admin"))
	p.tr.app.In = strings.NewReader("")
	code := p.tr.run(t, "rotate", "--create-key", "--json", "--base-url", srv.URL(), "--no-spend")
	var doc struct {
		OK          bool     `json:"ok"`
		Error       string   `json:"error"`
		CreateError string   `json:"create_error"`
		Receipts    []any    `json:"receipts"`
		Undo        []string `json:"undo"`
	}
	if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, p.output())
	}
	if code != exitFailed || doc.OK || doc.Error != "create_refused" || !strings.Contains(doc.CreateError, `"Default project", which cannot hold service accounts`) || len(doc.Receipts) != 0 || doc.Receipts == nil || len(doc.Undo) != 0 {
		t.Fatalf("exit %d, document %s", code, p.tr.out)
	}
	p.assertUntouched(t)
	if posts(srv) != 0 {
		t.Error("something was created")
	}
}

// TestRotateCreateKeyAdminKeyStdin: the admin key can come from standard
// input with --create-key (not with --with-key, which reads the new key
// there); a dotenv file's OPENAI_ADMIN_KEY is never read.
func TestRotateCreateKeyAdminKeyStdin(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(1))
	defer srv.Close()
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+projOld+"\n"+adminEnv("admin")+"\n")
	args := []string{"rotate", "--create-key", "--base-url", srv.URL(), "--no-spend", "--wait", "0"}
	if code := tr.run(t, args...); code != exitFailed || !strings.Contains(tr.err.String(), "no admin key") || posts(srv) != 0 {
		t.Fatalf("an admin key in .env was used: exit %d\n%s%s", code, tr.out, tr.err)
	}
	tr.out.Reset()
	tr.err.Reset()
	tr.app.In = strings.NewReader(fakeapi.AdminKey("admin"))
	if code := tr.run(t, append(args, "--admin-key-stdin")...); code != exitOK || posts(srv) != 1 {
		t.Fatalf("exit %d, %d POST\n%s%s", code, posts(srv), tr.out, tr.err)
	}
	if got := newKeyIn(t, filepath.Join(tr.app.Dir, ".env")); !strings.HasPrefix(got, "sk-svcacct-") {
		t.Errorf(".env key %q", got)
	}
	tr.err.Reset()
	if code := tr.run(t, "rotate", "--with-key", "--admin-key-stdin", "--revoke"); code != exitUsage || !strings.Contains(tr.err.String(), "both read standard input") {
		t.Errorf("--with-key --admin-key-stdin: exit %d, %s", code, tr.err)
	}
	assertNoLeak(t, fakeapi.AdminKey("admin"), tr.out.String()+tr.err.String())
}
