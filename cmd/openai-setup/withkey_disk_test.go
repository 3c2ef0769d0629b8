package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// A FIFO at .env used to block --with-key forever in os.ReadFile; it is
// now refused as a save target before anything runs.
func TestWithKeyRefusesFIFOEnv(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	tr := newTestRun(t)
	envPath := filepath.Join(tr.app.Dir, ".env")
	if err := mkfifo(envPath); err != nil {
		t.Skip("mkfifo:", err)
	}
	code := withKeyRunIn(t, tr, fakeapi.Key("ok"), "--skip-checks")
	if code != exitUsage {
		t.Fatalf("exit = %d, want %d\n%s%s", code, exitUsage, tr.out, tr.err)
	}
	if out := tr.out.String() + tr.err.String(); !strings.Contains(out, "named pipe (FIFO)") {
		t.Errorf("output does not name the FIFO:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
		t.Errorf(".gitignore was written for a .env that cannot be")
	}
}

// A tracked .gitignore linking out of the repository is never appended to:
// the save fails naming the target, and nothing changes anywhere.
func TestWithKeyRefusesGitignoreLinkOutside(t *testing.T) {
	tr := newTestRun(t)
	repo := filepath.Join(tr.app.Dir, "repo")
	outsideFile := filepath.Join(tr.app.Dir, "bashrc")
	if err := os.WriteFile(outsideFile, []byte("alias ll='ls -l'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(repo, 0o755)
	if err := os.Symlink("../bashrc", filepath.Join(repo, ".gitignore")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	gitInit(t, repo)
	tr.app.Dir = repo
	code := withKeyRunIn(t, tr, fakeapi.Key("ok"), "--skip-checks")
	if code != exitFailed {
		t.Fatalf("exit = %d, want %d\n%s%s", code, exitFailed, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, outsideFile) || !strings.Contains(out, "Nothing was changed on disk") {
		t.Errorf("output does not name %s:\n%s", outsideFile, out)
	}
	if got, _ := os.ReadFile(outsideFile); string(got) != "alias ll='ls -l'\n" {
		t.Errorf("outside file changed: %q", got)
	}
	if _, err := os.Stat(filepath.Join(repo, ".env")); err == nil {
		t.Errorf(".env was written")
	}
}

// A .env linking out of the repository is written through, and the report
// names where the key went.
func TestWithKeyNamesEnvLinkOutside(t *testing.T) {
	tr := newTestRun(t)
	repo := filepath.Join(tr.app.Dir, "repo")
	secret := filepath.Join(tr.app.Dir, "secrets", "app.env")
	os.MkdirAll(filepath.Dir(secret), 0o755)
	os.MkdirAll(repo, 0o755)
	if err := os.WriteFile(secret, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(repo, ".env")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	gitInit(t, repo)
	tr.app.Dir = repo
	key := fakeapi.Key("ok")
	if code := withKeyRunIn(t, tr, key, "--skip-checks"); code != exitOK {
		t.Fatalf("exit = %d\n%s%s", code, tr.out, tr.err)
	}
	if out := tr.out.String(); !strings.Contains(out, "wrote its target "+secret+", outside this repository") {
		t.Errorf("report does not name the outside target:\n%s", out)
	}
	if got, _ := os.ReadFile(secret); !strings.Contains(string(got), "OPENAI_API_KEY="+key) {
		t.Errorf("target not written")
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())

	// JSON carries the target as fields, for the preview and the save.
	for _, dry := range []bool{true, false} {
		tr2 := newTestRun(t)
		tr2.app.Dir = repo
		args := []string{"--skip-checks", "--json"}
		if dry {
			args = append(args, "--dry-run")
		}
		if code := withKeyRunIn(t, tr2, fakeapi.Key("ok2"), args...); code != exitOK {
			t.Fatalf("json: exit %d\n%s%s", code, tr2.out, tr2.err)
		}
		var doc struct {
			Save struct {
				Link    string   `json:"link_target"`
				Outside bool     `json:"link_outside"`
				Notes   []string `json:"notes"`
			} `json:"save"`
		}
		if err := json.Unmarshal(tr2.out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		verb := "wrote its target"
		if dry {
			verb = "would be written to its target"
		}
		if doc.Save.Link != secret || !doc.Save.Outside || len(doc.Save.Notes) == 0 || !strings.Contains(strings.Join(doc.Save.Notes, "\n"), verb) {
			t.Errorf("dry run %v: save = %+v", dry, doc.Save)
		}
	}
}

// --env-file is checked before the key is read or any check runs.
func TestWithKeyChecksEnvFile(t *testing.T) {
	key := fakeapi.Key("ok")
	cases := []struct {
		name, envFile string
		exit          int
		says          string
		file          string // relative to the home folder, written when exit is OK
	}{
		{"source file", "app/config.py", exitUsage, ".py file", ""},
		{"folder", "sub", exitUsage, "is a folder", ""},
		{"key pasted as the path", key, exitUsage, "a key must never be an argument", ""}, // the argument guard answers first
		{"missing folder", "nope/.env", exitUsage, "mkdir -p", ""},
		{"tilde", "~/.env", exitOK, "Saved", ".env"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := newTestRun(t)
			os.Mkdir(filepath.Join(tr.app.Dir, "sub"), 0o755)
			code := withKeyRunIn(t, tr, key, "--skip-checks", "--env-file", c.envFile)
			out := tr.out.String() + tr.err.String()
			if code != c.exit || !strings.Contains(out, c.says) {
				t.Errorf("exit %d, want %d saying %q:\n%s", code, c.exit, c.says, out)
			}
			assertNoLeak(t, key, out)
			if c.file != "" {
				if got, _ := os.ReadFile(filepath.Join(tr.app.Home, c.file)); !strings.Contains(string(got), "OPENAI_API_KEY=") {
					t.Errorf("%s not written", c.file)
				}
			}
			if c.exit != exitOK {
				if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
					t.Errorf("a refused target still wrote .gitignore")
				}
			}
		})
	}
}
