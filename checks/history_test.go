package checks

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

// stLeakyRepo builds a repository with keys of every format spread over two
// branches; returns the root and, per key, the commit that first added it.
func stLeakyRepo(t *testing.T) (string, map[string]string) {
	t.Helper()
	gtIsolateGit(t)
	root := t.TempDir()
	gtGit(t, root, "init", "-q")
	added := map[string]string{}
	added[gtProj] = gtCommit(t, root, "config", map[string]string{"config.py": "import os\nKEY = \"" + gtProj + "\"\n"})
	gtCommit(t, root, "readme", map[string]string{"README.md": "# app\nnot a key: sk-abc task-sk-x\n"})
	// The same key again in later commits: reported once, counted.
	gtCommit(t, root, "copy", map[string]string{"scripts/run.sh": "export OPENAI_API_KEY=" + gtProj + "\n"})
	gtCommit(t, root, "touch", map[string]string{"config.py": "import os\nKEY = \"" + gtProj + "\"  # todo\n"})
	added[gtLegacy] = gtCommit(t, root, "legacy", map[string]string{"old.txt": "key: " + gtLegacy + "\n"})
	// Removed in a later commit: still in history.
	gtCommit(t, root, "remove", map[string]string{"old.txt": "key: (removed)\n"})

	gtGit(t, root, "checkout", "-q", "-b", "feature")
	added[gtSvc] = gtCommit(t, root, "svc", map[string]string{"deploy/svc.json": `{"token":"` + gtSvc + `"}` + "\n"})
	added[gtNone] = gtCommit(t, root, "none", map[string]string{"dir with space/ümlaut.env": "OPENAI_API_KEY='" + gtNone + "'\n"})
	gtGit(t, root, "checkout", "-q", "main")
	added[gtAdmin] = gtCommit(t, root, "admin", map[string]string{"admin.ts": "const k = `" + gtAdmin + "`;\n"})
	return root, added
}

func TestHistoryFindsEveryFormatOnce(t *testing.T) {
	root, added := stLeakyRepo(t)
	inv := Inventory{Key: apikey.New(" " + gtSvc + "\n")} // raw as found: cleaned before comparing
	r := historyCheck(context.Background(), inv, filepath.Join(root))
	if r.Status != Fail || r.Code != "leaked" {
		t.Fatalf("got %s %s: %s", r.Status, r.Code, r.Summary)
	}
	if len(r.Findings) != len(added) {
		t.Fatalf("got %d findings, want %d: %+v", len(r.Findings), len(added), r.Findings)
	}
	paths := map[string]string{gtProj: "config.py", gtLegacy: "old.txt", gtSvc: "deploy/svc.json", gtNone: "dir with space/ümlaut.env", gtAdmin: "admin.ts"}
	for key, commit := range added {
		var f *Finding
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
		if f.InUse != (key == gtSvc) {
			t.Errorf("%s: in_use = %v", f.Fingerprint, f.InUse)
		}
		if key == gtProj && !strings.Contains(f.Note, "also in 2 other commit(s)") {
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
	gtAssertNoLeak(t, gtDump(t, r), gtAllKeys...)
}

func TestHistoryOtherKeysWarn(t *testing.T) {
	root, _ := stLeakyRepo(t)
	other := Source{Kind: SourceDotenv, Name: envAPIKey, Path: "/p/.env", Line: 3, Value: apikey.New(gtLegacy)}
	r := historyCheck(context.Background(), Inventory{Key: apikey.New(gtProj2), Sources: []Source{other}}, root)
	if r.Status != Warn || r.Code != "leaked" || len(r.Findings) != 5 {
		t.Errorf("got %s %s with %d findings: %s", r.Status, r.Code, len(r.Findings), r.Summary)
	}
	for _, f := range r.Findings {
		if f.InUse {
			t.Errorf("%s marked in use", f.Fingerprint)
		}
		if still := strings.Contains(f.Note, "still configured in /p/.env:3"); still != (f.Fingerprint == apikey.Fingerprint(gtLegacy)) {
			t.Errorf("%s note = %q", f.Fingerprint, f.Note)
		}
	}
}

func TestHistoryWorkersAgree(t *testing.T) {
	root, _ := stLeakyRepo(t)
	one, err1 := histScanRepo(context.Background(), root, 1)
	many, err2 := histScanRepo(context.Background(), root, 4)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	a, b := histResult(one, "", nil), histResult(many, "", nil)
	if fmt.Sprint(a.Findings) != fmt.Sprint(b.Findings) || one.scanned != many.scanned || one.scanned != one.total {
		t.Errorf("1 worker: %d/%d %v\n4 workers: %d/%d %v", one.scanned, one.total, a.Findings, many.scanned, many.total, b.Findings)
	}
}

func TestHistoryTimeLimit(t *testing.T) {
	root, _ := stLeakyRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := historyCheck(ctx, Inventory{}, root)
	if r.Status != Warn || r.Code != "scan_incomplete" || !strings.Contains(r.Summary, "0 of") {
		t.Errorf("got %s %s: %s", r.Status, r.Code, r.Summary)
	}
	if !strings.Contains(r.Fix, "--timeout") {
		t.Errorf("fix = %q", r.Fix)
	}
}

func TestHistoryCleanAndEmpty(t *testing.T) {
	gtIsolateGit(t)
	root := t.TempDir()
	gtGit(t, root, "init", "-q")
	if r := historyCheck(context.Background(), Inventory{}, root); r.Status != Pass || r.Summary != "no commits yet" {
		t.Errorf("empty repo: %+v", r)
	}
	gtCommit(t, root, "one", map[string]string{"a.txt": "hello sk-not-a-key\n"})
	if r := historyCheck(context.Background(), Inventory{}, root); r.Status != Pass || !strings.Contains(r.Summary, "1 commit") {
		t.Errorf("clean repo: %+v", r)
	}
	if r := historyCheck(context.Background(), Inventory{}, t.TempDir()); r.Status != Skip {
		t.Errorf("outside a repo: %+v", r)
	}
}

func TestHistParse(t *testing.T) {
	long := strings.Repeat("x", 3<<20) + " " + gtProj + " " + strings.Repeat("y", 100)
	in := "\x01aaaa\n" +
		"diff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n" +
		"+k=" + gtProj + "\n" +
		"+++ " + gtLegacy + "\n" + // an added line that looks like a header
		"-removed " + gtNone + "\n" +
		" context " + gtAdmin + "\n" +
		"\n\x01bbbb\n" +
		"diff --git a/\"q\\tx\" b/\"q\\tx\"\n--- a/\"q\\tx\"\n+++ \"b/q\\tx\"\n@@ -1 +1 @@\n" +
		"+" + long + "\n"
	type hit struct{ commit, path, fp string }
	var got []hit
	n, err := histParse(strings.NewReader(in), func(c, p, k string) { got = append(got, hit{c, p, apikey.Fingerprint(k)}) })
	if err != nil || n != 2 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	want := []hit{{"aaaa", "f", apikey.Fingerprint(gtProj)}, {"aaaa", "f", apikey.Fingerprint(gtLegacy)}, {"bbbb", "q\tx", apikey.Fingerprint(gtProj)}}
	if len(got) < len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("hit %d = %v, want %v", i, got[i], w)
		}
	}
	for _, g := range got[len(want):] { // the long line may match in overlapping windows
		if g != want[2] {
			t.Errorf("extra hit %v", g)
		}
	}
}

// stGenerateRepo writes a repository of n commits with git fast-import:
// source-like files edited over time, a few keys planted.
func stGenerateRepo(tb testing.TB, n int) string {
	tb.Helper()
	root := tb.TempDir()
	gtGit(tb, root, "init", "-q")
	var stream bytes.Buffer
	body := strings.Repeat("func handler(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, \"task-sk-ok\") }\n", 40)
	for i := 1; i <= n; i++ {
		content := fmt.Sprintf("// file %d rev %d\n%s", i%50, i, body)
		if i%997 == 0 {
			content += "const key = \"" + gtKey("sk-proj-", 74, i) + "\"\n"
		}
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\ncommitter T <t@example.com> %d +0000\ndata 3\nc%d\n", i, 1700000000+i, i%10)
		if i > 1 {
			fmt.Fprintf(&stream, "from :%d\n", i-1)
		}
		fmt.Fprintf(&stream, "M 100644 inline src/f%d.go\ndata %d\n%s\n", i%50, len(content), content)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Stdin = root, &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("fast-import: %v: %s", err, out)
	}
	return root
}

// BenchmarkHistoryScan scans a generated 500-commit repository
// (HISTORY_BENCH_COMMITS overrides the size; HISTORY_BENCH_REPO scans an
// existing repository instead).
func BenchmarkHistoryScan(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	b.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	b.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	n := 500
	if s := os.Getenv("HISTORY_BENCH_COMMITS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	root, wantKeys := "", -1
	if root = os.Getenv("HISTORY_BENCH_REPO"); root == "" {
		root, wantKeys = stGenerateRepo(b, n), n/997
	} else {
		revs, err := histRevList(context.Background(), root)
		if err != nil {
			b.Fatal(err)
		}
		n = len(revs)
	}
	for _, workers := range []int{1, histWorkers()} {
		b.Run(fmt.Sprintf("commits=%d/workers=%d", n, workers), func(b *testing.B) {
			var scan histScan
			for b.Loop() {
				var err error
				scan, err = histScanRepo(context.Background(), root, workers)
				if err != nil || scan.scanned != n {
					b.Fatalf("scanned %d of %d: %v", scan.scanned, n, err)
				}
			}
			if wantKeys >= 0 && len(scan.found) != wantKeys {
				b.Fatalf("found %d keys, want %d", len(scan.found), wantKeys)
			}
			b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "commits/s")
		})
	}
}
