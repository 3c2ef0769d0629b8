package checks

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// The byte_order_mark fix is a command people paste: run it (GNU sed, as
// here and in Git Bash) on two files, one behind a symbolic link in a folder
// whose name needs quoting, and check it removes the three bytes and nothing
// else, keeps the link and the mode, and that doctor then passes.
func TestKeySourcesBOMFixRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX shell")
	}
	if out, err := exec.Command("sed", "--version").Output(); err != nil || !bytes.Contains(out, []byte("GNU sed")) {
		t.Skip("GNU sed is not installed")
	}
	root := t.TempDir()
	target := filepath.Join(root, "it's secret", "app env")
	body := "OPENAI_API_KEY=" + testkit.ProjKey + "\r\nB=\xef\xbb\xbfinside\r\n" // a mark inside a value stays
	testkit.Write(t, target, "\xef\xbb\xbf"+body, 0o600)
	if err := os.Symlink(target, filepath.Join(root, ".env")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	local := filepath.Join(root, ".env.local")
	testkit.Write(t, local, "\xef\xbb\xbf# local\nOPENAI_API_KEY="+testkit.ProjKey+"\n", 0o640)

	r := kcSources(discover.Run(discover.Options{Dir: root}))
	testkit.AssertNoLeak(t, testkit.Dump(t, r), testkit.AllKeys...)
	if r.Status != Warn || r.Code != "byte_order_mark" {
		t.Fatalf("got %s %s: %s", r.Status, r.Code, r.Summary)
	}
	if !strings.HasPrefix(r.Summary, local+" starts with a UTF-8 byte-order mark") || !strings.HasSuffix(r.Summary, "(and 1 more: see detail)") {
		t.Errorf("summary %q: want %s first and one more", r.Summary, local)
	}
	if d := strings.Join(r.Detail, "\n"); !strings.Contains(d, filepath.Join(root, ".env")+" starts with") || !strings.Contains(d, "no OPENAI_API_KEY from it") ||
		!strings.Contains(d, "2 sources set OPENAI_API_KEY and agree") {
		t.Errorf("detail %q: want the second file and the pass it replaced", d)
	}
	realTarget, _ := filepath.EvalSymlinks(target)
	realLocal, _ := filepath.EvalSymlinks(local)
	cmd, _, ok := strings.Cut(strings.TrimPrefix(r.Fix, "`"), "` (GNU sed;")
	if want := envfile.StripBOMCommand(realLocal, realTarget); !ok || cmd != want {
		t.Fatalf("fix %q\nwant the command %q", r.Fix, want)
	}
	if out, err := exec.Command("sh", "-c", cmd).CombinedOutput(); err != nil {
		t.Fatalf("the fix fails: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(target); string(got) != body {
		t.Errorf("%s after the fix is not the file without its first 3 bytes", target)
	}
	if got, _ := os.ReadFile(local); string(got) != "# local\nOPENAI_API_KEY="+testkit.ProjKey+"\n" {
		t.Errorf("%s after the fix is not the file without its first 3 bytes", local)
	}
	if fi, err := os.Lstat(filepath.Join(root, ".env")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf(".env is no longer a link: %v", err)
	}
	for p, mode := range map[string]os.FileMode{target: 0o600, local: 0o640} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != mode {
			t.Errorf("%s: mode changed: %v %v", p, fi.Mode().Perm(), err)
		}
	}
	if r := kcSources(discover.Run(discover.Options{Dir: root})); r.Status != Pass {
		t.Errorf("after the fix: %s %s: %s", r.Status, r.Code, r.Summary)
	}
}

// Only the start of a file counts, only dotenv files, and only those with a key.
func TestKeySourcesBOMScope(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		bom   []string // BOMFiles, relative to root
		warn  bool
	}{
		{"no mark", map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"}, nil, false},
		{"mark later in the file", map[string]string{".env": "A=1\n\xef\xbb\xbfOPENAI_API_KEY=" + testkit.ProjKey + "\n"}, nil, false},
		{"mark, no key", map[string]string{".env": "\xef\xbb\xbfA=1\n", ".env.local": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"}, []string{".env"}, false},
		{"mark, key under another name", map[string]string{".env": "\xef\xbb\xbfMY_OPENAI_KEY=" + testkit.ProjKey + "\n"}, []string{".env"}, true},
		{"mark in a start-up file", map[string]string{"~/.bashrc": "\xef\xbb\xbfexport OPENAI_API_KEY=" + testkit.ProjKey + "\n"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, root, _ := ktDiscover(t, nil, tt.files)
			var want []string
			for _, rel := range tt.bom {
				want = append(want, filepath.Join(root, rel))
			}
			if strings.Join(inv.BOMFiles, "\n") != strings.Join(want, "\n") {
				t.Errorf("BOMFiles = %q, want %q", inv.BOMFiles, want)
			}
			r := kcSources(inv)
			testkit.AssertNoLeak(t, testkit.Dump(t, r), testkit.AllKeys...)
			if got := r.Code == "byte_order_mark"; got != tt.warn {
				t.Errorf("got %s %s: %s", r.Status, r.Code, r.Summary)
			}
			if !tt.warn && strings.Contains(testkit.Dump(t, r), "byte-order") {
				t.Errorf("a mark is reported: %+v", r)
			}
		})
	}
}
