package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestWithKeyAgentsDeny(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	settings := filepath.Join(tr.app.Dir, ".claude", "settings.json")
	shared := "{\n  \"permissions\": {\n    \"deny\": [\n      \"Bash(curl *)\"\n    ]\n  }\n}\n"
	if err := os.MkdirAll(filepath.Dir(settings), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, []byte(shared), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(tr.app.Dir, ".env.local")
	if err := os.WriteFile(other, []byte("OPENAI_API_KEY="+fakeapi.Key("ok")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// --dry-run shows the rules and writes nothing.
	code := withKeyRunIn(t, tr, key, "--base-url", srv.URL(), "--agents-deny", "--dry-run")
	if code != exitOK || !strings.Contains(tr.out.String(), "+ Read(./.env) (permissions.deny)  (.claude/settings.json, added)") {
		t.Fatalf("dry run exit %d:\n%s%s", code, tr.out, tr.err)
	}
	if got, _ := os.ReadFile(settings); string(got) != shared {
		t.Fatalf("dry run wrote %s", got)
	}

	tr.out.Reset()
	code = withKeyRunIn(t, tr, key, "--base-url", srv.URL(), "--agents-deny", "--json")
	var doc struct {
		Save struct {
			Saved bool
			Files []string
		}
	}
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil || code != exitOK || !doc.Save.Saved {
		t.Fatalf("exit %d, %v:\n%s%s", code, err, tr.out, tr.err)
	}
	want := "{\n  \"permissions\": {\n    \"deny\": [\n      \"Bash(curl *)\",\n      \"Read(./.env)\",\n      \"Read(./.env.local)\"\n    ]\n  }\n}\n"
	if got, _ := os.ReadFile(settings); string(got) != want {
		t.Errorf("settings.json =\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(strings.Join(doc.Save.Files, " "), filepath.Join(".claude", "settings.json")) {
		t.Errorf("files %v lack the settings file", doc.Save.Files)
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())
}

func TestWithKeyAgentsDenyRefusesInvalidSettings(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	local := filepath.Join(tr.app.Dir, ".claude", "settings.local.json")
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(local, []byte("{\"permissions\": {\"deny\": [],}}"), 0o600); err != nil {
		t.Fatal(err)
	}
	code := withKeyRunIn(t, tr, key, "--base-url", srv.URL(), "--agents-deny")
	if code != exitFailed || !strings.Contains(tr.out.String(), "not valid JSON") || !strings.Contains(tr.out.String(), "Nothing was changed on disk.") {
		t.Errorf("exit %d:\n%s%s", code, tr.out, tr.err)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".env")); err == nil {
		t.Error("the key was saved although the deny rules could not be")
	}
}

func TestAgentsDenyNeedsWithKey(t *testing.T) {
	tr := newTestRun(t)
	if code := tr.run(t, "--agents-deny"); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}
