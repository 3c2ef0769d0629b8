package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestDoctorShowsProgressOnlyAtATerminal: with stderr a terminal, doctor
// draws each check as pending and then its result there, and erases the
// lines before the report; stdout is the same report either way, and JSON
// runs print nothing on stderr.
func TestDoctorShowsProgressOnlyAtATerminal(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	elapsed := regexp.MustCompile(`<?\d+(\.\d+)?(µs|ms|s)\b`) // timings differ between two runs
	report := func(errTTY bool, args ...string) (stdout, stderr string) {
		tr := newTestRun(t, "OPENAI_API_KEY="+key)
		tr.app.ErrTTY = errTTY
		tr.app.ErrWidth = func() int { return 80 }
		tr.run(t, append([]string{"doctor", "--base-url", srv.URL(), "--timeout", "5s"}, args...)...)
		return elapsed.ReplaceAllString(tr.out.String(), "(…)"), tr.err.String()
	}

	piped, pipedErr := report(false)
	tty, ttyErr := report(true)
	if pipedErr != "" {
		t.Errorf("piped run wrote to stderr: %q", pipedErr)
	}
	if tty != piped {
		t.Errorf("stdout differs at a terminal:\n%s\n--- piped ---\n%s", tty, piped)
	}
	for _, want := range []string{"checking…", "✓ key.format", "✓ api.auth", "\x1b[J"} {
		if !strings.Contains(ttyErr, want) {
			t.Errorf("progress on stderr lacks %q:\n%q", want, ttyErr)
		}
	}
	if !strings.HasSuffix(ttyErr, "\r\x1b[J") {
		t.Errorf("progress is not erased at the end: %q", ttyErr[max(0, len(ttyErr)-40):])
	}
	for _, line := range strings.Split(ttyErr, "\n") {
		if w := len([]rune(stripCSI(line))); w > 80 {
			t.Errorf("progress line wider than the terminal (%d): %q", w, line)
		}
	}

	if _, jsonErr := report(true, "--json"); jsonErr != "" {
		t.Errorf("--json at a terminal wrote to stderr: %q", jsonErr)
	}
}

var csi = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]|\r")

func stripCSI(s string) string { return csi.ReplaceAllString(s, "") }

// --with-key shows the same progress at a terminal while its checks run,
// and none when stderr is piped or the output is JSON.
func TestWithKeyShowsProgressOnlyAtATerminal(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := fakeapi.Key("ok")
	stderr := func(errTTY bool, args ...string) string {
		tr := newTestRun(t)
		tr.app.ErrTTY = errTTY
		tr.app.ErrWidth = func() int { return 80 }
		tr.app.In = strings.NewReader(key)
		tr.run(t, append([]string{"--with-key", "--dry-run", "--base-url", srv.URL(), "--timeout", "5s"}, args...)...)
		assertNoLeak(t, key, tr.out.String()+tr.err.String())
		return tr.err.String()
	}
	if got := stderr(true); !strings.Contains(got, "checking…") || !strings.Contains(got, "✓ api.auth") {
		t.Errorf("no progress at a terminal:\n%q", got)
	}
	if got := stderr(false); strings.Contains(got, "checking…") {
		t.Errorf("progress on a piped stderr:\n%q", got)
	}
	if got := stderr(true, "--json"); strings.Contains(got, "checking…") {
		t.Errorf("progress with --json:\n%q", got)
	}
}
