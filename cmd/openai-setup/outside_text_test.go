package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/tui"
)

// evilDir is a folder name carrying a terminal title sequence.
const evilDir = "evil\x1b]0;pwned\x07repo"

// TestRotateTextOutsideTextIsSafe: a folder name and .env comments with
// escape sequences reach rotate's printed steps only as visible escapes,
// and a path in a command is one shell word.
func TestRotateTextOutsideTextIsSafe(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for _, tracked := range []bool{false, true} {
		tr := newTestRun(t)
		root := filepath.Join(tr.app.Dir, evilDir)
		deep := filepath.Join(root, "a", "b", "c", "d") // far enough that the .env shows by its full path
		if err := os.MkdirAll(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		gitInit(t, root)
		env := filepath.Join(root, ".env")
		writeFile(t, env, "# note \x1b[2J\nOPENAI_API_KEY="+rotOld+" # \x1b]52;c;aGk=\x07\n# was "+rotOld+" \x1b[31m\n")
		if tracked {
			c := exec.Command("git", "add", "-f", ".env")
			c.Dir = root
			if out, err := c.CombinedOutput(); err != nil {
				t.Fatalf("git add: %v\n%s", err, out)
			}
		}
		tr.app.Dir = deep
		tr.app.In = strings.NewReader(rotNew)
		tr.run(t, "rotate", "--with-key", "--base-url", srv.URL(), "--no-spend", "--wait", "0")
		out := tr.out.String() + tr.err.String()
		if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
			t.Errorf("tracked=%v: raw control characters in:\n%q", tracked, out)
		}
		assertSays(t, out, `evil\x1b]0;pwned\x07repo`)
		if tracked {
			assertSays(t, out, `git rm --cached $'`)
		}
		assertNoLeak(t, rotOld, out)
		assertNoLeak(t, rotNew, out)
	}
}

// TestWizardSummaryOutsideTextIsSafe: the summary printed after the wizard
// shows a saved path, a to-do and the snippets with visible escapes only.
func TestWizardSummaryOutsideTextIsSafe(t *testing.T) {
	var buf bytes.Buffer
	a := &app{Out: &buf}
	path := evilDir + "/.env"
	printSummary(a, tui.Outcome{Saved: true, Fingerprint: "sk-proj-…Ab3d", Files: []string{path, ".gitignore"},
		Todo: []string{"open a new terminal in " + evilDir}, Snippets: []string{"  set -a; . " + path + "; set +a"}})
	out := buf.String()
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
		t.Errorf("raw control characters in:\n%q", out)
	}
	assertSays(t, out, `wrote evil\x1b]0;pwned\x07repo/.env`, `open a new terminal in evil\x1b]0;pwned\x07repo`, `. evil\x1b]0;pwned\x07repo/.env`)
}
