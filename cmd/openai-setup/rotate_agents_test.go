package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestRotateAgentsDeny: --agents-deny adds Claude Code Read deny rules for
// the .env files rotate writes, shown by --dry-run and written after the
// key; invalid settings JSON stops the rotation before anything is written.
func TestRotateAgentsDeny(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	local := filepath.Join(p.root, ".claude", "settings.local.json")
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"--base-url", srv.URL(), "--no-spend", "--wait", "0", "--agents-deny"}

	code := p.rotate(t, rotNew, append(args, "--dry-run")...)
	if code != exitOK || !strings.Contains(p.tr.out.String(), "+ Read(./.env) (permissions.deny)") || !strings.Contains(p.tr.out.String(), "+ Read(./app/.env) (permissions.deny)") {
		t.Fatalf("dry run exit %d:\n%s", code, p.output())
	}
	if _, err := os.Stat(local); err == nil {
		t.Fatal("the dry run wrote the settings")
	}
	p.assertUntouched(t)

	if err := os.WriteFile(local, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.tr.out.Reset()
	p.tr.err.Reset()
	if code := p.rotate(t, rotNew, append(args, "--json")...); code != exitFailed || !strings.Contains(p.tr.out.String(), `"error": "replace_failed"`) || !strings.Contains(p.tr.out.String(), "--agents-deny: ") {
		t.Fatalf("invalid settings: exit %d\n%s", code, p.output())
	}
	p.assertUntouched(t)

	if err := os.Remove(local); err != nil {
		t.Fatal(err)
	}
	p.tr.out.Reset()
	code = p.rotate(t, rotNew, append(args, "--json")...)
	var doc struct {
		OK   bool `json:"ok"`
		Also []struct {
			What    string
			Written bool
		} `json:"also_written"`
	}
	if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil || code != exitOK || len(doc.Also) != 1 || !doc.Also[0].Written {
		t.Fatalf("exit %d, %v:\n%s", code, err, p.output())
	}
	p.assertRotated(t)
	got, _ := os.ReadFile(local)
	if !strings.Contains(string(got), `"Read(./.env)"`) || !strings.Contains(string(got), `"Read(./app/.env)"`) {
		t.Errorf("settings.local.json = %s", got)
	}
	p.assertNoKeys(t)
}
