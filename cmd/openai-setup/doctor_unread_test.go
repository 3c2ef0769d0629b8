package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// A .env doctor could not read whole (a FIFO, or a 2 MiB file with the key
// after the 1 MiB cap) never makes doctor say there is no key as if that were
// certain: key.found warns unread_file, in JSON and text alike.
func TestDoctorUnreadDotenv(t *testing.T) {
	key := fakeapi.Key("ok")
	pad := strings.Repeat("# padding line\n", 70000) // just over 1 MiB
	tests := []struct {
		name string
		make func(path string) error
		why  string
	}{
		{"fifo", func(p string) error { return mkfifo(p) }, "a named pipe, not read"},
		{"2 MiB", func(p string) error {
			return os.WriteFile(p, []byte(pad+pad+"OPENAI_API_KEY="+key+"\n"), 0o600)
		}, "stopped at the 1 MiB cap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t)
			if err := tt.make(filepath.Join(tr.app.Dir, ".env")); err != nil {
				t.Skip(err)
			}
			rep, _ := runDoctorJSON(t, tr, "--base-url", "http://127.0.0.1:9/v1", "--check", "key.sources")
			c := checkByID(rep, "key.found")
			if c.Status != "warn" || c.Code != "unread_file" || !strings.Contains(c.Summary, tt.why) {
				t.Errorf("key.found = %s/%s %q", c.Status, c.Code, c.Summary)
			}
			if len(rep.UnreadFiles) != 1 || rep.UnreadFiles[0].Why != tt.why {
				t.Errorf("unread_files = %+v", rep.UnreadFiles)
			}
			assertNoLeak(t, key, tr.out.String())

			tr2 := newTestRun(t)
			tr2.app.Dir = tr.app.Dir
			tr2.run(t, "doctor", "--base-url", "http://127.0.0.1:9/v1", "--check", "key.sources")
			out := tr2.out.String()
			for _, want := range []string{"code: unread_file", "not read whole: ./.env (" + tt.why + ")", "files doctor read whole", "No key found in what doctor could read"} {
				if !strings.Contains(out, want) {
					t.Errorf("text lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "no OPENAI_* settings found in the environment, dotenv files") || strings.Contains(out, "Working") {
				t.Errorf("text claims no settings for certain:\n%s", out)
			}
			assertNoLeak(t, key, out)
		})
	}
}
