package envfile

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkApply10k edits a 10,000-line .env whose key sits in the middle.
func BenchmarkApply10k(b *testing.B) {
	var sb strings.Builder
	for i := range 10_000 {
		switch {
		case i == 5_000:
			sb.WriteString("export OPENAI_API_KEY=" + oldKey + "\n")
		case i%10 == 0:
			sb.WriteString("# comment line\n")
		default:
			fmt.Fprintf(&sb, "VAR_%d=\"value %d\" # note\n", i, i)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Apply(data, Edit{keyName, newKey}); err != nil {
			b.Fatal(err)
		}
	}
}
