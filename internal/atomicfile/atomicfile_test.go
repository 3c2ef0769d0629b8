package atomicfile

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mustWrite creates a file with content and mode for a test.
func mustWrite(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertNoTemp fails when a temporary file was left in dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestWriteFileNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	info, err := WriteFile(p, []byte("A=1\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Created || info.Target != p {
		t.Errorf("info = %+v, want created at %s", info, p)
	}
	if got := readString(t, p); got != "A=1\n" {
		t.Errorf("content = %q", got)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(p)
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("mode = %v, want 0600", got)
		}
	}
	assertNoTemp(t, dir)
}

func TestWriteFileKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no unix modes")
	}
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o644, 0o664} {
		dir := t.TempDir()
		p := filepath.Join(dir, ".env")
		mustWrite(t, p, "old\n", mode)
		info, err := WriteFile(p, []byte("new\n"), 0o600)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(p)
		if got := fi.Mode().Perm(); got != mode || info.Mode != mode || info.Created {
			t.Errorf("mode %v: got file %v, info %+v", mode, got, info)
		}
	}
}

func TestWriteFileSymlinks(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (link, target string)
	}{
		{"relative link", func(t *testing.T, dir string) (string, string) {
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			mustWrite(t, filepath.Join(dir, "real", "env"), "old\n", 0o600)
			return filepath.Join(dir, ".env"), filepath.Join(dir, "real", "env")
		}},
		{"chain of links", func(t *testing.T, dir string) (string, string) {
			mustWrite(t, filepath.Join(dir, "final"), "old\n", 0o600)
			if err := os.Symlink("final", filepath.Join(dir, "middle")); err != nil {
				t.Skip("symlinks unavailable:", err)
			}
			return filepath.Join(dir, ".env"), filepath.Join(dir, "final")
		}},
		{"dangling link", func(t *testing.T, dir string) (string, string) {
			return filepath.Join(dir, ".env"), filepath.Join(dir, "later")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			link, target := tt.setup(t, dir)
			rel, _ := filepath.Rel(dir, target)
			if tt.name == "chain of links" {
				rel = "middle"
			}
			if err := os.Symlink(rel, link); err != nil {
				t.Skip("symlinks unavailable:", err)
			}
			info, err := WriteFile(link, []byte("new\n"), 0o600)
			if err != nil {
				t.Fatal(err)
			}
			if info.Target != target {
				t.Errorf("target = %s, want %s", info.Target, target)
			}
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("link not kept: %v %v", fi, err)
			}
			if got := readString(t, target); got != "new\n" {
				t.Errorf("target content = %q", got)
			}
			assertNoTemp(t, filepath.Dir(target))
		})
	}
}

func TestWriteFileSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(b, a); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	os.Symlink(a, b)
	if _, err := WriteFile(a, []byte("x"), 0o600); err == nil || !strings.Contains(err.Error(), "symbolic links") {
		t.Errorf("err = %v, want a loop error", err)
	}
}

// TestWriteFileReadOnly runs as root too: the mode bits are checked, not
// only what the kernel would refuse.
func TestWriteFileReadOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	mustWrite(t, p, "old\n", 0o444)
	_, err := WriteFile(p, []byte("new\n"), 0o600)
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	if got := readString(t, p); got != "old\n" {
		t.Errorf("content = %q, want the original", got)
	}
	assertNoTemp(t, dir)
}

func TestWriteFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteFile(dir, []byte("x"), 0o600); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("err = %v", err)
	}
}

// TestWriteFileReadOnlyFolder uses real permissions, so it cannot run as
// root; TestWriteFileFaults covers the same path with an injected error.
func TestWriteFileReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("root (or Windows) ignores folder permissions; see TestWriteFileFaults")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	mustWrite(t, p, "old\n", 0o600)
	os.Chmod(dir, 0o500)
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err := WriteFile(p, []byte("new\n"), 0o600)
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("err = %v, want a read-only folder error", err)
	}
	if got := readString(t, p); got != "old\n" {
		t.Errorf("content = %q", got)
	}
}

// swap replaces a seam for one test.
func swap[T any](t *testing.T, v *T, with T) {
	t.Helper()
	old := *v
	*v = with
	t.Cleanup(func() { *v = old })
}

func TestWriteFileFaults(t *testing.T) {
	tests := []struct {
		name    string
		inject  func(t *testing.T)
		wantErr string
		wantIs  error
	}{
		{"read-only folder", func(t *testing.T) {
			swap(t, &createTemp, func(string, string) (*os.File, error) {
				return nil, &fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}
			})
		}, "read-only", fs.ErrPermission},
		{"disk full midway", func(t *testing.T) {
			swap(t, &writeData, func(f *os.File, b []byte) (int, error) {
				n, _ := f.Write(b[:len(b)/2])
				return n, &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
			})
		}, "disk is full", syscall.ENOSPC},
		{"sync fails", func(t *testing.T) {
			swap(t, &syncFile, func(*os.File) error { return syscall.EIO })
		}, "syncing", syscall.EIO},
		{"rename fails", func(t *testing.T) {
			swap(t, &rename, func(string, string) error { return syscall.EXDEV })
		}, "replacing", syscall.EXDEV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, ".env")
			mustWrite(t, p, "# original\nA=1\n", 0o600)
			tt.inject(t)
			_, err := WriteFile(p, []byte("# replaced entirely\nB=2\n"), 0o600)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, tt.wantIs) {
				t.Fatalf("err = %v, want one containing %q wrapping %v", err, tt.wantErr, tt.wantIs)
			}
			if got := readString(t, p); got != "# original\nA=1\n" {
				t.Errorf("content = %q, want the original", got)
			}
			assertNoTemp(t, dir)
		})
	}
}

func TestWriteFileFolderSyncFails(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	swap(t, &syncDir, func(string) error { return syscall.EIO })
	_, err := WriteFile(p, []byte("new\n"), 0o600)
	if err == nil || !strings.Contains(err.Error(), "was replaced") {
		t.Fatalf("err = %v", err)
	}
	assertNoTemp(t, dir)
}

// plantLeftover leaves a file as a killed write would, modified age ago.
func plantLeftover(t *testing.T, path string, age time.Duration) {
	t.Helper()
	mustWrite(t, path, "OPENAI_API_KEY=half-writ", 0o600)
	when := time.Now().Add(-age)
	if err := os.Chtimes(path, when, when); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func TestWriteFileRemovesStaleLeftovers(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	mustWrite(t, p, "old\n", 0o600)
	old := filepath.Join(dir, ".env.tmp-111")
	fresh := filepath.Join(dir, ".env.tmp-222")       // a concurrent writer's live temp
	other := filepath.Join(dir, ".env.local.tmp-333") // another target's
	named := filepath.Join(dir, ".env.tmp-backup")    // not a name CreateTemp gives
	plantLeftover(t, old, 2*time.Minute)
	plantLeftover(t, fresh, 0)
	plantLeftover(t, other, 2*time.Minute)
	plantLeftover(t, named, 2*time.Minute)
	folder := filepath.Join(dir, ".env.tmp-444")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	// A link to an old file: followed, it would look like an old leftover.
	link := filepath.Join(dir, ".env.tmp-555")
	linked := filepath.Join(dir, "linked")
	plantLeftover(t, linked, 2*time.Minute)
	haveLink := os.Symlink(linked, link) == nil

	if got, want := Leftovers(p), []string{old, fresh}; !slices.Equal(got, want) {
		t.Errorf("Leftovers = %q, want %q", got, want)
	}
	if _, err := WriteFile(p, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if exists(old) {
		t.Errorf("a leftover two minutes old was kept")
	}
	for _, keep := range []string{fresh, other, named, folder, linked} {
		if !exists(keep) {
			t.Errorf("%s was removed", filepath.Base(keep))
		}
	}
	if haveLink && !exists(link) {
		t.Errorf("a symbolic link named like a leftover was removed")
	}
	if got, want := Leftovers(p), []string{fresh}; !slices.Equal(got, want) {
		t.Errorf("Leftovers after the write = %q, want %q", got, want)
	}
}

// TestLeftoversFollowsTheLink: the temporary files of a write through a
// link are next to its target, and that is where Leftovers looks.
func TestLeftoversFollowsTheLink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	mustWrite(t, filepath.Join(dir, "real", "env"), "old\n", 0o600)
	if err := os.Symlink(filepath.Join("real", "env"), filepath.Join(dir, ".env")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	left := filepath.Join(dir, "real", ".env.tmp-7")
	plantLeftover(t, left, 2*time.Minute)
	if got := Leftovers(filepath.Join(dir, ".env")); !slices.Equal(got, []string{left}) {
		t.Errorf("Leftovers = %q, want %q", got, left)
	}
	if _, err := WriteFile(filepath.Join(dir, ".env"), []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if exists(left) {
		t.Errorf("the leftover beside the link's target was kept")
	}
}

func TestLeftoversNone(t *testing.T) {
	dir := t.TempDir()
	if got := Leftovers(filepath.Join(dir, ".env")); len(got) != 0 {
		t.Errorf("Leftovers = %q", got)
	}
	if got := Leftovers(filepath.Join(dir, "missing", ".env")); len(got) != 0 {
		t.Errorf("Leftovers in a missing folder = %q", got)
	}
}

const helperEnv = "ATOMICFILE_KILL_HELPER"

// TestKillHelper is not a test: TestKilledMidWrite runs the test binary
// again with it, to be killed while a write is under way.
func TestKillHelper(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	writeData = func(f *os.File, b []byte) (int, error) {
		n, err := f.Write(b[:len(b)/2])
		if err != nil {
			return n, err
		}
		f.Sync()
		os.Stdout.WriteString("halfway\n")
		// Block until killed: the parent never writes to stdin.
		bufio.NewReader(os.Stdin).ReadString('\n')
		os.Exit(3) // parent closed stdin instead of killing: still before rename
		return n, nil
	}
	WriteFile(path, []byte(strings.Repeat("NEW=value\n", 1000)), 0o600)
	t.Fatal("WriteFile returned in the helper")
}

func TestKilledMidWrite(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("in helper")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, ".env")
	const original = "# keep me\nOLD=value\n"
	mustWrite(t, p, original, 0o600)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+p)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "halfway\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q, %v", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	if got := readString(t, p); got != original {
		t.Errorf("after a kill mid-write the file is %q, want the original", got)
	}
	// The half-written temp file may remain (nothing can clean up after
	// SIGKILL); it must be a hidden temp, never the target.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != ".env" && !strings.HasPrefix(e.Name(), ".env.tmp-") {
			t.Errorf("unexpected file %s", e.Name())
		}
	}
	left := Leftovers(p)
	if len(left) != 1 {
		t.Fatalf("Leftovers after the kill = %q, want the one temp file", left)
	}

	// The next write, once the leftover is over a minute old, removes it.
	when := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(left[0], when, when); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(p, []byte("NEXT=value\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, p); got != "NEXT=value\n" {
		t.Errorf("content = %q", got)
	}
	assertNoTemp(t, dir)
}
