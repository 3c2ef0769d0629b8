package rotate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
)

// TestFindReportsAFileNotReadWhole: a dotenv file over the read cap with
// the old key past the cap is listed in Unread, never silently missed,
// whether discovery listed it or Find's own read found it.
func TestFindReportsAFileNotReadWhole(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, ".env")
	write(t, big, "# padding\n"+strings.Repeat("# "+strings.Repeat("x", 98)+"\n", envfile.MaxRead/100+1)+"OPENAI_API_KEY="+oldKey+"\n")

	for name, inv := range map[string]discover.Inventory{
		"listed by discovery": discover.Run(discover.Options{Dir: dir, Home: t.TempDir()}),
		"found by Find":       {DotenvFiles: []string{big}},
	} {
		t.Run(name, func(t *testing.T) {
			p := Find(t.Context(), inv, apikey.New(oldKey))
			if len(p.Files) != 0 {
				t.Errorf("Files = %+v: the key is past the cap, so it was not seen", p.Files)
			}
			if len(p.Unread) != 1 || p.Unread[0].Path != big || p.Unread[0].Outcome != envfile.ReadTruncated || !strings.Contains(p.Unread[0].Why, "cap") {
				t.Fatalf("Unread = %+v, want %s as truncated at the cap", p.Unread, big)
			}
			// The to-dos count it, so no face says nothing is left.
			if td := p.Todos(); len(td) != 1 || td[0] != (Todo{Kind: TodoUnread, Path: big, Why: p.Unread[0].Why}) || td[0].Kind.String() != "unread" {
				t.Errorf("Todos = %+v, want the unread file", td)
			}
		})
	}
}

// TestFindUnreadEmptyForWholeFiles: files read whole are not listed.
func TestFindUnreadEmptyForWholeFiles(t *testing.T) {
	p := newProject(t)
	if got := Find(t.Context(), p.inventory(), apikey.New(oldKey)); len(got.Unread) != 0 {
		t.Errorf("Unread = %+v, want none", got.Unread)
	}
}
