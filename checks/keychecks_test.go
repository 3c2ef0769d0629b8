package checks

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// ktPad is just over a megabyte of comment lines: a file holding two is
// over envfile's read cap.
var ktPad = strings.Repeat("# padding line\n", 70000)

// ktDiscover builds a folder with files and a fake home and discovers it.
func ktDiscover(t *testing.T, environ []string, files map[string]string) (discover.Inventory, string, string) {
	t.Helper()
	root, home := t.TempDir(), t.TempDir()
	testkit.Layout(t, root, home, files)
	return discover.Run(discover.Options{Dir: root, Home: home, Environ: environ}), root, home
}

func TestKeyChecks(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		files   map[string]string
		// want[i] = "status code" for key.found, key.format, key.sources
		want [3]string
		// substrings expected in summary+fix+detail of each result ("{root}",
		// "{home}" are replaced)
		says [3][]string
	}{
		{
			name: "no key anywhere",
			want: [3]string{"fail no_key", "skip", "pass"},
			says: [3][]string{{"run `openai-setup`", "{root}/.env"}, {"no key found"}, nil},
		},
		{
			name:  "2 MiB .env with the key after the cap",
			files: map[string]string{".env": ktPad + ktPad + "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:  [3]string{"warn unread_file", "skip", "pass"},
			says: [3][]string{{"did not read all of {root}/.env (stopped at the 1 MiB cap)", "a key there would be missed", "first 1 MiB"},
				nil, {"in the files doctor read"}},
		},
		{
			name:    "key in the environment, 2 MiB .env",
			environ: []string{"OPENAI_API_KEY=" + testkit.ProjKey},
			files:   map[string]string{".env": ktPad + ktPad},
			want:    [3]string{"pass", "pass", "warn unread_file"},
			says:    [3][]string{nil, nil, {"{root}/.env (stopped at the 1 MiB cap)", "one source sets OPENAI_API_KEY"}},
		},
		{
			name:  "doubled paste in .env",
			files: map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + testkit.ProjKey + "\n"},
			want:  [3]string{"pass", "fail two_keys", "pass"},
			says:  [3][]string{nil, {"two keys", "keep one key in OPENAI_API_KEY in {root}/.env line 1"}, nil},
		},
		{
			name:  "clean key in .env",
			files: map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:  [3]string{"pass", "pass", "pass"},
			says:  [3][]string{{"{root}/.env:1", "sk-proj-…", "project key"}, {"project key, 164 characters"}, {"one source"}},
		},
		{
			name:    "stale shell export beats .env",
			environ: []string{"OPENAI_API_KEY=" + testkit.ProjKey2},
			files: map[string]string{
				".env":     "OPENAI_API_KEY=" + testkit.ProjKey + "\n",
				"~/.zshrc": "export OPENAI_API_KEY=" + testkit.ProjKey2 + "\n",
			},
			want: [3]string{"pass", "pass", "warn conflict"},
			says: [3][]string{{"the environment"}, nil, {"from the environment (" + apikey.Fingerprint(testkit.ProjKey2) + ") wins over {root}/.env:1 (" + apikey.Fingerprint(testkit.ProjKey) + ")",
				"`unset OPENAI_API_KEY`", "delete the export at {home}/.zshrc:1", "(wins)"}},
		},
		{
			name:    "start-up file not loaded yet",
			environ: nil,
			files:   map[string]string{"~/.bashrc": "export OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:    [3]string{"fail no_key", "skip", "pass"},
			says:    [3][]string{{"{home}/.bashrc:1 exports one, but this shell has not loaded it", "source {home}/.bashrc"}, nil, nil},
		},
		{
			name:    "start-up file differs from the shell",
			environ: []string{"OPENAI_API_KEY=" + testkit.ProjKey},
			files:   map[string]string{"~/.bashrc": "export OPENAI_API_KEY=" + testkit.ProjKey2 + "\n"},
			want:    [3]string{"pass", "pass", "warn conflict"},
			says:    [3][]string{nil, nil, {"{home}/.bashrc:1 exports a different OPENAI_API_KEY", "open a new terminal", "delete line 1"}},
		},
		{
			name:    "empty shell variable",
			environ: []string{"OPENAI_API_KEY="},
			files:   map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:    [3]string{"fail no_key", "skip", "pass"},
			says:    [3][]string{{"set but empty", "`unset OPENAI_API_KEY`"}, nil, nil},
		},
		{
			name:  "quoted twice in .env",
			files: map[string]string{".env": "X=1\nOPENAI_API_KEY=\"'" + testkit.ProjKey + "'\"\n"},
			want:  [3]string{"pass", "fail quoted", "pass"},
			says:  [3][]string{nil, {"quotes that are part of the value", "edit {root}/.env line 2"}, nil},
		},
		{
			name:    "Bearer and whitespace in the environment, exported in .profile",
			environ: []string{"OPENAI_API_KEY=Bearer " + testkit.ProjKey + " "},
			files:   map[string]string{"~/.profile": "export OPENAI_API_KEY=\"Bearer " + testkit.ProjKey + " \"\n"},
			want:    [3]string{"pass", "fail bearer_prefix", "pass"},
			says:    [3][]string{nil, {`"Bearer " in front`, "spaces", "edit {home}/.profile line 1", "open a new terminal"}, nil},
		},
		{
			name:  "pasted assignment",
			files: map[string]string{".env": "OPENAI_API_KEY=OPENAI_API_KEY=" + testkit.SvcKey + "\n"},
			want:  [3]string{"pass", "fail assignment", "pass"},
			says:  [3][]string{nil, {`"OPENAI_API_KEY=" inside`, "line 1"}, nil},
		},
		{
			name:  "admin key",
			files: map[string]string{".env": "OPENAI_API_KEY=" + testkit.AdminKey + "\n"},
			want:  [3]string{"pass", "fail admin_key", "pass"},
			says:  [3][]string{nil, {"OPENAI_ADMIN_KEY", "https://platform.openai.com/api-keys"}, nil},
		},
		{
			name:  "another provider",
			files: map[string]string{".env": "OPENAI_API_KEY=sk-ant-api03-" + strings.Repeat("a", 90) + "\n"},
			want:  [3]string{"pass", "fail not_openai", "pass"},
			says:  [3][]string{nil, {"Anthropic"}, nil},
		},
		{
			name:  "truncated",
			files: map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey[:60] + "\n"},
			want:  [3]string{"pass", "fail truncated", "pass"},
			says:  [3][]string{nil, {"copy the whole key again"}, nil},
		},
		{
			name:  "odd length warns",
			files: map[string]string{".env": "OPENAI_API_KEY=" + testkit.Key("sk-proj-", 78, 9) + "\n"},
			want:  [3]string{"pass", "warn odd_length", "pass"},
		},
		{
			name:    "legacy variables",
			environ: []string{"OPENAI_API_BASE=https://x.example/v1"},
			files:   map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\nOPENAI_ORGANIZATION=org-1\n"},
			want:    [3]string{"pass", "pass", "warn legacy_variable"},
			says:    [3][]string{nil, nil, {"OPENAI_API_BASE is set in the environment", "rename OPENAI_API_BASE to OPENAI_BASE_URL", "rename OPENAI_ORGANIZATION to OPENAI_ORG_ID in {root}/.env:2"}},
		},
		{
			name:  "Next reads .env.local, python reads .env",
			files: map[string]string{".env.local": "OPENAI_API_KEY=" + testkit.ProjKey + "\n", ".env": "OPENAI_API_KEY=" + testkit.ProjKey2 + "\n"},
			want:  [3]string{"pass", "pass", "warn conflict"},
			says:  [3][]string{nil, nil, {"python-dotenv, node dotenv", "{root}/.env:1"}},
		},
		{
			name:  "node dotenv would find nothing",
			files: map[string]string{".env.local": "OPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:  [3]string{"pass", "pass", "warn shadowed"},
			says:  [3][]string{nil, nil, {"node dotenv reads only {root}/.env", "dotenv.config({ path: '{root}/.env.local' })"}},
		},
		{
			name:  "byte-order mark before the key",
			files: map[string]string{".env": "\xef\xbb\xbfOPENAI_API_KEY=" + testkit.ProjKey + "\r\nA=1\r\n"},
			want:  [3]string{"pass", "pass", "warn byte_order_mark"},
			says: [3][]string{{"{root}/.env:1"}, nil, {"{root}/.env starts with a UTF-8 byte-order mark", "python-dotenv before 1.2.3",
				"a Python app gets no OPENAI_API_KEY from it", "godotenv refuses the whole file", "node dotenv is fine",
				`sed -i '1s/^\xEF\xBB\xBF//'`, `"UTF-8 with BOM"`, "one source sets OPENAI_API_KEY"}},
		},
		{
			name:  "byte-order mark before another line",
			files: map[string]string{".env": "\xef\xbb\xbf# saved by Notepad\nOPENAI_API_KEY=" + testkit.ProjKey + "\n"},
			want:  [3]string{"pass", "pass", "warn byte_order_mark"},
			says:  [3][]string{nil, nil, {"{root}/.env starts with a UTF-8 byte-order mark", "(OPENAI_API_KEY, on line 2, still loads)", "godotenv refuses"}},
		},
		{
			name:    "byte-order mark in a file without a key",
			environ: []string{"OPENAI_API_KEY=" + testkit.ProjKey},
			files:   map[string]string{".env": "\xef\xbb\xbfDEBUG=1\n"},
			want:    [3]string{"pass", "pass", "pass"},
			says:    [3][]string{nil, nil, {"one source sets OPENAI_API_KEY"}},
		},
		{
			name:  "byte-order mark and a conflict",
			files: map[string]string{".env.local": "OPENAI_API_KEY=" + testkit.ProjKey + "\n", ".env": "\xef\xbb\xbfOPENAI_API_KEY=" + testkit.ProjKey2 + "\n"},
			want:  [3]string{"pass", "pass", "warn conflict"},
			says: [3][]string{nil, nil, {"python-dotenv, node dotenv", "also: {root}/.env starts with a UTF-8 byte-order mark",
				"a Python app gets no OPENAI_API_KEY from it", "(node dotenv is fine); fix: `sed -i '1s/^\\xEF\\xBB\\xBF//' {root}/.env` (GNU sed"}},
		},
		{
			name:    "stale project id",
			environ: []string{"OPENAI_PROJECT_ID=proj_old"},
			files:   map[string]string{".env": "OPENAI_API_KEY=" + testkit.ProjKey + "\nOPENAI_PROJECT_ID=proj_new\n"},
			want:    [3]string{"pass", "pass", "warn conflict"},
			says:    [3][]string{nil, nil, {"OPENAI_PROJECT_ID from the environment (proj_old) wins over {root}/.env:2 (proj_new)", "`unset OPENAI_PROJECT_ID`"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, root, home := ktDiscover(t, tt.environ, tt.files)
			got := keyChecks(inv, func(string) bool { return true })
			if len(got) != 3 || got[0].ID != KeyFound || got[1].ID != KeyFormat || got[2].ID != KeySources {
				t.Fatalf("got %+v, want key.found, key.format, key.sources", got)
			}
			for i, r := range got {
				sc := strings.TrimSpace(string(r.Status) + " " + string(r.Code))
				if sc != tt.want[i] {
					t.Errorf("%s = %q, want %q: %s / %s / %v", r.ID, sc, tt.want[i], r.Summary, r.Fix, r.Detail)
				}
				if r.Status != Pass && r.Status != Skip && r.Fix == "" {
					t.Errorf("%s: %s without a fix", r.ID, r.Status)
				}
				text := r.Summary + "\n" + r.Fix + "\n" + strings.Join(r.Detail, "\n")
				for _, s := range tt.says[i] {
					s = strings.NewReplacer("{root}", root, "{home}", home).Replace(s)
					if !strings.Contains(text, s) {
						t.Errorf("%s says %q\nwant it to contain %q", r.ID, text, s)
					}
				}
			}
			testkit.AssertNoLeak(t, testkit.Dump(t, got), append(testkit.AllKeys, testkit.Key("sk-proj-", 78, 9))...)
		})
	}
}

func TestKeyChecksWant(t *testing.T) {
	got := keyChecks(discover.Inventory{}, func(id string) bool { return id == KeySources })
	if len(got) != 1 || got[0].ID != KeySources {
		t.Errorf("got %+v, want only key.sources", got)
	}
}

func TestKeyFormatInputSource(t *testing.T) {
	k := apikey.New(" " + testkit.ProjKey)
	inv := discover.Inventory{Key: k, KeySource: &discover.Source{Kind: discover.SourceInput, Name: openai.EnvAPIKey, Value: k}, Dir: filepath.FromSlash("/x")}
	r := kcFormat(inv)
	if r.Status != Fail || r.Code != apikey.CodeWhitespace || r.Fix != "paste only the key itself" {
		t.Errorf("got %+v", r)
	}
}
