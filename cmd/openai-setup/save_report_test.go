package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
)

// When the .gitignore was written and the .env write then failed, the text
// says exactly that, never "Nothing was changed on disk".
func TestSaveTextSaysWhatWasWrittenBeforeAFailure(t *testing.T) {
	a := &app{Dir: "/p"}
	cases := []struct {
		name    string
		saved   *saveReport
		says    []string
		notSays string
	}{
		{"nothing written", &saveReport{}, []string{"Nothing was changed on disk.", "(the file was left as it was)"}, "Written before"},
		{"no report", nil, []string{"Nothing was changed on disk."}, "Written before"},
		{"gitignore written", &saveReport{Files: []string{".gitignore"}, Changes: []lineChange{{File: ".gitignore", Action: "added", New: "/.env"}}},
			[]string{"Written before the failure: .gitignore", "+ /.env  (.gitignore, added)", "(already written: .gitignore)"}, "Nothing was changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var files []string
			if c.saved != nil {
				files = c.saved.Files
			}
			err := saveError(errors.New("disk full"), "/p/.env", a, files)
			var buf bytes.Buffer
			writeSaveText(&buf, checks.Report{}, savePlan{}, c.saved, err, false)
			out := buf.String()
			for _, s := range c.says {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			if strings.Contains(out, c.notSays) {
				t.Errorf("output says %q:\n%s", c.notSays, out)
			}
		})
	}
}
