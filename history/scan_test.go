package history

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

// hiddenPlaces builds one repository holding a key in every place a plain
// `git log -p` of the branches does not show, and returns, per key, the
// path it must be reported at.
func hiddenPlaces(t *testing.T) (string, map[string]string) {
	root := newRepo(t)
	want := map[string]string{}
	k := func(seed int, path string) string {
		key := testKey("sk-proj-", seed)
		want[key] = path
		return key
	}
	commit(t, root, "base", map[string]string{"a.txt": "hello\n"})

	// A key added while resolving a merge is in no parent's diff, and it
	// stays in HEAD.
	git(t, root, "checkout", "-q", "-b", "feature")
	commit(t, root, "feature", map[string]string{"f.txt": "feature\n"})
	git(t, root, "checkout", "-q", "main")
	commit(t, root, "main", map[string]string{"m.txt": "main\n"})
	git(t, root, "merge", "-q", "--no-ff", "--no-commit", "feature")
	write(t, root, "merged.env", "OPENAI_API_KEY="+k(1, "merged.env")+"\n")
	git(t, root, "add", "merged.env")
	git(t, root, "commit", "-q", "-m", "merge feature")

	// Files whose diff git hides: UTF-16 (PowerShell output), "-diff", binary.
	commit(t, root, "attributes", map[string]string{".gitattributes": "secret.cfg -diff\n"})
	commit(t, root, "hidden", map[string]string{
		"ps.env":     utf16LE("OPENAI_API_KEY=" + k(2, "ps.env") + "\r\n"),
		"secret.cfg": "key = " + k(3, "secret.cfg") + "\n",
		"blob.bin":   "\x00\x01\x02" + k(4, "blob.bin") + "\x00",
	})

	// Messages.
	commit(t, root, "rotate the key\n\nthe old one was "+k(5, MessagePath)+"\n", nil)
	git(t, root, "tag", "-a", "v1", "-m", "release\n\nkey: "+k(6, "(tag v1 message)"))

	// Stashes: the oldest with an untracked file, a middle one, and the
	// newest with a key only in its unstaged part.
	write(t, root, "untracked.env", "K="+k(7, "untracked.env")+"\n")
	git(t, root, "stash", "push", "-q", "-u")
	write(t, root, "a.txt", "hello "+k(8, "a.txt")+"\n")
	git(t, root, "stash", "push", "-q")
	write(t, root, "a.txt", "staged\n")
	git(t, root, "add", "a.txt")
	write(t, root, "a.txt", "staged\nunstaged "+k(9, "a.txt")+"\n")
	git(t, root, "stash", "push", "-q")
	return root, want
}

func TestScanFindsWhatIsThere(t *testing.T) {
	root, want := hiddenPlaces(t)
	res, err := Scan(context.Background(), root, 2)
	if err != nil || res.Incomplete || res.Scanned != res.Total {
		t.Fatalf("scan: %v, %d of %d, incomplete %v", err, res.Scanned, res.Total, res.Incomplete)
	}
	got := map[string]Finding{}
	for _, f := range res.Found {
		got[f.Key.Reveal()] = f
	}
	tests := []struct {
		name string
		seed int
	}{
		{"key added in a merge commit, still in HEAD", 1},
		{"UTF-16 file with a byte-order mark", 2},
		{"file marked -diff", 3},
		{"binary file", 4},
		{"commit message", 5},
		{"annotated tag message", 6},
		{"untracked file of an older stash", 7},
		{"older stash entry", 8},
		{"unstaged part of the newest stash", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := testKey("sk-proj-", tt.seed)
			f, ok := got[key]
			if !ok {
				t.Fatalf("%s not found", apikey.Fingerprint(key))
			}
			if f.Path != want[key] || f.Line < 1 {
				t.Errorf("path %q line %d, want %q", f.Path, f.Line, want[key])
			}
		})
	}
	if len(res.Found) != len(tests) {
		t.Errorf("found %d keys, want %d", len(res.Found), len(tests))
	}
	assertNoLeak(t, fmt.Sprintf("%v %+v %#v", res, res, res), testKey("sk-proj-", 1))
}

func TestScanWorkersAgree(t *testing.T) {
	root, _ := hiddenPlaces(t)
	one, err1 := Scan(context.Background(), root, 1)
	many, err2 := Scan(context.Background(), root, 4)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if fmt.Sprint(one) != fmt.Sprint(many) {
		t.Errorf("1 worker: %+v\n4 workers: %+v", one, many)
	}
}

func TestScanSkipsPlaceholdersAndListedKeys(t *testing.T) {
	real := testKey("sk-proj-", 20)
	listed := testKey("sk-proj-", 21)
	tests := []struct {
		name    string
		content string // of keys.txt, one commit
		ignore  string // .openai-setup-ignore, "" for none
		found   int
		ignored int
	}{
		{"a real key", "k=" + real + "\n", "", 1, 0},
		{"two distinct characters", "k=sk-proj-" + strings.Repeat("ab", 20) + "\n", "", 0, 1},
		{"EXAMPLE", "k=sk-proj-EXAMPLE" + real[20:] + "\n", "", 0, 1},
		{"PLACEHOLDER", "k=sk-proj-PLACEHOLDER" + real[20:] + "\n", "", 0, 1},
		{"YOUR", "k=sk-proj-YOUR" + real[20:] + "\n", "", 0, 1},
		{"XXXX", "k=sk-proj-abXXXXcd" + real[20:] + "\n", "", 0, 1},
		{"listed by fingerprint", "k=" + listed + "\n", "# test fixture\n" + apikey.Fingerprint(listed) + "\n", 0, 1},
		{"listed by path:line", "\nk=" + listed + "\n", "keys.txt:2\n", 0, 1},
		{"path:line of another line", "\nk=" + listed + "\n", "keys.txt:1\n", 1, 0},
		{"listed by commit:path:line", "k=" + listed + "\n", "COMMIT:keys.txt:1\n", 0, 1},
		{"commented out", "k=" + listed + "\n", "# " + apikey.Fingerprint(listed) + "\n", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := newRepo(t)
			id := commit(t, root, "keys", map[string]string{"keys.txt": tt.content})
			if tt.ignore != "" {
				write(t, root, IgnoreFile, strings.ReplaceAll(tt.ignore, "COMMIT", id[:12]))
			}
			res, err := Scan(context.Background(), root, 1)
			if err != nil || len(res.Found) != tt.found || res.Ignored != tt.ignored {
				t.Fatalf("found %d ignored %d (%v), want %d and %d", len(res.Found), res.Ignored, err, tt.found, tt.ignored)
			}
		})
	}
}

// TestScanListedKeyInUseIsReported: the ignore file cannot hide the key
// the caller says is in use.
func TestScanListedKeyInUseIsReported(t *testing.T) {
	key := testKey("sk-proj-", 22)
	root := newRepo(t)
	commit(t, root, "keys", map[string]string{"keys.txt": "k=" + key + "\n"})
	write(t, root, IgnoreFile, apikey.Fingerprint(key)+"\n")
	if res, err := Scan(context.Background(), root, 1); err != nil || len(res.Found) != 0 {
		t.Fatalf("listed key: found %d, %v; want it ignored", len(res.Found), err)
	}
	res, err := Scan(context.Background(), root, 1, apikey.New(key))
	if err != nil || len(res.Found) != 1 || res.Ignored != 0 {
		t.Fatalf("listed key in use: found %d ignored %d, %v; want it reported", len(res.Found), res.Ignored, err)
	}
}

func TestScanTimeLimit(t *testing.T) {
	root, _ := hiddenPlaces(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Scan(ctx, root, 2)
	if err == nil || !res.Incomplete {
		t.Fatalf("a cancelled scan: %+v, %v", res, err)
	}
}

func TestParseLog(t *testing.T) {
	proj, legacy := testKey("sk-proj-", 30), testKey("sk-", 31)
	none, admin := testKey("sk-None-", 32), testKey("sk-admin-", 33)
	long := strings.Repeat("x", 3<<20) + " " + proj + " " + strings.Repeat("y", 100)
	in := "\x01aaaa\nsubject\n\nbody " + admin + "\n\x02\n" +
		"diff --git a/f b/f\nnew file mode 100644\nindex 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111\n--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n" +
		"+k=" + proj + "\n" +
		"+++ " + legacy + "\n" + // an added line that looks like a header
		"-removed " + none + "\n" +
		"diff --git a/bin b/bin\nnew file mode 100644\nindex 0000000000000000000000000000000000000000..2222222222222222222222222222222222222222\n" +
		"Binary files /dev/null and b/bin differ\n" +
		"\x01bbbb\nno newline\x02\n" +
		"diff --git a/\"q\\tx\" b/\"q\\tx\"\n--- a/\"q\\tx\"\n+++ \"b/q\\tx\"\n@@ -1 +7 @@\n" +
		"+" + long + "\n"
	type hit struct {
		commit, path string
		line         int
		fp           string
	}
	var got []hit
	n, hidden, err := parseLog(strings.NewReader(in), func(k string, o occurrence) {
		got = append(got, hit{o.commit, o.path, o.line, apikey.Fingerprint(k)})
	})
	if err != nil || n != 2 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	want := []hit{
		{"aaaa", MessagePath, 3, apikey.Fingerprint(admin)},
		{"aaaa", "f", 1, apikey.Fingerprint(proj)},
		{"aaaa", "f", 2, apikey.Fingerprint(legacy)},
		{"bbbb", "q\tx", 7, apikey.Fingerprint(proj)},
	}
	if len(got) < len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("hit %d = %v, want %v", i, got[i], w)
		}
	}
	for _, g := range got[len(want):] { // the long line may match in overlapping windows
		if g != want[3] {
			t.Errorf("extra hit %v", g)
		}
	}
	if len(hidden) != 1 || hidden[0] != (hiddenBlob{"aaaa", "bin", strings.Repeat("2", 40)}) {
		t.Errorf("hidden = %+v", hidden)
	}
}

func TestDecodeText(t *testing.T) {
	be := []byte{0xFE, 0xFF, 0, 'k', 0, '='}
	for in, want := range map[string]string{
		utf16LE("k=v"):       "k=v",
		string(be):           "k=",
		"\xEF\xBB\xBFk=v":    "k=v",
		"plain\x00bytes k=v": "plain\x00bytes k=v",
	} {
		if got := decodeText([]byte(in)); got != want {
			t.Errorf("decodeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScanObjectsCutShort: when the blob pass cannot run, every commit with
// an unread hidden blob counts as not scanned.
func TestScanObjectsCutShort(t *testing.T) {
	root := newRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	hidden := []hiddenBlob{{"c1", "a", "b1"}, {"c1", "b", "b2"}, {"c2", "a", "b1"}}
	cut, err := scanObjects(ctx, root, hidden, map[string]int{}, newCollector(ignoreList{}))
	if err == nil || cut != 2 {
		t.Fatalf("cut = %d, err = %v; want 2 commits and an error", cut, err)
	}
}
