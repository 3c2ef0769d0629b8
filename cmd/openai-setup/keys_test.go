package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
)

type keysDoc struct {
	SchemaVersion int `json:"schema_version"`
	Keys          []struct {
		ProjectID     string  `json:"project_id"`
		ProjectName   string  `json:"project_name"`
		ID            string  `json:"id"`
		Name          string  `json:"name"`
		RedactedValue string  `json:"redacted_value"`
		OwnerType     string  `json:"owner_type"`
		Owner         string  `json:"owner"`
		CreatedAt     string  `json:"created_at"`
		LastUsedAt    *string `json:"last_used_at"`
		ThisFolder    string  `json:"this_folder"`
	} `json:"keys"`
}

func adminEnv(scenario string) string { return openai.EnvAdminKey + "=" + fakeapi.AdminKey(scenario) }

func writeDotenv(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func orgCalls(srv *fakeapi.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/v1/organization/") {
			n++
		}
	}
	return n
}

// TestKeysJSONPagesPastOneHundredProjects lists 106 projects (two pages)
// and marks the key this folder's .env holds.
func TestKeysJSONPagesPastOneHundredProjects(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(105))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+fakeapi.Key("ok")+"\n")
	if code := tr.run(t, "keys", "--json", "--base-url", srv.URL()); code != exitOK {
		t.Fatalf("exit %d: %s", code, tr.err)
	}
	var doc keysDoc
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, tr.out)
	}
	if doc.SchemaVersion != 1 || len(doc.Keys) != 3+105 {
		t.Fatalf("schema %d, %d keys; want 1 and 108", doc.SchemaVersion, len(doc.Keys))
	}
	if last := doc.Keys[len(doc.Keys)-1]; last.ProjectName != "Project 105" {
		t.Errorf("last key's project = %q, want Project 105 (the second page)", last.ProjectName)
	}
	first := doc.Keys[0]
	if first.ThisFolder != "yes" || first.Owner != fakeapi.OwnerEmail || first.OwnerType != "user" ||
		first.LastUsedAt == nil || !strings.HasSuffix(first.CreatedAt, "Z") || first.ProjectID != fakeapi.ProjectID {
		t.Errorf("first key = %+v", first)
	}
	if _, err := time.Parse(time.RFC3339, *first.LastUsedAt); err != nil {
		t.Errorf("last_used_at %q: %v", *first.LastUsedAt, err)
	}
	for _, k := range doc.Keys[1:] {
		if k.ThisFolder != "no" {
			t.Errorf("%s marked %q", k.Name, k.ThisFolder)
		}
		if k.ProjectName == "Old experiments" {
			t.Error("an archived project's key is listed")
		}
	}
	if doc.Keys[1].LastUsedAt != nil || !strings.Contains(tr.out.String(), `"last_used_at": null`) {
		t.Errorf("a never-used key's last_used_at is not null")
	}
	if doc.Keys[2].OwnerType != "service_account" || doc.Keys[2].Owner != fakeapi.ServiceAccountBot {
		t.Errorf("service account's key = %+v", doc.Keys[2])
	}
	assertNoLeak(t, fakeapi.AdminKey("admin"), tr.out.String()+tr.err.String())
	assertNoLeak(t, fakeapi.Key("ok"), tr.out.String()+tr.err.String())
}

func TestKeysTableAndTSV(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()

	tr := newTestRun(t, adminEnv("admin_read_only")) // reading is enough
	writeDotenv(t, tr.app.Dir, "OPENAI_API_KEY="+fakeapi.Key("ok")+"\n")
	tr.app.OutTTY, tr.app.Width = true, func() int { return 100 }
	if code := tr.run(t, "keys", "--base-url", srv.URL()); code != exitOK {
		t.Fatalf("exit %d: %s", code, tr.err)
	}
	out := tr.out.String()
	for _, want := range []string{"PROJECT", "LAST USED", "laptop", "never", fakeapi.ServiceAccountBot, "← this folder",
		"this folder's OPENAI_API_KEY (" + apikey.Fingerprint(fakeapi.Key("ok")) + ")"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if w := len([]rune(line)); w > 100 {
			t.Errorf("line %d is %d columns, wider than the terminal's 100:\n%s", i, w, line)
		}
	}

	piped := newTestRun(t, adminEnv("admin"))
	if code := piped.run(t, "keys", "--base-url", srv.URL(), "--project", "Default project"); code != exitOK {
		t.Fatalf("piped: exit %d: %s", code, piped.err)
	}
	for _, r := range []*testRun{tr, piped} {
		assertNoLeak(t, fakeapi.AdminKey("admin"), r.out.String()+r.err.String())
		assertNoLeak(t, fakeapi.AdminKey("admin_read_only"), r.out.String()+r.err.String())
		assertNoLeak(t, fakeapi.Key("ok"), r.out.String()+r.err.String())
	}
	lines := strings.Split(strings.TrimRight(piped.out.String(), "\n"), "\n")
	if lines[0] != "project\tproject_id\tname\tkey\towner\tcreated\tlast_used\tthis_folder" || len(lines) != 4 {
		t.Fatalf("piped output:\n%s", piped.out)
	}
	if f := strings.Split(lines[2], "\t"); len(f) != 8 || f[6] != "never" || f[7] != "no" {
		t.Errorf("second row = %q", f)
	}
}

// TestKeysFailures: each way keys cannot do its job, its exit code, what it
// says, and that the admin key never shows.
func TestKeysFailures(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(2))
	defer srv.Close()
	unknownAdmin := "sk-admin-" + strings.Repeat("Q", 58) + apikey.Marker + strings.Repeat("R", 54) + "wxyz"
	cases := []struct {
		name   string
		env    []string
		dotenv string
		stdin  string
		args   []string
		code   int
		want   string // in stderr, case and spacing ignored
		sent   bool   // whether any /organization call may be made
	}{
		{name: "project key as admin key", env: []string{openai.EnvAdminKey + "=" + fakeapi.Key("ok")}, code: exitFailed,
			want: "this needs an admin key (sk-admin-…); only organization owners can create one, at " + openai.AdminKeysURL},
		{name: "no admin key", code: exitFailed, want: "no admin key: set OPENAI_ADMIN_KEY or pipe one in with --admin-key-stdin"},
		{name: "admin key only in .env", dotenv: adminEnv("admin") + "\n", code: exitFailed, want: "no admin key"},
		{name: "unknown admin key", env: []string{openai.EnvAdminKey + "=" + unknownAdmin}, code: exitFailed,
			want: "the admin key sk-admin-…wxyz was refused (401 invalid_api_key)", sent: true},
		{name: "key-shaped project", env: []string{adminEnv("admin")}, args: []string{"--project", fakeapi.Key("ok")}, code: exitUsage,
			want: "a key must never be an argument"},
		{name: "unknown project", env: []string{adminEnv("admin")}, args: []string{"--project", "nope"}, code: exitFailed,
			want: `no active project has the name or id "nope" (3 projects listed)`, sent: true},
		{name: "base URL from a file", env: []string{adminEnv("admin")}, dotenv: "OPENAI_BASE_URL=https://evil.example/v1\n",
			args: []string{"--base-url", ""}, code: exitFailed, want: "an admin key is never sent to a base URL set in a file"},
		{name: "stdin and env both", env: []string{openai.EnvAdminKey + "=" + fakeapi.Key("ok")}, stdin: fakeapi.AdminKey("admin") + "\n",
			args: []string{"--admin-key-stdin"}, code: exitOK, sent: true},
		{name: "two lines on stdin", stdin: fakeapi.AdminKey("admin") + "\n" + fakeapi.AdminKey("admin") + "\n",
			args: []string{"--admin-key-stdin"}, code: exitUsage, want: "standard input is not one admin key"},
		{name: "empty stdin", env: []string{adminEnv("admin")}, args: []string{"--admin-key-stdin"}, code: exitUsage,
			want: "--admin-key-stdin: no admin key on standard input"},
		{name: "arguments", env: []string{adminEnv("admin")}, args: []string{fakeapi.AdminKey("admin")}, code: exitUsage,
			want: "--admin-key-stdin"},
		{name: "other arguments", env: []string{adminEnv("admin")}, args: []string{"extra"}, code: exitUsage,
			want: "keys takes no arguments (got 1)"},
		{name: "bad timeout", env: []string{adminEnv("admin")}, args: []string{"--timeout", "0s"}, code: exitUsage, want: "--timeout must be positive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := orgCalls(srv)
			tr := newTestRun(t, c.env...)
			tr.app.In = strings.NewReader(c.stdin)
			if c.dotenv != "" {
				writeDotenv(t, tr.app.Dir, c.dotenv)
			}
			args := append([]string{"keys", "--base-url", srv.URL()}, c.args...)
			code := tr.run(t, args...)
			stderr := strings.Join(strings.Fields(tr.err.String()), " ")
			if code != c.code || !strings.Contains(strings.ToLower(stderr), strings.ToLower(c.want)) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, stderr, c.code, c.want)
			}
			if sent := orgCalls(srv) > before; sent && !c.sent {
				t.Errorf("an admin call was made")
			}
			all := tr.out.String() + tr.err.String()
			for _, k := range []string{fakeapi.AdminKey("admin"), fakeapi.Key("ok"), unknownAdmin} {
				assertNoLeak(t, k, all)
			}
		})
	}
}

// TestKeysPlainErrorIsOneLine: with --json an error is one plain line on
// stderr and nothing on stdout.
func TestKeysPlainErrorIsOneLine(t *testing.T) {
	tr := newTestRun(t)
	if code := tr.run(t, "keys", "--json"); code != exitFailed {
		t.Fatalf("exit %d", code)
	}
	want := "openai-setup: no admin key: set OPENAI_ADMIN_KEY or pipe one in with --admin-key-stdin; only organization owners can create one, at " + openai.AdminKeysURL + "\n"
	if tr.err.String() != want || tr.out.Len() != 0 {
		t.Errorf("stderr %q stdout %q; want %q", tr.err, tr.out, want)
	}
}

func TestKeysInterrupted(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithLatency(time.Hour))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		for srv.Count("/v1/organization/projects") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	if code := run(ctx, []string{"keys", "--base-url", srv.URL()}, tr.app); code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitInterrupted, tr.err)
	}
}

func TestMatchThisFolder(t *testing.T) {
	key := apikey.New("sk-proj-" + strings.Repeat("a", 74) + apikey.Marker + strings.Repeat("b", 70) + "WXYZ")
	row := func(redacted string) keyRow { return keyRow{Key: admin.ProjectAPIKey{RedactedValue: redacted}} }
	cases := []struct {
		name    string
		key     apikey.Key
		listed  []string
		want    []folderMatch
		matches int
	}{
		{"one match", key, []string{"sk-proj-****…WXYZ", "sk-proj-****…ABCD"}, []folderMatch{folderYes, folderNo}, 1},
		{"same ends twice", key, []string{"sk-proj-****…WXYZ", "sk-proj-****…WXYZ"}, []folderMatch{folderAmbiguous, folderAmbiguous}, 2},
		{"same last four, other kind", key, []string{"sk-svc...WXYZ"}, []folderMatch{folderNo}, 0},
		{"no folder key", apikey.Key{}, []string{"sk-proj-****…WXYZ"}, []folderMatch{folderNo}, 0},
		{"quoted folder key is cleaned", apikey.New(`"` + key.Reveal() + `"`), []string{"sk-proj-****…WXYZ"}, []folderMatch{folderYes}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var rows []keyRow
			for _, l := range c.listed {
				rows = append(rows, row(l))
			}
			res := matchThisFolder(rows, c.key)
			for i := range rows {
				if rows[i].Folder != c.want[i] {
					t.Errorf("row %d: %q, want %q", i, rows[i].Folder, c.want[i])
				}
			}
			if res.Matches != c.matches {
				t.Errorf("matches %d, want %d", res.Matches, c.matches)
			}
		})
	}
}

func TestFitColumns(t *testing.T) {
	headers := []string{"PROJECT", "KEY", "OWNER"}
	rows := [][]string{{"A very long project name", "sk-proj-****…WXYZ", "someone@example.com"}}
	cases := []struct {
		width int
		want  []int
		fits  bool
	}{
		{0, []int{24, 17, 19}, true},
		{100, []int{24, 17, 19}, true},
		{50, []int{14, 17, 15}, true}, // the widest shrinkable column gives first
		{30, []int{8, 17, 8}, false},  // the key column never shrinks
	}
	for _, c := range cases {
		got, fits := fitColumns(headers, rows, c.width, []int{0, 2})
		if !equalInts(got, c.want) || fits != c.fits {
			t.Errorf("width %d: %v fits=%v, want %v fits=%v", c.width, got, fits, c.want, c.fits)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLooksLikeKey(t *testing.T) {
	for s, want := range map[string]bool{
		"my app": false, "proj_abc123": false, "": false, "Default project": false,
		fakeapi.Key("ok"): true, fakeapi.AdminKey("admin"): true, "sk-": true, "sk-ant-xyz": true,
		"x" + apikey.Marker + "y": true, "ghp_abcdef": true,
	} {
		if got := looksLikeKey(s); got != want {
			t.Errorf("looksLikeKey(%s) = %v, want %v", apikey.Fingerprint(s), got, want)
		}
	}
}

func TestKeysTimeoutSaysSo(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithLatency(time.Hour))
	defer srv.Close()
	tr := newTestRun(t, adminEnv("admin"))
	code := tr.run(t, "keys", "--json", "--base-url", srv.URL(), "--timeout", "200ms")
	host := strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/v1")
	if want := "no answer from " + host + " within 200ms"; code != exitFailed || !strings.Contains(tr.err.String(), want) {
		t.Fatalf("exit %d, stderr %q; want 1 with %q", code, tr.err, want)
	}
}
