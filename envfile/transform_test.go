package envfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSetMatching(t *testing.T) {
	is := func(v string) func(Entry) bool { return func(e Entry) bool { return e.Value == v } }
	tests := []struct {
		name, in, want string
		lines          []int
	}{
		{"only the matching duplicate", "K=old\nK=other\n", "K=new\nK=other\n", []int{1}},
		{"every match, any name, CRLF and export kept", "# c\r\nA=old\r\n  export B='old'\r\nC=x", "# c\r\nA=new\r\n  export B=new\r\nC=x", []int{2, 3}},
		{"nothing matches: nothing appended", "K=other", "K=other", nil},
		{"a comment holding the value is not an assignment", "# K=old\nK=other\n", "# K=old\nK=other\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, changes, err := SetMatching([]byte(tt.in), "new", is("old"))
			if err != nil || string(out) != tt.want {
				t.Fatalf("got %q, %v; want %q", out, err, tt.want)
			}
			var lines []int
			for _, c := range changes {
				lines = append(lines, c.Line)
				if c.Action != Replaced || c.NewLine(func(string) string { return "***" }) == "" {
					t.Errorf("change %#v", c)
				}
			}
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("changed lines %v, want %v", lines, tt.lines)
			}
		})
	}
	if _, _, err := SetMatching([]byte("K=old"), "a b", is("old")); !errors.Is(err, ErrBadValue) {
		t.Errorf("unsafe value: %v", err)
	}
}

func TestUpdateWithTransformsTheBytesAtWriteTime(t *testing.T) {
	isolateGit(t)
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("K=old\nX=1"), 0o600); err != nil {
		t.Fatal(err)
	}
	var seen string
	fn := func(cur []byte) ([]byte, []Change, error) {
		seen = string(cur)
		return SetMatching(cur, "new", func(e Entry) bool { return e.Value == "old" })
	}
	res, err := UpdateWith(t.Context(), path, Options{DryRun: true}, fn)
	if err != nil || res.Written || len(res.Changes) != 1 {
		t.Fatalf("dry run: %+v, %v", res, err)
	}
	// The file changes after the plan: the write sees, and keeps, the change.
	if err := os.WriteFile(path, []byte("K=other\nX=1"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err = UpdateWith(t.Context(), path, Options{}, fn)
	if b, _ := os.ReadFile(path); err != nil || res.Written || string(b) != "K=other\nX=1" || seen != "K=other\nX=1" {
		t.Errorf("write over a changed file: %+v, %v, file %q", res, err, b)
	}
	gone := filepath.Join(t.TempDir(), ".env")
	if res, err := UpdateWith(t.Context(), gone, Options{}, fn); err != nil || !res.Created || res.Written {
		t.Errorf("missing file: %+v, %v", res, err)
	}
	if _, err := os.Stat(gone); err == nil {
		t.Error("a transform that changes nothing created the file")
	}
}
