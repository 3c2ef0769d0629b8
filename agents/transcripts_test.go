package agents

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// Test keys: shaped like keys, never real.
const (
	currentSecret = "sk-proj-Tq3v9Lm2Xc7Rb1Nw8Kd4Hs6Gf0Pj5Yz2Ae7Ui3Oo9Wr1"
	oldSecret     = "sk-proj-Mn4Bv8Cx2Za6Sd1Fg5Hj9Kl3Qw7Er0Ty4Ui8Op2As6Df0"
)

func testKeys() []Known {
	return []Known{{Key: apikey.New(currentSecret), Current: true}, {Key: apikey.New(oldSecret)}}
}

// fixture is a home with Claude Code and Codex folders and a work tree.
type fixture struct {
	root, home string
	env        func(string) string
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	root, home := filepath.Join(t.TempDir(), "my app"), t.TempDir()
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return fixture{root, home, fakeEnv(map[string]string{"HOME": home})}
}

func (f fixture) write(t *testing.T, path, content string, age time.Duration) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	mod := time.Now().Add(-age)
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
	return path
}

func (f fixture) claudeFile(name string) string {
	return filepath.Join(ClaudeProjectDir(filepath.Join(f.home, ".claude"), f.root), name)
}

func (f fixture) codexFile(name string) string {
	return filepath.Join(f.home, ".codex", "sessions", "2026", "12", "01", name)
}

func TestClaudeProjectDir(t *testing.T) {
	got := ClaudeProjectDir("/c", "/Users/ana/src/my_app.v2")
	if want := filepath.Join("/c", "projects", "-Users-ana-src-my-app-v2"); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestScanTranscripts(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("a", 300<<10) // longer than a chunk and than bufio.Scanner's limit
	cwd := fmt.Sprintf(`{"type":"user","cwd":%q}`, f.root)
	claude := f.write(t, f.claudeFile("s1.jsonl"),
		`{"type":"summary"}`+"\n"+cwd+"\n"+`{"text":"`+long+currentSecret+`"}`+"\n"+currentSecret+"\n", time.Hour)
	f.write(t, f.claudeFile("other-cwd.jsonl"), `{"cwd":"/somewhere/else"}`+"\n"+currentSecret+"\n", time.Hour)
	codex := f.write(t, f.codexFile("rollout-a.jsonl"),
		fmt.Sprintf(`{"type":"session_meta","payload":{"cwd":%q}}`, filepath.Join(f.root, "web"))+"\nx\n"+oldSecret+"\n", 2*time.Hour)
	f.write(t, f.codexFile("rollout-b.jsonl"), `{"type":"session_meta","payload":{"cwd":"/elsewhere"}}`+"\n"+currentSecret+"\n", time.Hour)
	f.write(t, f.codexFile("rollout-c.jsonl"), `{"type":"message"}`+"\n"+currentSecret+"\n", time.Hour)
	aider := f.write(t, filepath.Join(f.root, AiderHistory), "# aider chat\n\n> "+oldSecret+" and "+currentSecret+"\n", 3*time.Hour)

	res := ScanTranscripts(context.Background(), TranscriptOptions{Root: f.root, Getenv: f.env, Keys: testKeys()})
	want := []string{
		fmt.Sprintf("claude %s:3 x2 current=true", claude),
		fmt.Sprintf("codex %s:3 x1 current=false", codex),
		fmt.Sprintf("aider %s:3 x1 current=true", aider),
		fmt.Sprintf("aider %s:3 x1 current=false", aider),
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s %s:%d x%d current=%v", h.Agent, h.Path, h.Line, h.Count, h.Current))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hits\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Incomplete || res.Files != 6 || res.Scanned != 6 || res.Foreign != 3 {
		t.Errorf("scan %+v", res)
	}
	if dump := fmt.Sprintf("%+v %#v", res, res); strings.Contains(dump, currentSecret) || strings.Contains(dump, oldSecret) {
		t.Error("a secret leaked into the result")
	}
}

func TestScanTranscriptsHomes(t *testing.T) {
	f := newFixture(t)
	cfg, codex := t.TempDir(), t.TempDir()
	f.write(t, filepath.Join(ClaudeProjectDir(cfg, f.root), "s.jsonl"), currentSecret+"\n", time.Minute)
	f.write(t, filepath.Join(codex, "sessions", "r.jsonl"),
		fmt.Sprintf(`{"type":"session_meta","payload":{"cwd":%q}}`, f.root)+"\n"+currentSecret, time.Minute)
	f.write(t, f.claudeFile("ignored.jsonl"), currentSecret, time.Minute) // ~/.claude is not read when CLAUDE_CONFIG_DIR is set
	env := fakeEnv(map[string]string{"HOME": f.home, EnvClaudeConfigDir: cfg, EnvCodexHome: codex})
	res := ScanTranscripts(context.Background(), TranscriptOptions{Root: f.root, Getenv: env, Keys: testKeys()})
	if len(res.Hits) != 2 || res.Hits[0].Agent == res.Hits[1].Agent {
		t.Errorf("hits %+v", res.Hits)
	}
}

func TestScanTranscriptsStopsEarly(t *testing.T) {
	f := newFixture(t)
	newest := f.write(t, f.claudeFile("new.jsonl"), currentSecret+"\n"+strings.Repeat("b", 1000), time.Minute)
	f.write(t, f.claudeFile("old.jsonl"), oldSecret+"\n", time.Hour)

	res := ScanTranscripts(context.Background(), TranscriptOptions{Root: f.root, Getenv: f.env, Keys: testKeys(), MaxBytes: 600})
	if !res.Incomplete || res.Why != "read limit reached" || res.BytesRead > 600 {
		t.Errorf("scan %+v: want incomplete at the read limit", res)
	}
	if len(res.Hits) != 1 || res.Hits[0].Path != newest {
		t.Errorf("hits %+v: want the newest file's key", res.Hits)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res = ScanTranscripts(ctx, TranscriptOptions{Root: f.root, Getenv: f.env, Keys: testKeys()})
	if !res.Incomplete || res.Why != "time limit reached" || len(res.Hits) != 0 {
		t.Errorf("cancelled scan %+v", res)
	}
}

func TestScanTranscriptsSkipsLinksAndPlaceholders(t *testing.T) {
	f := newFixture(t)
	if runtime.GOOS != "windows" {
		outside := f.write(t, filepath.Join(t.TempDir(), "x.jsonl"), currentSecret, time.Minute)
		dir := filepath.Dir(f.claudeFile("l.jsonl"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, f.claudeFile("l.jsonl")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Dir(outside), filepath.Join(dir, "linked-dir")); err != nil {
			t.Fatal(err)
		}
	}
	placeholder := "sk-proj-YOUR-KEY-GOES-HERE-0123456789abcdef"
	f.write(t, filepath.Join(f.root, AiderHistory), placeholder+"\n", time.Minute)
	keys := []Known{{Key: apikey.New(placeholder), Current: true}, {Key: apikey.New(currentSecret), Current: true}}
	res := ScanTranscripts(context.Background(), TranscriptOptions{Root: f.root, Getenv: f.env, Keys: keys})
	if len(res.Hits) != 0 {
		t.Errorf("hits %+v: links followed or placeholder searched", res.Hits)
	}
}

// TestMatcherAcrossChunks feeds the same text in chunks of several sizes:
// a key split between two chunks is found once, on the right line.
func TestMatcherAcrossChunks(t *testing.T) {
	text := "one\n" + currentSecret + "\nthree " + oldSecret + currentSecret + "\n"
	for _, size := range []int{1, 2, 7, 50, 51, len(text)} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			m := newMatcher(keyNeedles(testKeys()))
			for i := 0; i < len(text); i += size {
				m.feed([]byte(text[i:min(i+size, len(text))]))
			}
			got := fmt.Sprint(m.first, m.count)
			if want := "[2 3] [2 1]"; got != want {
				t.Errorf("first, count = %s, want %s", got, want)
			}
		})
	}
}

// TestScanTranscriptsThroughALink: doctor may see the work tree through a
// symbolic link while Claude Code recorded the resolved path.
func TestScanTranscriptsThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	f := newFixture(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(f.root, link); err != nil {
		t.Fatal(err)
	}
	f.write(t, f.claudeFile("s.jsonl"), fmt.Sprintf(`{"cwd":%q}`, f.root)+"\n"+currentSecret+"\n", time.Minute)
	res := ScanTranscripts(context.Background(), TranscriptOptions{Root: link, Getenv: f.env, Keys: testKeys()})
	if len(res.Hits) != 1 || res.Hits[0].Line != 2 {
		t.Errorf("scan %+v: want the session recorded under the resolved path", res)
	}
}
