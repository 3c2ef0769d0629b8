package envfile

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

func TestUpdateNewFile(t *testing.T) {
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	res, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	if got := readTestFile(t, p); got != keyName+"="+newKey+"\n" {
		t.Errorf("content = %q", got)
	}
	if !res.Created || !res.Written || res.Tracked || res.Target != p {
		t.Errorf("result = %+v", res)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(p)
		if fi.Mode().Perm() != 0o600 || res.Mode != 0o600 || res.Exposed {
			t.Errorf("mode = %v, result mode %v exposed %v", fi.Mode().Perm(), res.Mode, res.Exposed)
		}
	}
}

func TestUpdateKeepsModeAndReportsExposure(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes")
	}
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	writeTestFile(t, p, "A=1\n")
	os.Chmod(p, 0o644)
	res, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o644 || !res.Exposed || res.Created {
		t.Errorf("mode %v, result %+v", fi.Mode().Perm(), res)
	}
}

func TestUpdateSymlinkWritesThrough(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "secrets", "app.env")
	writeTestFile(t, target, "# shared\nA=1")
	link := filepath.Join(dir, ".env")
	if err := os.Symlink(filepath.Join("secrets", "app.env"), link); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	res, err := Update(context.Background(), link, Options{}, Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	if res.Target != target {
		t.Errorf("target = %s, want %s", res.Target, target)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link not kept: %v", err)
	}
	if got := readTestFile(t, target); got != "# shared\nA=1\n"+keyName+"="+newKey+"\n" {
		t.Errorf("target = %q", got)
	}
}

func TestUpdateUnchangedWritesNothing(t *testing.T) {
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	writeTestFile(t, p, keyName+"="+newKey+"\n")
	before, _ := os.Stat(p)
	res, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if err != nil || res.Written || res.Changed() {
		t.Fatalf("res %+v, err %v", res, err)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) {
		t.Error("file replaced although nothing changed")
	}
}

// TestUpdateRemovesStaleLeftovers: a temporary file of a write killed
// over a minute ago goes with the next Update; a fresh one stays.
func TestUpdateRemovesStaleLeftovers(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	writeTestFile(t, p, keyName+"=old\n")
	stale, fresh := filepath.Join(dir, ".env.tmp-1"), filepath.Join(dir, ".env.tmp-2")
	writeTestFile(t, stale, keyName+"="+newKey+"\n")
	writeTestFile(t, fresh, keyName+"="+newKey+"\n")
	when := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(stale, when, when); err != nil {
		t.Fatal(err)
	}
	if got := Leftovers(p); len(got) != 2 {
		t.Fatalf("Leftovers = %q, want both", got)
	}
	if _, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey}); err != nil {
		t.Fatal(err)
	}
	if got := Leftovers(p); len(got) != 1 || got[0] != fresh {
		t.Errorf("Leftovers after Update = %q, want only %s", got, fresh)
	}
}

func TestUpdateDryRun(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	writeTestFile(t, p, "A=1\r\n"+keyName+"="+oldKey+"\r\n")
	res, err := Update(context.Background(), p, Options{DryRun: true}, Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written || len(res.Changes) != 1 || res.Changes[0].Action != Replaced {
		t.Errorf("result = %+v", res)
	}
	if got := readTestFile(t, p); got != "A=1\r\n"+keyName+"="+oldKey+"\r\n" {
		t.Errorf("dry run changed the file: %q", got)
	}
	// A dry run on a missing file creates nothing.
	missing := filepath.Join(dir, "new.env")
	if res, err := Update(context.Background(), missing, Options{DryRun: true}, Edit{keyName, newKey}); err != nil || !res.Created {
		t.Errorf("res %+v err %v", res, err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dry run created %s", missing)
	}
}

func TestUpdateTrackedRefusedUnlessForced(t *testing.T) {
	dir := gitRepo(t)
	p := filepath.Join(dir, ".env")
	writeTestFile(t, p, "A=1\n")
	git(t, dir, "add", ".env")

	res, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if !errors.Is(err, ErrTracked) || !res.Tracked || res.Written {
		t.Fatalf("res %+v, err %v; want ErrTracked", res, err)
	}
	if got := readTestFile(t, p); got != "A=1\n" {
		t.Errorf("refused write changed the file: %q", got)
	}
	res, err = Update(context.Background(), p, Options{Force: true}, Edit{keyName, newKey})
	if err != nil || !res.Written || !res.Tracked {
		t.Fatalf("forced: res %+v, err %v", res, err)
	}

	// A sub-folder .env, run from anywhere: git runs in the file's folder.
	sub := filepath.Join(dir, "app", ".env")
	writeTestFile(t, sub, "B=2\n")
	if res, _ := Update(context.Background(), sub, Options{DryRun: true}, Edit{keyName, newKey}); res.Tracked {
		t.Error("an untracked file reported as tracked")
	}
}

func TestUpdateOutsideRepoNotTracked(t *testing.T) {
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	res, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if err != nil || res.Tracked {
		t.Fatalf("res %+v err %v", res, err)
	}
}

func TestUpdateReadOnlyFile(t *testing.T) {
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	writeTestFile(t, p, "A=1\n")
	os.Chmod(p, 0o444)
	_, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
	if !errors.Is(err, atomicfile.ErrReadOnly) {
		t.Fatalf("err = %v, want read-only", err)
	}
	if got := readTestFile(t, p); got != "A=1\n" {
		t.Errorf("content = %q", got)
	}
}

// swapWriter replaces the atomic writer for one test.
func swapWriter(t *testing.T, w func(string, []byte, fs.FileMode) (atomicfile.Info, error)) {
	t.Helper()
	old := writeFile
	writeFile = w
	t.Cleanup(func() { writeFile = old })
}

func TestUpdateFaults(t *testing.T) {
	isolateGit(t)
	tests := []struct {
		name   string
		writer func(string, []byte, fs.FileMode) (atomicfile.Info, error)
		want   error
	}{
		{"disk full", func(string, []byte, fs.FileMode) (atomicfile.Info, error) {
			return atomicfile.Info{}, &fs.PathError{Op: "write", Path: ".env.tmp-1", Err: syscall.ENOSPC}
		}, syscall.ENOSPC},
		{"read-back mismatch", func(p string, b []byte, m fs.FileMode) (atomicfile.Info, error) {
			// A writer that loses the last line, as a buggy filesystem might.
			return atomicfile.WriteFile(p, b[:strings.LastIndex(string(b[:len(b)-1]), "\n")+1], m)
		}, ErrReadBack},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), ".env")
			writeTestFile(t, p, "A=1\n")
			swapWriter(t, tt.writer)
			_, err := Update(context.Background(), p, Options{}, Edit{keyName, newKey})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), newKey) {
				t.Errorf("error shows the value: %v", err)
			}
			if tt.want == syscall.ENOSPC && readTestFile(t, p) != "A=1\n" {
				t.Error("original changed")
			}
		})
	}
}

func TestUpdateBadValueWritesNothing(t *testing.T) {
	isolateGit(t)
	p := filepath.Join(t.TempDir(), ".env")
	_, err := Update(context.Background(), p, Options{}, Edit{keyName, "sk-has space"})
	if !errors.Is(err, ErrBadValue) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Error("file created for a refused value")
	}
}

// Update keeps a byte-order mark like every other byte, and says it is
// there so callers can warn (python-dotenv and godotenv misread such a file).
func TestUpdateKeepsAndReportsBOM(t *testing.T) {
	isolateGit(t)
	for _, tt := range []struct {
		name, in, want string
		dryRun, bom    bool
	}{
		{"key on line 1", "\xef\xbb\xbfOPENAI_API_KEY=old\r\nA=1\r\n", "\xef\xbb\xbf" + keyName + "=" + newKey + "\r\nA=1\r\n", false, true},
		{"key appended", "\xef\xbb\xbfA=1\n", "\xef\xbb\xbfA=1\n" + keyName + "=" + newKey + "\n", false, true},
		{"unchanged", "\xef\xbb\xbf" + keyName + "=" + newKey + "\n", "\xef\xbb\xbf" + keyName + "=" + newKey + "\n", false, true},
		{"dry run", "\xef\xbb\xbfA=1\n", "\xef\xbb\xbfA=1\n", true, true},
		{"no mark", "A=1\n", "A=1\n" + keyName + "=" + newKey + "\n", false, false},
		{"new file", "", keyName + "=" + newKey + "\n", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), ".env")
			if tt.in != "" {
				writeTestFile(t, p, tt.in)
			}
			res, err := Update(context.Background(), p, Options{DryRun: tt.dryRun}, Edit{keyName, newKey})
			if err != nil {
				t.Fatal(err)
			}
			if res.BOM != tt.bom {
				t.Errorf("BOM = %v, want %v", res.BOM, tt.bom)
			}
			if got := readTestFile(t, p); got != tt.want {
				mask := strings.NewReplacer(newKey, "<key>")
				t.Errorf("content = %q, want %q", mask.Replace(got), mask.Replace(tt.want))
			}
		})
	}
}
