package envfile

import (
	"bytes"
	"testing"
)

// stripNames removes every statement of the given names (whole lines,
// with their line endings) from data, as our scanner sees them.
func stripNames(data []byte, names map[string]bool) ([]byte, []statement) {
	var out []byte
	var found []statement
	pos := 0
	for _, s := range scan(data) {
		if !names[s.Name] {
			continue
		}
		found = append(found, s)
		out = append(out, data[pos:s.lineStart]...)
		pos = s.next
	}
	return append(out, data[pos:]...), found
}

// safeOnly keeps the bytes SafeValue allows, so fuzzed values mostly reach
// the write path instead of being refused.
func safeOnly(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if safeValueByte(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func FuzzApply(f *testing.F) {
	for _, s := range []string{"", "\xef\xbb\xbf", "A=1", "A=1\n", "A=1\r\n", quirky,
		"OPENAI_API_KEY=a\nOPENAI_API_KEY=b", "A=\"x\nOPENAI_API_KEY=in\"\n", "export OPENAI_API_KEY='x' # c\r\n",
		"A=\"open\nOPENAI_API_KEY=1", "OPENAI_API_KEY: x\r", "\r\n\r\nOPENAI_ORG_ID=org\r\n"} {
		f.Add([]byte(s), newKey, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, value string, withOrg bool) {
		value = safeOnly(value)
		edits := []Edit{{keyName, value}}
		names := map[string]bool{keyName: true}
		if withOrg {
			edits = append(edits, Edit{"OPENAI_ORG_ID", "org-" + value})
			names["OPENAI_ORG_ID"] = true
		}
		out, _, err := Apply(data, edits...)
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		inRest, _ := stripNames(data, names)
		outRest, stmts := stripNames(out, names)
		if len(stmts) != len(edits) {
			t.Fatalf("output has %d key statements, want %d\n in %q\nout %q", len(stmts), len(edits), data, out)
		}
		for _, e := range edits {
			if got, ok := Lookup(Parse(out), e.Name); !ok || got.Value != e.Value {
				t.Fatalf("%s reads back as %q, %v", e.Name, got.Value, ok)
			}
		}
		if bytes.Equal(inRest, outRest) {
			return
		}
		// An append to a file with no final newline adds exactly one.
		sep := lineEnding(data)
		if len(data) > 0 && data[len(data)-1] == '\r' {
			sep = "\n"
		}
		if len(data) > 0 && data[len(data)-1] != '\n' && bytes.Equal(append(inRest, sep...), outRest) {
			return
		}
		t.Fatalf("bytes other than key lines changed\n in %q\nout %q\n inRest %q\noutRest %q", data, out, inRest, outRest)
	})
}
