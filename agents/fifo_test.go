package agents

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFIFOsAreNotRead: a FIFO where an ignore file, a settings file or a
// transcript is expected is reported, not opened: opening one blocks until
// a writer comes, which would hang doctor (this test would hang too).
func TestFIFOsAreNotRead(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{".cursor/": "", ".claude/": "", ".env": "OPENAI_API_KEY=x\n"})
	for _, name := range []string{".cursorignore", ".claude/settings.json", ".claude/settings.local.json", AiderHistory} {
		if err := mkfifo(filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skip("mkfifo:", err)
		}
	}
	env := filepath.Join(root, ".env")
	a := Check(Options{Root: root, Files: []string{env}, Getenv: fakeEnv(map[string]string{"HOME": t.TempDir()})})
	notes := strings.Join(a.Notes, "\n")
	for _, name := range []string{".cursorignore", "settings.json", "settings.local.json"} {
		if !strings.Contains(notes, name) || !strings.Contains(notes, "not a regular file") {
			t.Errorf("notes %q: want %s named as not a regular file", notes, name)
		}
	}
	if _, err := PlanClaudeDeny(root, []string{env}, nil); err == nil {
		t.Error("PlanClaudeDeny read a FIFO as settings")
	}
	if _, err := readSmall(filepath.Join(root, ".cursorignore")); err == nil {
		t.Error("readSmall opened a FIFO")
	}
	if f, err := openRegular(filepath.Join(root, AiderHistory)); err == nil {
		f.Close()
		t.Error("openRegular opened a FIFO")
	}
	if _, err := os.Stat(env); err != nil {
		t.Fatal(err)
	}
}
