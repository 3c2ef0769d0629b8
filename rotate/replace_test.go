package rotate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
)

// TestReplaceOnlyTheKeyItChecked: a line is replaced only if its value is
// still the old key when the file is written; anything else holding a key,
// or a copy of the old one, is left as it is and reported by line.
func TestReplaceOnlyTheKeyItChecked(t *testing.T) {
	tests := []struct {
		name   string
		found  string // the file when rotate looks
		now    string // the file when rotate writes ("" = unchanged)
		want   string
		wantTo []Todo // Left, paths omitted
	}{
		{
			name:   "a later duplicate holding another key is kept",
			found:  "OPENAI_API_KEY=" + oldKey + "\nOPENAI_API_KEY=" + other + "\n",
			want:   "OPENAI_API_KEY=" + newKey + "\nOPENAI_API_KEY=" + other + "\n",
			wantTo: []Todo{{Kind: TodoOtherKey, Line: 2, Name: "OPENAI_API_KEY"}},
		},
		{
			name:   "a file changed during the checks keeps its new content",
			found:  "A=1\nOPENAI_API_KEY=" + oldKey + "\n",
			now:    "A=1\nOPENAI_API_KEY=" + other + "\nB=2\n",
			want:   "A=1\nOPENAI_API_KEY=" + other + "\nB=2\n",
			wantTo: []Todo{{Kind: TodoOtherKey, Line: 2, Name: "OPENAI_API_KEY"}},
		},
		{
			name:   "a line moved since is still found",
			found:  "OPENAI_API_KEY=" + oldKey + "\n",
			now:    "# added\nX=1\nOPENAI_API_KEY=" + oldKey + "\n",
			want:   "# added\nX=1\nOPENAI_API_KEY=" + newKey + "\n",
			wantTo: nil,
		},
		{
			name:   "copies in a comment and inside another value are reported",
			found:  "# old: " + oldKey + "\nOPENAI_API_KEY=" + oldKey + "\nURL=https://h/?k=" + oldKey + "\n",
			want:   "# old: " + oldKey + "\nOPENAI_API_KEY=" + newKey + "\nURL=https://h/?k=" + oldKey + "\n",
			wantTo: []Todo{{Kind: TodoCopy, Line: 1}, {Kind: TodoCopy, Line: 3}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			git(t, dir, "init", "-q")
			path := filepath.Join(dir, ".env")
			write(t, path, tt.found)
			inv := discover.Run(discover.Options{Dir: dir, Environ: []string{"PATH=/usr/bin:/bin"}})
			places := Find(t.Context(), inv, apikey.New(oldKey))
			if len(places.Files) != 1 {
				t.Fatalf("found %+v", places.Files)
			}
			if tt.now != "" {
				write(t, path, tt.now)
			}
			res, err := Replace(t.Context(), places, apikey.New(newKey), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := read(t, path); got != tt.want {
				t.Errorf("file =\n%q\nwant\n%q", got, tt.want)
			}
			var left []Todo
			for _, td := range res[0].Left {
				if td.Path != path {
					t.Errorf("to-do path %q", td.Path)
				}
				td.Path = ""
				left = append(left, td)
			}
			if !slices.Equal(left, tt.wantTo) {
				t.Errorf("left %+v\nwant %+v", left, tt.wantTo)
			}
			if s := fmt.Sprintf("%+v %#v", res, res); strings.Contains(s, oldKey) || strings.Contains(s, newKey) {
				t.Error("a result shows a key")
			}
		})
	}
}
