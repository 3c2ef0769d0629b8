package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/setupkit/openai-setup/envfile"
)

// TestSaveScreenError: a raw failure becomes one sentence that says what to
// do, without the temp file's name or the system's words; a sentence
// already made passes unchanged.
func TestSaveScreenError(t *testing.T) {
	a := &app{Dir: "/p"}
	raw := func(errno error) error {
		return saveError(&fs.PathError{Op: "open", Path: "/p/.env.tmp-8812", Err: errno}, "/p/.env", a, nil)
	}
	tests := []struct {
		name    string
		err     error
		written []string
		want    string
	}{
		{"permission", raw(syscall.EACCES), nil, "this user may not write .env or its folder .: fix their permissions or choose another path"},
		{"disk full", raw(syscall.ENOSPC), nil, "the disk holding .env is full: free some space"},
		{"read-only", raw(syscall.EROFS), nil, ".env is on a read-only file system: choose another path"},
		{"other", raw(syscall.EIO), nil, "the system refused to write .env: check the folder ., or choose another path"},
		{"changed", saveError(fmt.Errorf("/p/.env: %w", envfile.ErrChanged), "/p/.env", a, nil), nil,
			"another program changed .env (or its .gitignore) after the preview, so it was not saved: check the new preview above"},
		{"after the .gitignore", raw(syscall.EACCES), []string{".gitignore"}, "this user may not write .env or its folder .: fix their permissions or choose another path (already written: .gitignore)"},
		{"not a regular file", saveError(fmt.Errorf("/p/.gitignore is a folder, %w: use an ordinary text file instead", envfile.ErrNotRegular), "/p/.env", a, nil), nil,
			".gitignore is a folder, not a regular file: use an ordinary text file instead"},
		{"a sentence already", errors.New("git tracks .env, so a key written there would be committed"), nil, "git tracks .env, so a key written there would be committed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := saveScreenError(a, "/p/.env", tt.err, tt.written).Error()
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, raw := range []string{"tmp-8812", "permission denied", "no space left", "input/output error"} {
				if strings.Contains(got, raw) {
					t.Errorf("raw text %q in %q", raw, got)
				}
			}
		})
	}
}

// TestSaveTargetAndCreateDir: the Save screen gets the absolute folder,
// whether it is missing or in a repository, made safe for the terminal;
// creating it makes it readable only by this user.
func TestSaveTargetAndCreateDir(t *testing.T) {
	dir := t.TempDir()
	a := &app{Dir: dir, Home: dir}
	st, err := saveTarget(a, "new\x1b[31mdir/.env")
	if err != nil || !st.DirMissing || st.InRepo || st.Dir != filepath.Join(dir, `new\x1b[31mdir`) {
		t.Fatalf("target %+v, %v", st, err)
	}
	if err := createSaveDir(a, "new\x1b[31mdir/.env"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "new\x1b[31mdir"))
	if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Fatalf("created %v, %v", fi, err)
	}
	if st, err := saveTarget(a, "new\x1b[31mdir/.env"); err != nil || st.DirMissing {
		t.Fatalf("after creating: %+v, %v", st, err)
	}
	if _, err := saveTarget(a, "main.go"); err == nil {
		t.Fatal("a source file was accepted")
	}
}
