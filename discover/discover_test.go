package discover

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// dtSource is the part of a Source a test asserts on.
type dtSource struct {
	kind SourceKind
	name string
	path string // relative to the test's root; "" for the environment
	line int
	val  string // the raw key (OPENAI_API_KEY) or the display value
	wins bool
	note string // substring of Note; "" = not checked
}

func TestDiscover(t *testing.T) {
	envKey := "OPENAI_API_KEY=" + testkit.ProjKey
	tests := []struct {
		name    string
		files   map[string]string // ".git/" creates a folder marker
		gitRoot string            // folder (relative) holding .git; "-" = none
		cwd     string
		environ []string
		envFile string
		want    []dtSource
		winner  string // raw winning key
		dotenvs []string
	}{
		{
			name:    "environment only",
			environ: []string{envKey, "PATH=/bin"},
			gitRoot: "-",
			want:    []dtSource{{kind: SourceEnvironment, name: "OPENAI_API_KEY", val: testkit.ProjKey, wins: true}},
			winner:  testkit.ProjKey,
		},
		{
			name:    "shell variable beats .env",
			environ: []string{envKey},
			gitRoot: "-",
			files:   map[string]string{".env": "# key\nOPENAI_API_KEY=" + testkit.ProjKey2 + "\n"},
			want: []dtSource{
				{kind: SourceEnvironment, name: "OPENAI_API_KEY", val: testkit.ProjKey, wins: true},
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: ".env", line: 2, val: testkit.ProjKey2, note: "the environment's OPENAI_API_KEY wins"},
			},
			winner:  testkit.ProjKey,
			dotenvs: []string{".env"},
		},
		{
			name:    "nearest dotenv wins up to the git root, not beyond",
			gitRoot: "repo",
			cwd:     "repo/app",
			files: map[string]string{
				".env":          "OPENAI_API_KEY=" + testkit.SvcKey + "\n", // above the root: not read
				"repo/.env":     "OPENAI_API_KEY=" + testkit.ProjKey2 + "\nOPENAI_PROJECT_ID=proj_root\n",
				"repo/app/.env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n",
			},
			want: []dtSource{
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: "repo/app/.env", line: 1, val: testkit.ProjKey, wins: true},
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: "repo/.env", line: 1, val: testkit.ProjKey2, note: "not used: ./.env takes precedence"},
				{kind: SourceDotenv, name: "OPENAI_PROJECT_ID", path: "repo/.env", line: 2, val: "proj_root", wins: true, note: "node dotenv reads only the working directory's .env"},
			},
			winner:  testkit.ProjKey,
			dotenvs: []string{"repo/app/.env", "repo/.env"},
		},
		{
			name:    "outside a repository only the working directory is read",
			gitRoot: "-",
			cwd:     "app",
			files:   map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:    nil,
		},
		{
			name:    ".env.local beats .env in the same folder, with a note",
			gitRoot: "-",
			files: map[string]string{
				".env":       "OPENAI_API_KEY=" + testkit.ProjKey2 + "\n",
				".env.local": "OPENAI_API_KEY=" + testkit.ProjKey + "\n",
			},
			want: []dtSource{
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: ".env.local", line: 1, val: testkit.ProjKey, wins: true, note: "python-dotenv and node dotenv load only .env"},
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: ".env", line: 1, val: testkit.ProjKey2, note: "not used: ./.env.local takes precedence"},
			},
			winner:  testkit.ProjKey,
			dotenvs: []string{".env.local", ".env"},
		},
		{
			name:    "--env-file is the only dotenv file read",
			gitRoot: "-",
			envFile: "conf/prod.env",
			files: map[string]string{
				".env":          "OPENAI_API_KEY=" + testkit.ProjKey2 + "\n",
				"conf/prod.env": "OPENAI_BASE_URL=https://user:pw@proxy.example/v1\nOPENAI_API_KEY=" + testkit.ProjKey + "\n",
			},
			want: []dtSource{
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: "conf/prod.env", line: 2, val: testkit.ProjKey, wins: true},
				{kind: SourceDotenv, name: "OPENAI_BASE_URL", path: "conf/prod.env", line: 1, val: "https://user:***@proxy.example/v1", wins: true},
			},
			winner:  testkit.ProjKey,
			dotenvs: []string{"conf/prod.env"},
		},
		{
			name:    "start-up files: listed by file and line, never winning",
			gitRoot: "-",
			environ: []string{envKey},
			files: map[string]string{
				"~/.zshrc":                   "alias ll='ls -l'\nexport OPENAI_API_KEY=\"" + testkit.ProjKey + "\"\n",
				"~/.bashrc":                  "# old\nOPENAI_API_KEY='" + testkit.ProjKey2 + "'; export OPENAI_API_KEY\n",
				"~/.profile":                 "export OPENAI_API_KEY=$(cat ~/.openai-key)\nOPENAI_ORG_ID=org-x\n",
				"~/.config/fish/config.fish": "if status is-interactive\n    set -gx OPENAI_PROJECT_ID proj_fish\nend\n",
			},
			want: []dtSource{
				{kind: SourceEnvironment, name: "OPENAI_API_KEY", val: testkit.ProjKey, wins: true},
				{kind: SourceStartupFile, name: "OPENAI_API_KEY", path: "~/.bashrc", line: 2, val: testkit.ProjKey2, note: "differs from this shell's value"},
				{kind: SourceStartupFile, name: "OPENAI_API_KEY", path: "~/.zshrc", line: 2, val: testkit.ProjKey, note: "this is where the environment's value comes from"},
				{kind: SourceStartupFile, name: "OPENAI_API_KEY", path: "~/.profile", line: 1, val: "", note: "set by a command"},
				{kind: SourceStartupFile, name: "OPENAI_ORG_ID", path: "~/.profile", line: 2, val: "org-x", note: "not exported"},
				{kind: SourceStartupFile, name: "OPENAI_PROJECT_ID", path: "~/.config/fish/config.fish", line: 2, val: "proj_fish", note: "not in this shell's environment"},
			},
			winner: testkit.ProjKey,
		},
		{
			name:    "empty environment variable still blocks dotenv",
			gitRoot: "-",
			environ: []string{"OPENAI_API_KEY="},
			files:   map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want: []dtSource{
				{kind: SourceEnvironment, name: "OPENAI_API_KEY", val: "", wins: true, note: "set but empty"},
				{kind: SourceDotenv, name: "OPENAI_API_KEY", path: ".env", line: 1, val: testkit.ProjKey, note: "wins"},
			},
			dotenvs: []string{".env"},
		},
		{
			name:    "legacy names are sources too",
			gitRoot: "-",
			environ: []string{"OPENAI_API_BASE=https://old.example/v1"},
			files:   map[string]string{".env": "OPENAI_ORGANIZATION=org-old\nOPENAI_API_KEY_PATH=/k\n"},
			want: []dtSource{
				{kind: SourceEnvironment, name: "OPENAI_API_BASE", val: "https://old.example/v1", wins: true},
				{kind: SourceDotenv, name: "OPENAI_ORGANIZATION", path: ".env", line: 1, val: "org-old", wins: true},
				{kind: SourceDotenv, name: "OPENAI_API_KEY_PATH", path: ".env", line: 2, val: "/k", wins: true},
			},
			dotenvs: []string{".env"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, home := t.TempDir(), t.TempDir()
			testkit.Layout(t, root, home, tt.files)
			if tt.gitRoot != "-" {
				if err := os.MkdirAll(filepath.Join(root, tt.gitRoot, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			cwd := filepath.Join(root, filepath.FromSlash(tt.cwd))
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
			inv := Run(Options{Dir: cwd, Home: home, Environ: tt.environ, EnvFile: tt.envFile})
			abs := func(p string) string {
				if rest, ok := strings.CutPrefix(p, "~/"); ok {
					return filepath.Join(home, filepath.FromSlash(rest))
				}
				return filepath.Join(root, filepath.FromSlash(p))
			}
			if len(inv.Sources) != len(tt.want) {
				t.Fatalf("got %d sources, want %d: %+v", len(inv.Sources), len(tt.want), inv.Sources)
			}
			for i, w := range tt.want {
				g := inv.Sources[i]
				val := g.Plain
				if g.Name == "OPENAI_API_KEY" {
					val = g.Value.Reveal()
				}
				wantPath := ""
				if w.path != "" {
					wantPath = abs(w.path)
				}
				if g.Kind != w.kind || g.Name != w.name || g.Path != wantPath || g.Line != w.line || val != w.val || g.Wins != w.wins {
					t.Errorf("source %d = {%s %s %s:%d %s wins=%v}, want {%s %s %s:%d %s wins=%v}", i,
						g.Kind, g.Name, g.Path, g.Line, g.Value, g.Wins, w.kind, w.name, wantPath, w.line, w.val[:min(len(w.val), 12)], w.wins)
				}
				if !strings.Contains(g.Note, w.note) {
					t.Errorf("source %d note = %q, want it to contain %q", i, g.Note, w.note)
				}
			}
			if got := inv.Key.Reveal(); got != tt.winner {
				t.Errorf("winning key = %s, want %s", inv.Key, gtFP(tt.winner))
			}
			if tt.winner != "" && (inv.KeySource == nil || !inv.KeySource.Wins || inv.KeySource.Value.Reveal() != tt.winner) {
				t.Errorf("KeySource = %+v, want the winning source", inv.KeySource)
			}
			var wantFiles []string
			for _, f := range tt.dotenvs {
				wantFiles = append(wantFiles, abs(f))
			}
			if strings.Join(inv.DotenvFiles, ",") != strings.Join(wantFiles, ",") {
				t.Errorf("DotenvFiles = %v, want %v", inv.DotenvFiles, wantFiles)
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, inv.Sources, inv), testkit.AllKeys...)
		})
	}
}

// gtFP is a key's fingerprint for messages.
func gtFP(k string) string {
	if k == "" {
		return "(none)"
	}
	return k[:8] + "…" + k[len(k)-4:]
}

func TestDiscoverCompanionsKeepTheirRawValue(t *testing.T) {
	root := t.TempDir()
	testkit.Write(t, filepath.Join(root, ".env"), "OPENAI_BASE_URL=http://127.0.0.1:8080/v1\nOPENAI_ORG_ID=org-abc\n", 0o600)
	inv := Run(Options{Dir: root, Environ: []string{"OPENAI_PROJECT_ID=proj_env", "OPENAI_BASE_URL=https://u:p@api.example/v1"}})
	if inv.BaseURL.Value != "https://u:p@api.example/v1" || inv.BaseURL.Source.Kind != SourceEnvironment {
		t.Errorf("BaseURL = %q from %+v", inv.BaseURL.Value, inv.BaseURL.Source)
	}
	if inv.BaseURL.Source.Plain != "https://u:***@api.example/v1" {
		t.Errorf("display value = %q, want the password masked", inv.BaseURL.Source.Plain)
	}
	if inv.OrgID.Value != "org-abc" || inv.OrgID.Source.Path != filepath.Join(root, ".env") || inv.OrgID.Source.Line != 2 {
		t.Errorf("OrgID = %q from %+v", inv.OrgID.Value, inv.OrgID.Source)
	}
	if inv.ProjectID.Value != "proj_env" {
		t.Errorf("ProjectID = %q", inv.ProjectID.Value)
	}
}

func TestDiscoverKeyFiles(t *testing.T) {
	root, home := t.TempDir(), t.TempDir()
	testkit.Layout(t, root, home, map[string]string{
		".env":       "MY_OPENAI=" + testkit.NoneKey + "\n", // a key under another name still counts
		".env.local": "DEBUG=1\n",
		"~/.zshrc":   "export OPENAI_API_KEY=" + testkit.ProjKey + "\n",
		"~/.bashrc":  "alias x=y\n",
	})
	inv := Run(Options{Dir: root, Home: home})
	want := []string{filepath.Join(root, ".env"), filepath.Join(home, ".zshrc")}
	if strings.Join(inv.KeyFiles, ",") != strings.Join(want, ",") {
		t.Errorf("KeyFiles = %v, want %v", inv.KeyFiles, want)
	}
}

func TestDiscoverSkipsFoldersNamedLikeDotenv(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".env"), 0o755); err != nil {
		t.Fatal(err)
	}
	inv := Run(Options{Dir: root})
	if len(inv.DotenvFiles) != 0 || len(inv.Sources) != 0 {
		t.Errorf("read a folder as a dotenv file: %+v", inv)
	}
}

func TestParseRC(t *testing.T) {
	k := testkit.ProjKey
	tests := []struct {
		name, src string
		fish      bool
		want      []rcAssign // path ignored
	}{
		{"export", "export OPENAI_API_KEY=" + k, false, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"export double quoted", `export OPENAI_API_KEY="` + k + `"  # mine`, false, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"assign then export", "OPENAI_API_KEY='" + k + "'\nexport OPENAI_API_KEY", false, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"assign; export on one line", "OPENAI_API_KEY=" + k + "; export OPENAI_API_KEY", false, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"not exported", "OPENAI_API_KEY=" + k, false, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1}}},
		{"for one command only", "OPENAI_API_KEY=" + k + " python app.py", false, nil},
		{"commented out", "# export OPENAI_API_KEY=" + k, false, nil},
		{"inside if", "if true; then export OPENAI_BASE_URL=http://x; fi", false, []rcAssign{{name: "OPENAI_BASE_URL", value: "http://x", line: 1, exported: true}}},
		{"declare -x", "declare -x OPENAI_ORG_ID=org-1", false, []rcAssign{{name: "OPENAI_ORG_ID", value: "org-1", line: 1, exported: true}}},
		{"command substitution", `export OPENAI_API_KEY="$(security find-generic-password -w -s openai)"`, false, []rcAssign{{name: "OPENAI_API_KEY", value: "$(security find-generic-password -w -s openai)", line: 1, exported: true, dynamic: true}}},
		{"variable", "export OPENAI_API_KEY=$MY_KEY", false, []rcAssign{{name: "OPENAI_API_KEY", value: "$MY_KEY", line: 1, exported: true, dynamic: true}}},
		{"other names ignored", "export OPENAI_API_KEYS=x OTHER=1", false, nil},
		{"fish set -gx", "set -gx OPENAI_API_KEY " + k, true, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"fish set --export --global quoted", "set --global --export OPENAI_API_KEY '" + k + "'", true, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1, exported: true}}},
		{"fish set -g not exported", "set -g OPENAI_API_KEY " + k, true, []rcAssign{{name: "OPENAI_API_KEY", value: k, line: 1}}},
		{"fish command substitution", "set -Ux OPENAI_API_KEY (cat ~/.k)", true, []rcAssign{{name: "OPENAI_API_KEY", value: "(cat ~/.k)", line: 1, exported: true, dynamic: true}}},
		{"fish erase", "set -e OPENAI_API_KEY", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/home/u/.bashrc"
			if tt.fish {
				path = "/home/u/.config/fish/config.fish"
			}
			got := parseRC(path, []byte(tt.src+"\n"))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d assignments %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				g.path = ""
				if g != w {
					t.Errorf("got %+v, want %+v", g, w)
				}
			}
		})
	}
}

func TestSourceJSON(t *testing.T) {
	root := t.TempDir()
	testkit.Write(t, filepath.Join(root, ".env"), "OPENAI_API_KEY="+testkit.ProjKey+"\nOPENAI_ORG_ID=org-1\n", 0o600)
	inv := Run(Options{Dir: root})
	js, err := json.Marshal(inv.Sources)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"kind":"dotenv","name":"OPENAI_API_KEY","path":` + strconv.Quote(filepath.Join(root, ".env")) + `,"line":1,"fingerprint":"` + apikey.Fingerprint(testkit.ProjKey) + `","wins":true},` +
		`{"kind":"dotenv","name":"OPENAI_ORG_ID","path":` + strconv.Quote(filepath.Join(root, ".env")) + `,"line":2,"value":"org-1","wins":true}]`
	if string(js) != want {
		t.Errorf("JSON =\n%s\nwant\n%s", js, want)
	}
}

func TestBaseURLIsShownMasked(t *testing.T) {
	root := t.TempDir()
	testkit.Write(t, filepath.Join(root, ".env"), "OPENAI_BASE_URL=https://gwuser:hunter2@gw.internal/v1?api_key=s3cret#frag\n", 0o600)
	inv := Run(Options{Dir: root, Environ: []string{"OPENAI_API_BASE=https://gw.internal/v1?token=s3cret"}})
	want := map[string]string{
		"OPENAI_BASE_URL": "https://gwuser:***@gw.internal/v1?api_key=***",
		"OPENAI_API_BASE": "https://gw.internal/v1?token=***",
	}
	for _, s := range inv.Sources {
		if w, ok := want[s.Name]; ok && s.Plain != w {
			t.Errorf("%s shown as %q, want %q", s.Name, s.Plain, w)
		}
	}
	if inv.BaseURL.Value != "https://gwuser:hunter2@gw.internal/v1?api_key=s3cret#frag" {
		t.Errorf("the engine needs the raw value, got %q", inv.BaseURL.Value)
	}
}
