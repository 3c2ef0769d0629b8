package envfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// specialFile makes one kind of file that a save must refuse to read at
// path, or skips where the platform cannot make it.
type specialFile struct {
	name string
	make func(t *testing.T, path string)
	want error
	says string
}

var specialFiles = []specialFile{
	{"fifo", func(t *testing.T, p string) {
		if err := mkfifo(p); err != nil {
			t.Skip("mkfifo:", err)
		}
	}, ErrNotRegular, "named pipe (FIFO)"},
	{"link to /dev/zero", func(t *testing.T, p string) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero")
		}
		if err := os.Symlink("/dev/zero", p); err != nil {
			t.Skip("symlinks unavailable:", err)
		}
	}, ErrNotRegular, "a device"},
	{"folder", func(t *testing.T, p string) {
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
	}, ErrNotRegular, "a folder"},
	{"over the cap", func(t *testing.T, p string) {
		big := bytes.Repeat([]byte("# padding line\n"), MaxGitignore/15+1)
		if err := os.WriteFile(p, big, 0o600); err != nil {
			t.Fatal(err)
		}
	}, ErrTooLarge, "larger than"},
}

func TestUpdateRefusesSpecialEnv(t *testing.T) {
	for _, sf := range specialFiles {
		t.Run(sf.name, func(t *testing.T) {
			isolateGit(t)
			p := filepath.Join(t.TempDir(), ".env")
			sf.make(t, p)
			for _, dry := range []bool{true, false} {
				_, err := Update(context.Background(), p, Options{DryRun: dry}, Edit{keyName, newKey})
				if !errors.Is(err, sf.want) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), sf.says) {
					t.Errorf("dry run %v: err = %v, want %v naming %s and saying %q", dry, err, sf.want, p, sf.says)
				}
			}
		})
	}
}

func TestEnsureIgnoredRefusesSpecialGitignore(t *testing.T) {
	for _, sf := range specialFiles {
		t.Run(sf.name, func(t *testing.T) {
			isolateGit(t)
			dir := t.TempDir()
			gi := filepath.Join(dir, ".gitignore")
			sf.make(t, gi)
			_, err := EnsureIgnored(context.Background(), filepath.Join(dir, ".env"), Options{})
			if !errors.Is(err, sf.want) || !strings.Contains(err.Error(), gi) || !strings.Contains(err.Error(), sf.says) {
				t.Errorf("err = %v, want %v naming %s and saying %q", err, sf.want, gi, sf.says)
			}
		})
	}
}

// A dotenv file between the two caps is refused; the same size is a fine
// .gitignore.
func TestCapsDiffer(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	mid := bytes.Repeat([]byte("# padding line\n"), MaxDotenv/15+1)
	writeTestFile(t, filepath.Join(dir, ".gitignore"), string(mid))
	writeTestFile(t, filepath.Join(dir, ".env"), string(mid))
	if _, err := EnsureIgnored(context.Background(), filepath.Join(dir, ".env"), Options{DryRun: true}); err != nil {
		t.Errorf(".gitignore under its cap: %v", err)
	}
	if _, err := Update(context.Background(), filepath.Join(dir, ".env"), Options{DryRun: true}, Edit{keyName, newKey}); !errors.Is(err, ErrTooLarge) {
		t.Errorf(".env over its cap: err = %v", err)
	}
}

func TestReadCapped(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want ReadOutcome
		n    int
	}{
		{"whole", func(t *testing.T, p string) { writeTestFile(t, p, "A=1\n") }, ReadWhole, 4},
		{"missing", func(t *testing.T, p string) {}, ReadMissing, 0},
		{"truncated", func(t *testing.T, p string) {
			writeTestFile(t, p, strings.Repeat("x", MaxRead+10))
		}, ReadTruncated, MaxRead},
		{"fifo", specialFiles[0].make, ReadSpecial, 0},
		{"link to /dev/zero", specialFiles[1].make, ReadSpecial, 0},
		{"folder", specialFiles[2].make, ReadSpecial, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), ".env")
			c.make(t, p)
			data, got := ReadCapped(p)
			if got != c.want || len(data) != c.n {
				t.Errorf("ReadCapped = %d bytes, %v; want %d bytes, %v", len(data), got, c.n, c.want)
			}
			if _, ok := ReadSmall(p); ok != (c.want == ReadWhole || c.want == ReadTruncated) {
				t.Errorf("ReadSmall ok = %v for %v", ok, c.want)
			}
			if b, _ := c.want.MarshalText(); string(b) != c.name && c.name != "fifo" && c.name != "folder" && c.name != "link to /dev/zero" {
				t.Errorf("MarshalText = %q, want %q", b, c.name)
			}
		})
	}
}
