package history

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// generateRepo writes a repository of n commits with git fast-import:
// source-like files edited over time, a few keys planted.
func generateRepo(tb testing.TB, n int) string {
	tb.Helper()
	root := newRepo(tb)
	var stream bytes.Buffer
	body := strings.Repeat("func handler(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, \"task-sk-ok\") }\n", 40)
	for i := 1; i <= n; i++ {
		content := fmt.Sprintf("// file %d rev %d\n%s", i%50, i, body)
		if i%997 == 0 {
			content += "const key = \"" + testKey("sk-proj-", i) + "\"\n"
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

// BenchmarkScan scans a generated 500-commit repository
// (HISTORY_BENCH_COMMITS overrides the size; HISTORY_BENCH_REPO scans an
// existing repository instead).
func BenchmarkScan(b *testing.B) {
	n := 500
	if s := os.Getenv("HISTORY_BENCH_COMMITS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	root, wantKeys := "", -1
	if root = os.Getenv("HISTORY_BENCH_REPO"); root == "" {
		root, wantKeys = generateRepo(b, n), n/997
	} else {
		isolateGit(b)
		revs, err := revList(context.Background(), root)
		if err != nil {
			b.Fatal(err)
		}
		n = len(revs)
	}
	for _, workers := range []int{1, Workers()} {
		b.Run(fmt.Sprintf("commits=%d/workers=%d", n, workers), func(b *testing.B) {
			var res Result
			for b.Loop() {
				var err error
				res, err = Scan(context.Background(), root, workers)
				if err != nil || res.Scanned != n {
					b.Fatalf("scanned %d of %d: %v", res.Scanned, n, err)
				}
			}
			if wantKeys >= 0 && len(res.Found) != wantKeys {
				b.Fatalf("found %d keys, want %d", len(res.Found), wantKeys)
			}
			b.ReportMetric(float64(n)/(float64(b.Elapsed().Seconds())/float64(b.N)), "commits/s")
		})
	}
}
