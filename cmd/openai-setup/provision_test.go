package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/provision"
)

type provisionDoc struct {
	SchemaVersion int  `json:"schema_version"`
	OK            bool `json:"ok"`
	DryRun        bool `json:"dry_run"`
	Project       struct {
		ID, Name string
		Created  bool
	} `json:"project"`
	ServiceAccount *struct{ ID, Name string } `json:"service_account"`
	Key            *struct{ Fingerprint, Kind string }
	EnvFile        string              `json:"env_file"`
	Receipts       []provision.Receipt `json:"receipts"`
	Checks         []struct{ ID, Status string }
	Undo           []string `json:"undo"`
	Error          string   `json:"error"`
}

// savedKey reads OPENAI_API_KEY from dir's .env.
func savedKey(t *testing.T, dir string) apikey.Key {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		t.Fatal(err)
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, openai.EnvAPIKey+"="); ok {
			return apikey.New(v)
		}
	}
	t.Fatalf(".env holds no %s", openai.EnvAPIKey)
	return apikey.Key{}
}

func fakeAccepts(t *testing.T, srv *fakeapi.Server, key apikey.Key) bool {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/models", nil)
	req.Header.Set("Authorization", "Bearer "+key.Reveal())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// noSecretAnywhere fails if any secret is in the output or any file under dir.
func noSecretAnywhere(t *testing.T, tr *testRun, dir string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(tr.out.String()+tr.err.String(), s) {
			t.Errorf("a secret (%s) was printed", apikey.Fingerprint(s))
		}
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Errorf("a secret (%s) is in %s", apikey.Fingerprint(s), path)
			}
		}
		return nil
	})
}

func projectsCalled(t *testing.T, srv *fakeapi.Server, name string) int {
	t.Helper()
	c := admin.New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey("admin")))
	ps, err := c.Projects(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if p.Name == name {
			n++
		}
	}
	return n
}

// The end-to-end run: a fresh git repository ends with .env holding a key
// the fake API accepts, .gitignore covering it, the admin key nowhere.
func TestProvisionEndToEndInFreshRepo(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	tr.app.Dir = filepath.Join(t.TempDir(), "My App")
	os.Mkdir(tr.app.Dir, 0o755)
	gitInit(t, tr.app.Dir)
	if code := tr.run(t, "provision", "--base-url", srv.URL()); code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, tr.out, tr.err)
	}
	key := savedKey(t, tr.app.Dir)
	if key.Kind() != apikey.KindServiceAccount || !fakeAccepts(t, srv, key) {
		t.Fatalf("the saved key %s is not a working service-account key", key)
	}
	ign, _ := os.ReadFile(filepath.Join(tr.app.Dir, ".gitignore"))
	if !strings.Contains(string(ign), "/.env\n") {
		t.Errorf(".gitignore = %q, want /.env", ign)
	}
	if fi, _ := os.Stat(filepath.Join(tr.app.Dir, ".env")); fi.Mode().Perm() != 0o600 {
		t.Errorf(".env mode %v, want 0600", fi.Mode().Perm())
	}
	out := tr.out.String()
	for _, want := range []string{`created project         my-app (proj_`, "created service account my-app-", "Done: " + key.Fingerprint()} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	noSecretAnywhere(t, tr, tr.app.Dir, fakeapi.AdminKey("admin"))
	if strings.Contains(tr.out.String()+tr.err.String(), key.Reveal()) {
		t.Error("the new key was printed")
	}
	if projectsCalled(t, srv, "my-app") != 1 {
		t.Error("want exactly one project my-app")
	}
}

// --json: the schema's fields, a receipt per change, doctor's checks.
func TestProvisionJSON(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	gitInit(t, tr.app.Dir)
	code := tr.run(t, "provision", "--json", "--base-url", srv.URL(), "--project", "shop", "--name", "shop-ci",
		"--budget", "20", "--alert-email", "ops@example.com", "--expires", "90d")
	var doc provisionDoc
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v\n%s\n%s", code, err, tr.out, tr.err)
	}
	if doc.SchemaVersion != 1 || !doc.OK || doc.DryRun || !doc.Project.Created || doc.Project.Name != "shop" ||
		doc.ServiceAccount == nil || doc.ServiceAccount.Name != "shop-ci" || doc.Key == nil || doc.Key.Kind != "service_account" ||
		doc.EnvFile != ".env" || doc.Error != "" {
		t.Errorf("doc = %+v", doc)
	}
	var objs []string
	for _, r := range doc.Receipts {
		objs = append(objs, r.Action+" "+r.Object)
	}
	if got := strings.Join(objs, ","); got != "created project,created service_account,set spend_limit,set spend_alert" {
		t.Errorf("receipts = %s", got)
	}
	if len(doc.Checks) < 3 || doc.Checks[3].ID != "api.auth" || doc.Checks[3].Status != "pass" {
		t.Errorf("checks = %+v", doc.Checks)
	}
	if doc.Key.Fingerprint != savedKey(t, tr.app.Dir).Fingerprint() {
		t.Error("the JSON's fingerprint is not the saved key's")
	}
}

// Bad flags and names are refused (exit 2) before any call.
func TestProvisionRefusesBadInputBeforeAnyCall(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"long name", []string{"--project", strings.Repeat("x", 201)}, "201 characters"},
		{"control character", []string{"--name", "a\x1bb"}, "control character"},
		{"default project", []string{"--project", "Default project"}, "cannot hold service accounts"},
		{"key as project", []string{"--project", fakeapi.Key("ok")}, ""},
		{"bad budget", []string{"--budget", "1.234"}, "at most two decimals"},
		{"alert without budget", []string{"--alert-email", "a@b"}, "pass --budget too"},
		{"bad email", []string{"--budget", "5", "--alert-email", "nobody"}, "not one e-mail address"},
		{"bad expires", []string{"--expires", "400d"}, "--expires"},
		{"argument", []string{"my-app"}, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			tr := newTestRun(t, adminEnv("admin"))
			code := tr.run(t, append([]string{"provision", "--base-url", srv.URL()}, tt.args...)...)
			if code != exitUsage || !strings.Contains(tr.err.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, tr.err, tt.want)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// A read-only admin key, or a project key given as the admin key, fails
// with the text that says what to do, leaving nothing behind.
func TestProvisionWrongAdminKey(t *testing.T) {
	tests := []struct {
		name, env, want string
		calls           bool
	}{
		{"read-only", adminEnv("admin_read_only"), "this admin key is read-only", true},
		{"project key", openai.EnvAdminKey + "=" + fakeapi.Key("ok"), "this needs an admin key", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeapi.New()
			defer srv.Close()
			tr := newTestRun(t, tt.env)
			code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "fresh")
			if code != exitFailed || !strings.Contains(tr.err.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want 1 and %q", code, tr.err, tt.want)
			}
			if (len(srv.Requests()) > 0) != tt.calls {
				t.Errorf("%d requests, want some=%v", len(srv.Requests()), tt.calls)
			}
			noSecretAnywhere(t, tr, tr.app.Dir, fakeapi.AdminKey("admin_read_only"), fakeapi.Key("ok"))
			if projectsCalled(t, srv, "fresh") != 0 {
				t.Error("a project was created")
			}
			if _, err := os.Stat(filepath.Join(tr.app.Dir, ".env")); err == nil {
				t.Error(".env was written")
			}
		})
	}
}

// Running twice reuses the project: never a duplicate.
func TestProvisionTwiceReusesProject(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(120))
	defer srv.Close()
	for i := range 2 {
		tr := newTestRun(t, adminEnv("admin"))
		if code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "twice"); code != exitOK {
			t.Fatalf("run %d: exit %d\n%s", i, code, tr.err)
		}
		if created := strings.Contains(tr.out.String(), "created project"); created != (i == 0) {
			t.Errorf("run %d: created a project = %v", i, created)
		}
		if found := strings.Contains(tr.out.String(), "found   project         twice (proj_"); found != (i == 1) {
			t.Errorf("run %d: said it found the project = %v\n%s", i, found, tr.out)
		}
	}
	if n := projectsCalled(t, srv, "twice"); n != 1 {
		t.Errorf("%d projects named twice", n)
	}
}

// A 5xx after the service account was made: exit 1, the receipt lists it
// with its id and how to delete it; the key was saved nowhere.
func TestProvisionServerErrorAfterServiceAccount(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithAdminFailure("/spend_limit", 500))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "p", "--budget", "20", "--json")
	var doc provisionDoc
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil || code != exitFailed {
		t.Fatalf("exit %d, %v\n%s", code, err, tr.out)
	}
	if doc.OK || doc.ServiceAccount == nil || len(doc.Receipts) != 2 || doc.Receipts[1].ID != doc.ServiceAccount.ID ||
		!strings.Contains(doc.Error, "500") {
		t.Fatalf("doc = %+v", doc)
	}
	noSecretAnywhere(t, tr, tr.app.Dir, fakeapi.AdminKey("admin"))
	undo := strings.Join(doc.Undo, "\n")
	if !strings.Contains(undo, "curl -X DELETE") || !strings.Contains(undo, doc.ServiceAccount.ID) || !strings.Contains(undo, "saved nowhere") {
		t.Errorf("undo = %s", undo)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".env")); err == nil {
		t.Error(".env was written")
	}
}

// At a terminal, a failure after the service account was made offers to
// delete it; "y" deletes it and its key stops working.
func TestProvisionOffersToDeleteAtTerminal(t *testing.T) {
	for _, answer := range []string{"y\n", "\n"} {
		srv := fakeapi.New(fakeapi.WithAdminFailure("/spend_alerts", 502))
		tr := newTestRun(t, adminEnv("admin"))
		tr.app.InTTY = true
		tr.app.In = strings.NewReader(answer)
		code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "p", "--budget", "20", "--alert-email", "a@b")
		if code != exitFailed || !strings.Contains(tr.err.String(), "[y/N]") {
			t.Fatalf("exit %d, stderr %q", code, tr.err)
		}
		deleted := strings.Contains(tr.out.String(), "deleted service account")
		if deleted != (answer == "y\n") {
			t.Errorf("answer %q: deleted = %v\n%s", answer, deleted, tr.out)
		}
		srv.Close()
	}
}

// A just-made key the API does not accept yet is checked again after a
// visible back-off, instead of being called broken.
func TestProvisionRetriesKeyNotAcceptedYet(t *testing.T) {
	old := keyWarmup
	keyWarmup = []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond, time.Millisecond}
	defer func() { keyWarmup = old }()
	srv := fakeapi.New(fakeapi.WithAccountKeyWarmup(2))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	if code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "p", "--no-spend"); code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, tr.out, tr.err)
	}
	if !strings.Contains(tr.err.String(), "not accepted yet") {
		t.Errorf("no visible back-off on stderr: %q", tr.err)
	}
}

// --dry-run makes read calls only and writes nothing.
func TestProvisionDryRun(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	if code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "p", "--budget", "5", "--dry-run"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, tr.err)
	}
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("dry run sent %s %s", r.Method, r.Path)
		}
	}
	if !strings.Contains(tr.out.String(), `create the project "p"`) || !strings.Contains(tr.out.String(), "$5.00") {
		t.Errorf("plan:\n%s", tr.out)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".env")); err == nil {
		t.Error(".env was written")
	}
}

// cancelAfter cancels a context once a request to a path ending in suffix
// has been answered: a ctrl+c at that moment.
type cancelAfter struct {
	suffix string
	cancel context.CancelFunc
}

func (c cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if strings.HasSuffix(r.URL.Path, c.suffix) && r.Method == http.MethodPost {
		c.cancel()
	}
	return resp, err
}

// A ctrl+c after the service account was made: exit 130 and the receipt.
func TestProvisionInterruptedPrintsReceipt(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr.app.NewClient = func(timeout time.Duration) *http.Client {
		return &http.Client{Timeout: timeout, Transport: cancelAfter{"/service_accounts", cancel}}
	}
	code := run(ctx, []string{"provision", "--base-url", srv.URL(), "--project", "p", "--budget", "20"}, tr.app)
	if code != exitInterrupted {
		t.Fatalf("exit %d\n%s\n%s", code, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, "What exists now:") || !strings.Contains(out, "created service account") {
		t.Errorf("output:\n%s", out)
	}
}

// A save that would be refused is found before anything is created;
// --force writes a tracked .env, as with --with-key.
func TestProvisionTrackedEnvRefusedBeforeAnyWrite(t *testing.T) {
	for _, force := range []bool{false, true} {
		srv := fakeapi.New()
		tr := newTestRun(t, adminEnv("admin"))
		gitInit(t, tr.app.Dir)
		writeDotenv(t, tr.app.Dir, "APP=1\n")
		gitAdd(t, tr.app.Dir, ".env")
		args := []string{"provision", "--base-url", srv.URL(), "--project", "p"}
		if force {
			args = append(args, "--force")
		}
		code := tr.run(t, args...)
		if force {
			if code != exitOK {
				t.Errorf("--force: exit %d\n%s", code, tr.err)
			}
		} else if code != exitFailed || writes(srv) != 0 || !strings.Contains(tr.err.String(), "nothing was created") {
			t.Errorf("exit %d, %d writes, stderr %q", code, writes(srv), tr.err)
		}
		srv.Close()
	}
}

func writes(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// A failed save or a failed check after the service account was made:
// exit 1 and what exists now, saying where the key is.
func TestProvisionSaveOrCheckFailsSaysWhatExists(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) []fakeapi.Option
		where string
	}{
		{"check fails: the key is never accepted", func(t *testing.T, dir string) []fakeapi.Option {
			return []fakeapi.Option{fakeapi.WithAccountKeyWarmup(1000)}
		}, "saved in .env"},
	}
	old := keyWarmup
	keyWarmup = []time.Duration{time.Millisecond}
	defer func() { keyWarmup = old }()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t, adminEnv("admin"))
			srv := fakeapi.New(tt.setup(t, tr.app.Dir)...)
			defer srv.Close()
			code := tr.run(t, "provision", "--base-url", srv.URL(), "--project", "p", "--no-spend")
			out := tr.out.String()
			if code != exitFailed || !strings.Contains(out, "What exists now:") || !strings.Contains(out, tt.where) ||
				!strings.Contains(out, "curl -X DELETE") {
				t.Errorf("exit %d\n%s\n%s", code, out, tr.err)
			}
		})
	}
}

func TestDefaultProjectName(t *testing.T) {
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	root := t.TempDir()
	tests := []struct{ dir, want string }{
		{"My App", "my-app"},
		{"shop_2", "shop-2"},
		{"日本", ""}, // nothing left of the name: --project is needed
	}
	for _, tt := range tests {
		dir := filepath.Join(root, tt.dir)
		if got := defaultProjectName(dir, now); got != tt.want {
			t.Errorf("defaultProjectName(%q) = %q, want %q", tt.dir, got, tt.want)
		}
	}
}
