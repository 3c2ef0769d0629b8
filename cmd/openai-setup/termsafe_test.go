package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// Escape sequences an attacker controlling a file, a directory name or a
// server would send: OSC 52 writes the clipboard, CSI 2J clears the screen.
const (
	oscClipboard = "\x1b]52;c;cm0gLXJmIH4=\x07"
	clearScreen  = "\x1b[2J\x1b[H"
)

// TestNothingFromOutsideReachesTheTerminalRaw feeds escape sequences through
// every local source doctor reads (dotenv values and comments, a directory
// name, a file name in git history) and a server's error text: the text
// report shows them escaped, the JSON report carries them as they were.
func TestNothingFromOutsideReachesTheTerminalRaw(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git for the history source")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("x-request-id", "req_\u202eabc") // the HTTP client refuses control bytes in headers; bidi marks pass
		w.WriteHeader(http.StatusUnauthorized)
		msg, _ := json.Marshal("Incorrect API key provided" + oscClipboard + clearScreen)
		fmt.Fprintf(w, `{"error":{"message":%s,"type":"invalid_request_error","code":"invalid_api_key"}}`, msg)
	}))
	defer srv.Close()

	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	dir := filepath.Join(tr.app.Dir, "proj"+oscClipboard)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tr.app.Dir = dir
	gitInit(t, dir)
	leak := "leak" + clearScreen + ".txt"
	if err := os.WriteFile(filepath.Join(dir, leak), []byte("OPENAI_API_KEY="+fakeapi.KeyVariant("ok", 1)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	gitAdd(t, dir, leak)
	c := exec.Command("git", "commit", "-qm", "add")
	c.Dir = dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	env := "# set up " + clearScreen + " by hand\n" +
		"OPENAI_API_KEY=" + key + "\n" +
		"OPENAI_ORG_ID=org-" + oscClipboard + "\n" +
		"OPENAI_PROJECT_ID=proj_" + clearScreen + "\n"
	envPath := filepath.Join(dir, ".env")
	if err := os.WriteFile(envPath, []byte(env), 0o644); err != nil { // readable by others: a fix naming the path
		t.Fatal(err)
	}
	if err := os.Chmod(envPath, 0o644); err != nil {
		t.Fatal(err)
	}

	tr.run(t, "doctor", "-v", "--base-url", srv.URL+"/v1", "--timeout", "5s")
	// The server's text, in a run whose headers are clean so it is reached.
	trSrv := newTestRun(t, "OPENAI_API_KEY="+key)
	trSrv.run(t, "doctor", "-v", "--base-url", srv.URL+"/v1", "--timeout", "5s")
	if !strings.Contains(trSrv.out.String(), "Incorrect API key provided") {
		t.Errorf("the server's message was not shown:\n%s", trSrv.out)
	}
	out := tr.out.String() + tr.err.String() + trSrv.out.String() + trSrv.err.String()
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Fatalf("raw escape reached the output:\n%q", out)
	}
	for _, want := range []string{`\x1b]52;c;`, `\x1b[2J`, "chmod 600 " + termtext.ShellQuote(envPath)} {
		if !strings.Contains(out, want) && !strings.Contains(out, strings.ReplaceAll(want, envPath, ".env")) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}

	tr = &testRun{app: tr.app, out: tr.out, err: tr.err}
	tr.out.Reset()
	tr.err.Reset()
	rep, _ := runDoctorJSON(t, tr, "--base-url", srv.URL+"/v1", "--timeout", "5s")
	orig := false
	for _, s := range rep.Sources {
		if s.Name == "OPENAI_ORG_ID" && strings.Contains(s.Value, oscClipboard) {
			orig = true
		}
	}
	if !orig {
		t.Errorf("JSON should carry OPENAI_ORG_ID as it is in the file; sources: %+v", rep.Sources)
	}
}

// TestSaveReportShowsPathsSafely: a folder name with escape sequences is
// shown escaped, and the chmod it suggests names the file that exists.
func TestSaveReportShowsPathsSafely(t *testing.T) {
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	sub := "cfg" + clearScreen
	if err := os.Mkdir(filepath.Join(tr.app.Dir, sub), 0o755); err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(sub, ".env")
	if err := os.WriteFile(filepath.Join(tr.app.Dir, env), []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(tr.app.Dir, env), 0o644); err != nil {
		t.Fatal(err)
	}
	withKeyRunIn(t, tr, fakeapi.Key("ok"), "--skip-checks", "--env-file", env)
	out := tr.out.String() + tr.err.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("raw escape reached the output:\n%q", out)
	}
	if want := "chmod 600 " + termtext.ShellQuote(env); !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}
