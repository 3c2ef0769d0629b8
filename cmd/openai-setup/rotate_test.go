package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

var (
	rotOld = fakeapi.KeyVariant("ok", 1) // the leaked key
	rotNew = fakeapi.KeyVariant("ok", 2)
)

// leakedProject is a repository whose root .env and app/.env hold the
// leaked key among other lines; the run happens in app/, so discovery
// finds both.
type leakedProject struct {
	tr                *testRun
	root, sub         string
	rootEnv, subEnv   string
	rootText, subText string
}

func newLeakedProject(t *testing.T, env ...string) *leakedProject {
	t.Helper()
	p := &leakedProject{tr: newTestRun(t, env...)}
	p.root = p.tr.app.Dir
	p.sub = filepath.Join(p.root, "app")
	gitInit(t, p.root)
	if err := os.Mkdir(p.sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p.rootEnv, p.subEnv = filepath.Join(p.root, ".env"), filepath.Join(p.sub, ".env")
	p.rootText = "# shared settings\r\nDB_URL=\"postgres://u:p@h/db\" # prod\r\nOPENAI_API_KEY=" + rotOld + "\r\n\r\nGREETING='hello world'\r\nLAST=1"
	p.subText = "PORT=8080\nexport OPENAI_API_KEY=" + rotOld + "\nNOT A VALID LINE\n"
	writeFile(t, p.rootEnv, p.rootText)
	writeFile(t, p.subEnv, p.subText)
	p.tr.app.Dir = p.sub
	return p
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (p *leakedProject) rotate(t *testing.T, stdin string, args ...string) int {
	t.Helper()
	p.tr.app.In = strings.NewReader(stdin)
	return p.tr.run(t, append([]string{"rotate", "--with-key"}, args...)...)
}

func (p *leakedProject) output() string { return p.tr.out.String() + p.tr.err.String() }

// assertUntouched fails if either .env changed.
func (p *leakedProject) assertUntouched(t *testing.T) {
	t.Helper()
	if readFile(t, p.rootEnv) != p.rootText || readFile(t, p.subEnv) != p.subText {
		t.Errorf("files were written")
	}
}

// assertRotated fails unless both .env files hold the new key and every
// other byte is as it was.
func (p *leakedProject) assertRotated(t *testing.T) {
	t.Helper()
	if got, want := readFile(t, p.rootEnv), strings.Replace(p.rootText, rotOld, rotNew, 1); got != want {
		t.Errorf("root .env =\n%q\nwant\n%q", got, want)
	}
	if got, want := readFile(t, p.subEnv), strings.Replace(p.subText, rotOld, rotNew, 1); got != want {
		t.Errorf("app/.env =\n%q\nwant\n%q", got, want)
	}
}

func (p *leakedProject) assertNoKeys(t *testing.T) {
	t.Helper()
	assertNoLeak(t, rotOld, p.output())
	assertNoLeak(t, rotNew, p.output())
}

func assertSays(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestRotateLeakedKeyEndToEnd(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithRevokeAfter(rotOld, 2)) // step 2's check, one poll, then revoked
	defer srv.Close()
	p := newLeakedProject(t)
	code := p.rotate(t, rotNew+"\n", "--base-url", srv.URL(), "--poll-interval", "1ms")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
	p.assertNoKeys(t)
	assertSays(t, p.tr.out.String(),
		"1. Where the current key is", "./.env:2", "../.env:3",
		"2. Is the current key still working?", "It still works",
		"3. The new key", "[✓] api.auth",
		"4. Replacing the key in .env files", "~ OPENAI_API_KEY=sk-proj-…", "2 file(s) now hold the new key",
		"5. Shell start-up files", "6. Git history", "7. Revoke the old key", "[ ] CI secrets", "https://platform.openai.com/api-keys",
		"sk-..."+rotOld[len(rotOld)-4:], "Revoked: the API now rejects the old key", "Rotated:")
	assertSays(t, p.tr.err.String(), "check 1 of the old key: still works", "check 2 of the old key: rejected")
	if n := srv.PaidCalls(); n != 1 {
		t.Errorf("paid calls = %d, want 1 (the new key's check)", n)
	}
}

func TestRotateOldKeyStillValidAfterWait(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--wait", "200ms", "--poll-interval", "50ms", "--no-spend")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailed, p.output())
	}
	p.assertRotated(t) // the files are done; only the revocation is missing
	assertSays(t, p.tr.out.String(), "still works after 200ms: revoke it now at https://platform.openai.com/api-keys")
	p.assertNoKeys(t)
}

func TestRotateDryRunWritesNothing(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--dry-run", "--no-spend")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	p.assertUntouched(t)
	assertSays(t, p.tr.out.String(), "Dry run: these lines would change (nothing written)",
		"~ export OPENAI_API_KEY=sk-proj-…"+rotOld[len(rotOld)-4:]+" → export OPENAI_API_KEY=sk-proj-…"+rotNew[len(rotNew)-4:]+"  (./.env:2)",
		"(../.env:3)", "do not revoke")
	p.assertNoKeys(t)
	if n := srv.Count("/v1/models"); n > 3 {
		t.Errorf("dry run polled the old key: %d GET /models", n)
	}
}

func TestRotateTrackedFileRefusedWithoutForce(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	gitAdd(t, p.root, ".env")
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailed, p.output())
	}
	p.assertUntouched(t) // the untracked app/.env is not written either
	assertSays(t, p.tr.out.String(), "git tracks it", "git rm --cached", "Nothing was written", "do not revoke it yet")
	if strings.Contains(p.tr.out.String(), "7. Revoke") {
		t.Errorf("revocation guided although nothing was replaced")
	}
	p.assertNoKeys(t)

	p.tr.out.Reset()
	p.tr.err.Reset()
	if code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--force", "--wait", "0"); code != exitOK {
		t.Fatalf("--force: exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
}

func TestRotateAlreadyRevokedKeyGoesOn(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	srv.Revoke(rotOld)
	p := newLeakedProject(t)
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
	assertSays(t, p.tr.out.String(), "The API already rejects it", "API Key Disabled", "Nothing to do: the API already rejects")
	p.assertNoKeys(t)
}

func TestRotateJSON(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithRevokeAfter(rotOld, 1))
	defer srv.Close()
	p := newLeakedProject(t)
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--json", "--no-spend", "--poll-interval", "1ms")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	var doc struct {
		OK     bool `json:"ok"`
		OldKey struct {
			State string `json:"state"`
		} `json:"old_key"`
		Places struct {
			Dotenv []struct {
				Path string `json:"path"`
				Line int    `json:"line"`
			} `json:"dotenv"`
		} `json:"places"`
		Files []struct {
			Written bool `json:"written"`
		} `json:"files"`
		Revocation struct {
			Outcome  string `json:"outcome"`
			Attempts int    `json:"attempts"`
		} `json:"revocation"`
	}
	if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, p.tr.out)
	}
	got := fmt.Sprintf("ok=%v state=%s places=%d files=%d outcome=%s attempts=%d", doc.OK, doc.OldKey.State, len(doc.Places.Dotenv), len(doc.Files), doc.Revocation.Outcome, doc.Revocation.Attempts)
	if want := "ok=true state=still_valid places=2 files=2 outcome=revoked attempts=1"; got != want {
		t.Errorf("document: %s, want %s", got, want)
	}
	for _, f := range doc.Files {
		if !f.Written {
			t.Errorf("a file was not written: %+v", doc.Files)
		}
	}
	p.assertRotated(t)
	p.assertNoKeys(t)
}

func TestRotateStartupFileAndEnvironment(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t, "OPENAI_API_KEY="+rotOld)
	writeFile(t, filepath.Join(p.tr.app.Home, ".zshrc"), "alias ll='ls -l'\nexport OPENAI_API_KEY=\""+rotOld+"\"\n")
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
	assertSays(t, p.tr.out.String(), "~/.zshrc:2", "export OPENAI_API_KEY=<the new key, sk-proj-…"+rotNew[len(rotNew)-4:]+">",
		"open a new terminal", "environment", "Not waiting for the revocation (--wait 0)")
	if got := readFile(t, filepath.Join(p.tr.app.Home, ".zshrc")); !strings.Contains(got, rotOld) {
		t.Errorf("rotate edited a start-up file")
	}
	p.assertNoKeys(t)
}

func TestRotateExplainsHistory(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	writeFile(t, filepath.Join(p.root, "config.py"), "KEY = \""+rotOld+"\"\n")
	for _, args := range [][]string{{"add", "config.py"}, {"commit", "-q", "-m", "oops"}} {
		c := exec.Command("git", args...)
		c.Dir = p.root
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatal(err, string(out))
		}
	}
	code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	assertSays(t, p.tr.out.String(), "The old key is in commit", "(config.py)", "history is public", "Revoking the key", "git filter-repo --replace-text", "bfg --replace-text")
	p.assertNoKeys(t)
}

func TestRotateRefusals(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	tests := []struct {
		name  string
		stdin string
		args  []string
		noKey bool
		exit  int
		say   string
	}{
		{"new key equals old", rotOld, nil, false, exitUsage, "is the key being replaced"},
		{"new key fails its checks", fakeapi.Key("invalid_api_key"), nil, false, exitFailed, "nothing was changed"},
		{"no stdin", "", nil, false, exitUsage, "no key"},
		{"negative wait", rotNew, []string{"--wait", "-1s"}, false, exitUsage, "ait must be 0"},
		{"key as an argument", rotNew, []string{rotNew}, false, exitUsage, "shell history"},
		{"argument", rotNew, []string{"now"}, false, exitUsage, "takes no arguments"},
		{"unknown --old", rotNew, []string{"--old", "zzzz"}, false, exitUsage, "matches no configured key"},
		{"nothing configured", rotNew, nil, true, exitFailed, "nothing to rotate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newLeakedProject(t)
			if tt.noKey {
				os.Remove(p.rootEnv)
				os.Remove(p.subEnv)
			}
			code := p.rotate(t, tt.stdin, append([]string{"--base-url", srv.URL(), "--no-spend"}, tt.args...)...)
			if code != tt.exit {
				t.Errorf("exit = %d, want %d\n%s", code, tt.exit, p.output())
			}
			assertSays(t, p.output(), tt.say)
			if !tt.noKey {
				p.assertUntouched(t)
			}
			p.assertNoKeys(t)
		})
	}
}

func TestRotateNeedsWithKeyWithoutTerminal(t *testing.T) {
	p := newLeakedProject(t)
	if code := p.tr.run(t, "rotate"); code != exitUsage {
		t.Errorf("exit = %d, want %d", code, exitUsage)
	}
	assertSays(t, p.output(), "rotate --with-key")
}

func TestRotateResumesWithOld(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	// An earlier run got as far as app/.env: the key in use is already new.
	writeFile(t, p.subEnv, strings.Replace(p.subText, rotOld, rotNew, 1))
	if code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0"); code != exitUsage {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	assertSays(t, p.output(), "--old sk-proj-…"+rotOld[len(rotOld)-4:])
	p.tr.out.Reset()
	p.tr.err.Reset()
	if code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0", "--old", rotOld[len(rotOld)-4:]); code != exitOK {
		t.Fatalf("--old: exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
	p.assertNoKeys(t)
}

func TestRotateFlags(t *testing.T) {
	tr := newTestRun(t)
	var got *rotateOptions
	cmd := newRotateCmd(tr.app, func(o *rotateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--with-key", "--dry-run", "--wait", "30s", "--old", "Ab3d", "--force"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.WithKey || !got.DryRun || !got.Force || got.Wait != 30*time.Second || got.Old != "Ab3d" || got.Interval != 5*time.Second || got.Timeout != 15*time.Second {
		t.Errorf("options = %+v", *got)
	}
}

func TestRotateInTerminalPromptsAndOpensThePage(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	p.tr.app.InTTY = true
	p.tr.app.ReadSecret = func() (string, error) { return rotNew, nil }
	code := p.tr.run(t, "rotate", "--base-url", srv.URL(), "--no-spend", "--wait", "0")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, p.output())
	}
	p.assertRotated(t)
	if len(p.tr.opened) != 2 || p.tr.opened[0] != "https://platform.openai.com/api-keys" {
		t.Errorf("opened %v, want the API keys page to create, then to revoke", p.tr.opened)
	}
	assertSays(t, p.output(), "Create new secret key", "input hidden")
	p.assertNoKeys(t)
}

func TestRotateInTerminalAsksBeforeWriting(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	p.tr.app.InTTY = true
	p.tr.app.ReadSecret = func() (string, error) { return rotNew, nil }
	p.tr.app.In = strings.NewReader("n\n")
	code := p.tr.run(t, "rotate", "--base-url", srv.URL(), "--no-spend", "--wait", "0")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s", code, exitFailed, p.output())
	}
	p.assertUntouched(t)
	assertSays(t, p.output(), "Write the new key to these 2 file(s)?", "Nothing was changed")
	p.assertNoKeys(t)
}

// TestRotateReportsWhatItLeft: a later duplicate holding another key is
// kept, and a copy of the old key in a comment is reported by line, in
// both faces, without either key.
func TestRotateReportsWhatItLeft(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	other := fakeapi.KeyVariant("ok", 3)
	for _, jsonOut := range []bool{false, true} {
		p := newLeakedProject(t)
		text := "# the old one was " + rotOld + "\n" + p.subText + "OPENAI_API_KEY=" + other + "\n"
		writeFile(t, p.subEnv, text)
		// The duplicate wins, so it is the key in use: name the old one.
		args := []string{"--base-url", srv.URL(), "--no-spend", "--wait", "0", "--old", rotOld[len(rotOld)-4:]}
		if jsonOut {
			args = append(args, "--json")
		}
		if code := p.rotate(t, rotNew, args...); code != exitOK {
			t.Fatalf("exit %d\n%s", code, p.output())
		}
		if got, want := readFile(t, p.subEnv), strings.Replace(text, "OPENAI_API_KEY="+rotOld, "OPENAI_API_KEY="+rotNew, 1); got != want {
			t.Errorf("app/.env =\n%q\nwant\n%q", got, want)
		}
		assertNoLeak(t, other, p.output())
		p.assertNoKeys(t)
		if !jsonOut {
			assertSays(t, p.tr.out.String(), "./.env:1 holds a copy of the old key", "./.env:5: OPENAI_API_KEY holds a different key")
			continue
		}
		var doc struct {
			Files []struct {
				Left []struct {
					Kind string `json:"kind"`
					Line int    `json:"line"`
				} `json:"left"`
			} `json:"files"`
			Todos []struct {
				Kind string `json:"kind"`
			} `json:"todos"`
		}
		if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(doc.Files[0].Left); got != "[{copy 1} {other_key 5}]" {
			t.Errorf("left = %s", got)
		}
		if got := fmt.Sprint(doc.Todos); got != "[{copy} {other_key}]" {
			t.Errorf("todos = %s", got)
		}
	}
}
