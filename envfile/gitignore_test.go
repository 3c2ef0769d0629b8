package envfile

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestAppendIgnoreEntry(t *testing.T) {
	entry := IgnoreComment + "\n/.env\n/.env.lock\n"
	tests := []struct {
		name, in, file, want string
	}{
		{"empty", "", ".env", entry},
		{"lf", "node_modules/\n", ".env", "node_modules/\n" + entry},
		{"no final newline", "node_modules/", ".env", "node_modules/\n" + entry},
		{"crlf", "a\r\nb", ".env", "a\r\nb\r\n" + IgnoreComment + "\r\n/.env\r\n/.env.lock\r\n"},
		{"lone cr", "a\r", ".env", "a\r\n" + entry},
		{"other name", "", ".env.local", IgnoreComment + "\n/.env.local\n/.env.local.lock\n"},
		{"special characters escaped", "", "a*b?[c]\\d ", IgnoreComment + "\n/a\\*b\\?\\[c]\\\\d\\ \n/a\\*b\\?\\[c]\\\\d .lock\n"},
		{"leading hash and bang are safe after the slash", "", "#x", IgnoreComment + "\n/#x\n/#x.lock\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, added := AppendIgnoreEntry([]byte(tt.in), tt.file)
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(added) != 3 || added[0] != IgnoreComment {
				t.Errorf("added = %q", added)
			}
			// Our own matcher agrees the entries ignore the file and its lock.
			for _, f := range []string{tt.file, tt.file + LockSuffix} {
				if r := matchIgnore(got, f, ".gitignore"); !r.Matched || r.Negated() {
					t.Errorf("entry does not match %q: %+v", f, r)
				}
			}
		})
	}
}

func TestMatchIgnore(t *testing.T) {
	tests := []struct {
		gitignore    string
		matched, neg bool
	}{
		{"", false, false},
		{".env\n", true, false},
		{"/.env\n", true, false},
		{"*.env\n", true, false}, // "*" matches the empty prefix, as in git
		{".env*\n", true, false},
		{"**/.env\n", true, false},
		{".env/\n", false, false},
		{"sub/.env\n", false, false},
		{"# .env\n", false, false},
		{".env\n!.env\n", true, true},
		{"!.env\n.env\n", true, false},
		{".env   \n", true, false},
		{"\\!.env\n", false, false},
		{".env\r\n", true, false},
		{".*\n", true, false},
		{"*\n", true, false},
	}
	for _, tt := range tests {
		r := matchIgnore([]byte(tt.gitignore), ".env", ".gitignore")
		want := tt.matched
		if r.Matched != want || r.Negated() != tt.neg {
			t.Errorf("%q: got matched=%v neg=%v, want %v %v", tt.gitignore, r.Matched, r.Negated(), want, tt.neg)
		}
	}
}

func TestEnsureIgnored(t *testing.T) {
	tests := []struct {
		name      string
		repo      bool
		noGit     bool
		gitignore string // "-" for none
		parentGI  string // the repo root's .gitignore when the .env is in sub/
		sub       bool
		track     bool
		wantAdded bool
		wantIgn   bool
		wantNeg   bool
		wantFile  string
	}{
		{name: "repo, no gitignore", repo: true, gitignore: "-", wantAdded: true,
			wantFile: IgnoreComment + "\n/.env\n/.env.lock\n"},
		{name: "repo, gitignore without final newline", repo: true, gitignore: "bin/", wantAdded: true,
			wantFile: "bin/\n" + IgnoreComment + "\n/.env\n/.env.lock\n"},
		{name: "repo, crlf gitignore", repo: true, gitignore: "bin/\r\n", wantAdded: true,
			wantFile: "bin/\r\n" + IgnoreComment + "\r\n/.env\r\n/.env.lock\r\n"},
		{name: "repo, already ignored", repo: true, gitignore: "*.env\n.env\n", wantIgn: true, wantFile: "*.env\n.env\n"},
		{name: "repo, negation reported", repo: true, gitignore: ".env\n!.env\n", wantNeg: true, wantFile: ".env\n!.env\n"},
		{name: "repo, tracked but ignored by pattern", repo: true, gitignore: ".env\n", track: true, wantIgn: true, wantFile: ".env\n"},
		{name: "repo, tracked and not ignored", repo: true, gitignore: "-", track: true, wantAdded: true,
			wantFile: IgnoreComment + "\n/.env\n/.env.lock\n"},
		{name: "repo, ignored by the root gitignore", repo: true, sub: true, gitignore: "-", parentGI: "**/.env\n", wantIgn: true, wantFile: "-"},
		{name: "repo, sub folder gets its own entry", repo: true, sub: true, gitignore: "-", parentGI: "bin/\n", wantAdded: true,
			wantFile: IgnoreComment + "\n/.env\n/.env.lock\n"},
		{name: "no repo", gitignore: "-", wantAdded: true, wantFile: IgnoreComment + "\n/.env\n/.env.lock\n"},
		{name: "no repo, already ignored", gitignore: ".env\n", wantIgn: true, wantFile: ".env\n"},
		{name: "no repo, negation", gitignore: "*\n!.env\n", wantNeg: true, wantFile: "*\n!.env\n"},
		{name: "no git binary", repo: true, noGit: true, gitignore: "x\n", wantAdded: true, wantFile: "x\n" + IgnoreComment + "\n/.env\n/.env.lock\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var root string
			if tt.repo {
				root = gitRepo(t)
			} else {
				isolateGit(t)
				root = t.TempDir()
			}
			dir := root
			if tt.sub {
				dir = filepath.Join(root, "sub")
				if tt.parentGI != "" {
					writeTestFile(t, filepath.Join(root, ".gitignore"), tt.parentGI)
				}
			}
			env := filepath.Join(dir, ".env")
			writeTestFile(t, env, "A=1\n")
			gi := filepath.Join(dir, ".gitignore")
			if tt.gitignore != "-" {
				writeTestFile(t, gi, tt.gitignore)
			}
			if tt.track {
				git(t, root, "add", "-f", ".env")
			}
			if tt.noGit {
				t.Setenv("PATH", t.TempDir())
			}

			// The dry run plans exactly what the real run then does.
			plan, err := EnsureIgnored(context.Background(), env, Options{DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			res, err := EnsureIgnored(context.Background(), env, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(plan.Added, res.Added) || plan.Written {
				t.Errorf("dry run planned %q, real run added %q", plan.Added, res.Added)
			}
			if (len(res.Added) > 0) != tt.wantAdded || res.Ignored != tt.wantIgn || res.Negated != tt.wantNeg {
				t.Errorf("result = %+v", res)
			}
			if res.InRepo != (tt.repo && !tt.noGit) {
				t.Errorf("InRepo = %v", res.InRepo)
			}
			if (tt.wantIgn || tt.wantNeg) && res.Source == "" {
				t.Error("no rule source reported")
			}
			got := "-"
			if b, err := os.ReadFile(gi); err == nil {
				got = string(b)
			}
			if got != tt.wantFile {
				t.Errorf(".gitignore = %q, want %q", got, tt.wantFile)
			}
			// Running again changes nothing: the entry is found.
			if tt.wantAdded {
				again, err := EnsureIgnored(context.Background(), env, Options{})
				if err != nil || len(again.Added) > 0 || !again.Ignored {
					t.Errorf("second run: %+v %v", again, err)
				}
			}
		})
	}
}
