package hygiene

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// stLeakyRepo builds a repository with keys of every format spread over two
// branches; returns the root and, per key, the commit that first added it.
func stLeakyRepo(t *testing.T) (string, map[string]string) {
	t.Helper()
	testkit.IsolateGit(t)
	root := t.TempDir()
	testkit.Git(t, root, "init", "-q")
	added := map[string]string{}
	added[testkit.ProjKey] = testkit.Commit(t, root, "config", map[string]string{"config.py": "import os\nKEY = \"" + testkit.ProjKey + "\"\n"})
	testkit.Commit(t, root, "readme", map[string]string{"README.md": "# app\nnot a key: sk-abc task-sk-x\n"})
	// The same key again in later commits: reported once, counted.
	testkit.Commit(t, root, "copy", map[string]string{"scripts/run.sh": "export OPENAI_API_KEY=" + testkit.ProjKey + "\n"})
	testkit.Commit(t, root, "touch", map[string]string{"config.py": "import os\nKEY = \"" + testkit.ProjKey + "\"  # todo\n"})
	added[testkit.LegacyKey] = testkit.Commit(t, root, "legacy", map[string]string{"old.txt": "key: " + testkit.LegacyKey + "\n"})
	// Removed in a later commit: still in history.
	testkit.Commit(t, root, "remove", map[string]string{"old.txt": "key: (removed)\n"})

	testkit.Git(t, root, "checkout", "-q", "-b", "feature")
	added[testkit.SvcKey] = testkit.Commit(t, root, "svc", map[string]string{"deploy/svc.json": `{"token":"` + testkit.SvcKey + `"}` + "\n"})
	added[testkit.NoneKey] = testkit.Commit(t, root, "none", map[string]string{"dir with space/ümlaut.env": "OPENAI_API_KEY='" + testkit.NoneKey + "'\n"})
	testkit.Git(t, root, "checkout", "-q", "main")
	added[testkit.AdminKey] = testkit.Commit(t, root, "admin", map[string]string{"admin.ts": "const k = `" + testkit.AdminKey + "`;\n"})
	return root, added
}

func TestHistoryFindsEveryFormatOnce(t *testing.T) {
	root, added := stLeakyRepo(t)
	inv := discover.Inventory{Key: apikey.New(" " + testkit.SvcKey + "\n")} // raw as found: cleaned before comparing
	r := historyCheck(context.Background(), inv, filepath.Join(root))
	if r.Status != checks.Fail || r.Code != "leaked" {
		t.Fatalf("got %s %s: %s", r.Status, r.Code, r.Summary)
	}
	if len(r.Findings) != len(added) {
		t.Fatalf("got %d findings, want %d: %+v", len(r.Findings), len(added), r.Findings)
	}
	paths := map[string]string{testkit.ProjKey: "config.py", testkit.LegacyKey: "old.txt", testkit.SvcKey: "deploy/svc.json", testkit.NoneKey: "dir with space/ümlaut.env", testkit.AdminKey: "admin.ts"}
	for key, commit := range added {
		var f *checks.Finding
		for i := range r.Findings {
			if r.Findings[i].Fingerprint == apikey.Fingerprint(key) {
				f = &r.Findings[i]
			}
		}
		if f == nil {
			t.Errorf("%s not found", apikey.Fingerprint(key))
			continue
		}
		if f.Commit != commit[:10] || f.Path != paths[key] {
			t.Errorf("%s: commit %s path %q, want %s %q", f.Fingerprint, f.Commit, f.Path, commit[:10], paths[key])
		}
		if f.InUse != (key == testkit.SvcKey) {
			t.Errorf("%s: in_use = %v", f.Fingerprint, f.InUse)
		}
		if key == testkit.ProjKey && !strings.Contains(f.Note, "also in 2 other commit(s)") {
			t.Errorf("note = %q, want the repeat count", f.Note)
		}
	}
	for _, s := range []string{"the key in use (sk-svcacct-…", "and 4 other key(s)"} {
		if !strings.Contains(r.Summary, s) {
			t.Errorf("summary %q lacks %q", r.Summary, s)
		}
	}
	for _, s := range []string{"`openai-setup rotate`", "git filter-repo", "bfg", "https://platform.openai.com/api-keys"} {
		if !strings.Contains(r.Fix, s) {
			t.Errorf("fix %q lacks %q", r.Fix, s)
		}
	}
	testkit.AssertNoLeak(t, testkit.Dump(t, r), testkit.AllKeys...)
}

func TestHistoryOtherKeysWarn(t *testing.T) {
	root, _ := stLeakyRepo(t)
	other := discover.Source{Kind: discover.SourceDotenv, Name: openai.EnvAPIKey, Path: "/p/.env", Line: 3, Value: apikey.New(testkit.LegacyKey)}
	r := historyCheck(context.Background(), discover.Inventory{Key: apikey.New(testkit.ProjKey2), Sources: []discover.Source{other}}, root)
	if r.Status != checks.Warn || r.Code != "leaked" || len(r.Findings) != 5 {
		t.Errorf("got %s %s with %d findings: %s", r.Status, r.Code, len(r.Findings), r.Summary)
	}
	for _, f := range r.Findings {
		if f.InUse {
			t.Errorf("%s marked in use", f.Fingerprint)
		}
		if still := strings.Contains(f.Note, "still configured in /p/.env:3"); still != (f.Fingerprint == apikey.Fingerprint(testkit.LegacyKey)) {
			t.Errorf("%s note = %q", f.Fingerprint, f.Note)
		}
	}
}

func TestHistoryTimeLimit(t *testing.T) {
	root, _ := stLeakyRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := historyCheck(ctx, discover.Inventory{}, root)
	if r.Status != checks.Warn || r.Code != "scan_incomplete" || !strings.Contains(r.Summary, "0 of") {
		t.Errorf("got %s %s: %s", r.Status, r.Code, r.Summary)
	}
	if !strings.Contains(r.Fix, "--timeout") {
		t.Errorf("fix = %q", r.Fix)
	}
}

func TestHistoryCleanAndEmpty(t *testing.T) {
	testkit.IsolateGit(t)
	root := t.TempDir()
	testkit.Git(t, root, "init", "-q")
	if r := historyCheck(context.Background(), discover.Inventory{}, root); r.Status != checks.Pass || r.Summary != "no commits yet" {
		t.Errorf("empty repo: %+v", r)
	}
	testkit.Commit(t, root, "one", map[string]string{"a.txt": "hello sk-not-a-key\n"})
	if r := historyCheck(context.Background(), discover.Inventory{}, root); r.Status != checks.Pass || !strings.Contains(r.Summary, "1 commit") {
		t.Errorf("clean repo: %+v", r)
	}
	if r := historyCheck(context.Background(), discover.Inventory{}, t.TempDir()); r.Status != checks.Skip {
		t.Errorf("outside a repo: %+v", r)
	}
}

func TestHistoryCountsIgnored(t *testing.T) {
	testkit.IsolateGit(t)
	root := t.TempDir()
	testkit.Git(t, root, "init", "-q")
	testkit.Commit(t, root, "docs", map[string]string{"README.md": "OPENAI_API_KEY=sk-proj-YOUR" + testkit.ProjKey[20:] + "\n"})
	r := historyCheck(context.Background(), discover.Inventory{}, root)
	if r.Status != checks.Pass || r.Data["ignored"] != 1 || !strings.Contains(r.Summary, "1 placeholder") || len(r.Detail) != 1 || !strings.Contains(r.Detail[0], ".openai-setup-ignore") {
		t.Errorf("got %s, data %v, detail %q", r.Status, r.Data, r.Detail)
	}
}
