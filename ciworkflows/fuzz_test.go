package ciworkflows

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

// FuzzScanFile: any bytes end in a result (no panic), and no finding or
// note holds a key, whatever names the file gives its jobs and variables.
func FuzzScanFile(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.y*ml"))
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("on: pull_request_target\njobs:\n  " + key1 + ":\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n"))
	f.Add([]byte("on: push\nenv:\n  OPENAI_KEY_" + key1 + ": x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res := scanFile("w.yml", data)
		if apikey.ContainsKey(res.unparsed) {
			t.Errorf("unparsed note holds a key: %q", res.unparsed)
		}
		for _, x := range res.findings {
			if apikey.ContainsKey(x.Name + " " + x.Where + " " + x.Note) {
				t.Errorf("finding holds a key: %+v", x)
			}
			if x.Line < 1 {
				t.Errorf("finding without a line: %+v", x)
			}
		}
	})
}
