package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// A dotenv or start-up file over the cap is recorded as not read whole, and
// a key after the cap (or cut by it) is not reported as found.
func TestDiscoverRecordsTruncatedFiles(t *testing.T) {
	pad := strings.Repeat("# padding line\n", envfile.MaxRead/15+1) // just over the cap
	tests := []struct {
		name, rel, content string
		kind               SourceKind
	}{
		{"key after the cap", ".env", pad + pad + "OPENAI_API_KEY=" + testkit.ProjKey + "\n", SourceDotenv},
		{"key cut by the cap", ".env", pad[:envfile.MaxRead-20] + "OPENAI_API_KEY=" + testkit.ProjKey + "\n", SourceDotenv},
		{"start-up file", "home/.zshrc", pad + pad + "export OPENAI_API_KEY=" + testkit.ProjKey + "\n", SourceStartupFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, filepath.FromSlash(tt.rel))
			testkit.Write(t, path, tt.content, 0o600)
			inv := Run(Options{Dir: root, Home: filepath.Join(root, "home")})
			if !inv.Key.IsZero() || len(inv.KeyFiles) != 0 {
				t.Errorf("key found past or across the cap: %s %v", inv.Key.Fingerprint(), inv.KeyFiles)
			}
			want := []UnreadFile{{Path: path, Kind: tt.kind, Outcome: envfile.ReadTruncated, Why: "stopped at the 1 MiB cap"}}
			if len(inv.UnreadFiles) != 1 || inv.UnreadFiles[0] != want[0] {
				t.Errorf("UnreadFiles = %+v, want %+v", inv.UnreadFiles, want)
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, inv), testkit.ProjKey)
		})
	}
}

// A key before the cap still counts; the file is listed as read and as not
// read whole.
func TestDiscoverKeyBeforeTheCap(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, ".env")
	pad := strings.Repeat("# padding line\n", envfile.MaxRead/15+1)
	testkit.Write(t, path, "OPENAI_API_KEY="+testkit.ProjKey+"\n"+pad, 0o600)
	inv := Run(Options{Dir: root})
	if inv.Key.Reveal() != testkit.ProjKey || len(inv.UnreadFiles) != 1 || len(inv.DotenvFiles) != 1 {
		t.Errorf("key %s, unread %+v, dotenv %v", inv.Key.Fingerprint(), inv.UnreadFiles, inv.DotenvFiles)
	}
}

// A folder named .env (a Python virtual environment) and a missing file are
// not reported as unread.
func TestDiscoverUnreadIgnoresFoldersAndMissing(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".env"), 0o755); err != nil {
		t.Fatal(err)
	}
	if inv := Run(Options{Dir: root, Home: filepath.Join(root, "nohome")}); len(inv.UnreadFiles) != 0 {
		t.Errorf("UnreadFiles = %+v", inv.UnreadFiles)
	}
}
