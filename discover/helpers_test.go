package discover

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Test helpers shared with the checks package's tests: fake keys of every
// format, a leak assertion and a file writer.

// gtKey builds a well-formed fake key of the given prefix; seed makes keys
// distinct. side is the length of each half around the marker.
func gtKey(prefix string, side, seed int) string {
	alpha := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ"
	var l, r strings.Builder
	for i := range side {
		l.WriteByte(alpha[(i*7+seed*13+3)%len(alpha)])
		r.WriteByte(alpha[(i*11+seed*17+5)%len(alpha)])
	}
	return prefix + l.String() + "T3BlbkFJ" + r.String()
}

// Keys of every format, distinct.
var (
	gtProj    = gtKey("sk-proj-", 74, 1)
	gtProj2   = gtKey("sk-proj-", 74, 2)
	gtSvc     = gtKey("sk-svcacct-", 74, 3)
	gtLegacy  = gtKey("sk-", 20, 4)
	gtNone    = gtKey("sk-None-", 20, 5)
	gtAdmin   = gtKey("sk-admin-", 58, 6)
	gtAllKeys = []string{gtProj, gtProj2, gtSvc, gtLegacy, gtNone, gtAdmin}
)

// gtAssertNoLeak fails when out holds any 12-character slice of a key's
// secret part.
func gtAssertNoLeak(t *testing.T, out string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		body := k[min(len(k), 11):]
		for i := 0; i+12 <= len(body); i++ {
			if strings.Contains(out, body[i:i+12]) {
				t.Fatalf("output leaks part of a key (%s): %.300s", k[:8], out)
			}
		}
	}
}

// gtDump renders values every way a caller might print them.
func gtDump(t *testing.T, vs ...any) string {
	t.Helper()
	var b strings.Builder
	for _, v := range vs {
		js, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json: %v", err)
		}
		fmt.Fprintf(&b, "%v\n%+v\n%#v\n%s\n", v, v, v, js)
	}
	return b.String()
}

// gtWrite writes a file, creating folders.
func gtWrite(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
}
