package envfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckTarget(t *testing.T) {
	isolateGit(t)
	home := t.TempDir()
	repo := gitRepo(t)
	plain := t.TempDir()
	writeTestFile(t, filepath.Join(plain, "settings.env"), "# app\nA=1\nexport B=2\nC=\"multi\nline\"\nnot a pair\n")
	writeTestFile(t, filepath.Join(plain, "notes.txt"), "buy milk\ncall Sam\nA=1\n")
	writeTestFile(t, filepath.Join(plain, "file"), "x")
	os.Mkdir(filepath.Join(plain, "sub"), 0o755)
	key := "sk-proj-" + strings.Repeat("Ab3d", 12)

	cases := []struct {
		name, path, dir string
		want            Target // Path, Dir, DirMissing, Exists, InRepo
		says            string // a refusal mentions this; "" means accepted
	}{
		{"relative in a repo", ".env", repo, Target{Path: filepath.Join(repo, ".env"), Dir: repo, InRepo: true}, ""},
		{"tilde", "~/app/.env", plain, Target{Path: filepath.Join(home, "app", ".env"), Dir: filepath.Join(home, "app"), DirMissing: true}, ""},
		{"absolute, not a repo", filepath.Join(plain, ".env"), repo, Target{Path: filepath.Join(plain, ".env"), Dir: plain}, ""},
		{"existing dotenv", "settings.env", plain, Target{Path: filepath.Join(plain, "settings.env"), Dir: plain, Exists: true}, ""},
		{"missing folder", "new/deeper/.env", plain, Target{Path: filepath.Join(plain, "new", "deeper", ".env"), Dir: filepath.Join(plain, "new", "deeper"), DirMissing: true}, ""},
		{"empty", "  ", plain, Target{}, "give the path"},
		{"a key pasted as the path", key, plain, Target{}, "looks like an API key"},
		{"another user's home", "~bob/.env", plain, Target{}, "full path"},
		{"a folder", "sub", plain, Target{}, "is a folder"},
		{"source file", "app/config.py", plain, Target{}, ".py file"},
		{"yaml", "deploy.YML", plain, Target{}, ".yml file"},
		{"not a dotenv file", "notes.txt", plain, Target{}, "does not look like a dotenv file"},
		{"folder is a file", "file/.env", plain, Target{}, "is not a folder"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckTarget(context.Background(), c.path, c.dir, home)
			if c.says != "" {
				if !errors.Is(err, ErrBadTarget) || !strings.Contains(err.Error(), c.says) {
					t.Fatalf("err = %v, want a refusal saying %q", err, c.says)
				}
				if msg := err.Error(); strings.Count(msg, ". ") > 0 || strings.Contains(msg, key) || strings.Contains(msg, "tmp-") {
					t.Errorf("not one clean sentence: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Path != c.want.Path || got.Dir != c.want.Dir || got.DirMissing != c.want.DirMissing || got.Exists != c.want.Exists || got.InRepo != c.want.InRepo {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestCheckTargetSpecialFiles(t *testing.T) {
	for _, sf := range specialFiles {
		if sf.name == "folder" {
			continue // a folder has its own message, above
		}
		t.Run(sf.name, func(t *testing.T) {
			isolateGit(t)
			dir := t.TempDir()
			p := filepath.Join(dir, "x.env")
			sf.make(t, p)
			if _, err := CheckTarget(context.Background(), p, dir, ""); !errors.Is(err, ErrBadTarget) {
				t.Errorf("err = %v, want a refusal", err)
			}
		})
	}
}

func TestCreateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	tg, err := CheckTarget(context.Background(), filepath.Join(dir, ".env"), "/", "")
	if err != nil || !tg.DirMissing {
		t.Fatalf("%+v, %v", tg, err)
	}
	if err := CreateDir(tg); err != nil {
		t.Fatal(err)
	}
	if tg, err = CheckTarget(context.Background(), filepath.Join(dir, ".env"), "/", ""); err != nil || tg.DirMissing {
		t.Errorf("after CreateDir: %+v, %v", tg, err)
	}
}
