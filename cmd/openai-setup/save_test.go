package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

const bomMark = "\xef\xbb\xbf"

// A .env saved as "UTF-8 with BOM" keeps its mark (every byte is kept), and
// the save says what it breaks and how to remove it, in --with-key's text,
// its dry run and JSON notes.
func TestWithKeyWarnsAboutBOM(t *testing.T) {
	const fix = `sed -i '1s/^\xEF\xBB\xBF//' .env (GNU sed) or re-save the file as "UTF-8"`
	tests := []struct {
		name, in string
		args     []string
		says     []string // "" in says: no note at all
		written  bool
	}{
		{"key on line 1", bomMark + "OPENAI_API_KEY=old-value\r\nA=1\r\n", nil,
			[]string{".env starts with a UTF-8 byte-order mark, kept as it was", "python-dotenv before 1.2.3 misses OPENAI_API_KEY on the first line", ", and godotenv refuses the whole file", fix}, true},
		{"key appended", bomMark + "# from Notepad\nA=1\n", nil,
			[]string{".env starts with a UTF-8 byte-order mark", "misreads the name on the first line", fix}, true},
		{"dry run", bomMark + "A=1\n", []string{"--dry-run"},
			[]string{"Dry run", ".env starts with a UTF-8 byte-order mark", fix}, false},
		{"no mark", "OPENAI_API_KEY=old-value\nA=1\n", nil, []string{""}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := fakeapi.Key("ok")
			tr := newTestRun(t)
			envPath := filepath.Join(tr.app.Dir, ".env")
			if err := os.WriteFile(envPath, []byte(tt.in), 0o600); err != nil {
				t.Fatal(err)
			}
			if code := withKeyRunIn(t, tr, key, append([]string{"--skip-checks"}, tt.args...)...); code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, tr.out, tr.err)
			}
			out := tr.out.String() + tr.err.String()
			assertNoLeak(t, key, out)
			got, _ := os.ReadFile(envPath)
			if strings.HasPrefix(tt.in, bomMark) != strings.HasPrefix(string(got), bomMark) {
				t.Errorf("the save changed whether .env starts with a byte-order mark")
			}
			if tt.written != strings.Contains(string(got), key) {
				t.Errorf("key written = %v, want %v", !tt.written, tt.written)
			}
			for _, want := range tt.says {
				if want == "" {
					if strings.Contains(out, "byte-order") {
						t.Errorf("a note about a mark that is not there:\n%s", out)
					}
					continue
				}
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestWithKeyJSONNotesBOM(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	os.WriteFile(filepath.Join(tr.app.Dir, ".env"), []byte(bomMark+"A=1\n"), 0o600)
	if code := withKeyRunIn(t, tr, key, "--skip-checks", "--dry-run", "--json"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, tr.out, tr.err)
	}
	assertNoLeak(t, key, tr.out.String()+tr.err.String())
	var doc struct {
		Save struct {
			Notes []string `json:"notes"`
		} `json:"save"`
	}
	if err := json.Unmarshal(tr.out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Save.Notes) != 1 || !strings.Contains(doc.Save.Notes[0], "byte-order mark") {
		t.Errorf("notes = %q, want the byte-order mark note", doc.Save.Notes)
	}
}

// The wizard saves through the same plan and save: both carry the note.
func TestWizardSaveWarnsAboutBOM(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	os.WriteFile(filepath.Join(tr.app.Dir, ".env"), []byte(bomMark+"OPENAI_API_KEY=old-value\n"), 0o600)
	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true})
	plan, err := opts.PlanSave(".env", apikey.New(key))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := opts.Save(".env", apikey.New(key))
	if err != nil {
		t.Fatal(err)
	}
	planText, warnings := strings.Join(plan.Lines, "\n"), strings.Join(rep.Warnings, "\n")
	assertNoLeak(t, key, planText+"\n"+warnings+"\n"+strings.Join(rep.Lines, "\n"))
	for _, text := range []string{planText, warnings} {
		if !strings.Contains(text, ".env starts with a UTF-8 byte-order mark") || !strings.Contains(text, "misses OPENAI_API_KEY on the first line") {
			t.Errorf("no byte-order mark note in %q", text)
		}
	}
}
