package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

var update = flag.Bool("update", false, "rewrite the help golden files")

// TestErrorsArePlainLines: an error is one plain line, and a usage error
// names the help to read, as gh does; no box, no padding, the message's case.
func TestErrorsArePlainLines(t *testing.T) {
	tests := []struct {
		args string
		want string
	}{
		{"doctor --nope", "openai-setup: unknown flag: --nope\nRun 'openai-setup doctor --help'.\n"},
		{"rotate --Old x", "openai-setup: unknown flag: --Old\nRun 'openai-setup rotate --help'.\n"},
		{"doctr", "openai-setup: unknown command \"doctr\". Did you mean doctor?\nRun 'openai-setup --help'.\n"},
		{"-v", "openai-setup: unknown flag -v: for the version use --version; -v means --verbose (openai-setup doctor -v)\nRun 'openai-setup --help'.\n"},
		{"help nope", "openai-setup: unknown help topic \"nope\"\nRun 'openai-setup help --help'.\n"},
		{"help exit-code", "openai-setup: unknown help topic \"exit-code\". Did you mean exit-codes?\nRun 'openai-setup help --help'.\n"},
		{"doctor --timeout 0s", "openai-setup: --timeout must be positive\nRun 'openai-setup doctor --help'.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			tr := newTestRun(t)
			if code := tr.run(t, strings.Fields(tt.args)...); code != exitUsage {
				t.Errorf("exit = %d, want %d", code, exitUsage)
			}
			if tr.err.String() != tt.want {
				t.Errorf("stderr =\n%q\nwant\n%q", tr.err.String(), tt.want)
			}
		})
	}
}

// TestHelpGolden: help is plain text that fits 80 columns, names every
// flag's value, and reads as the golden files say.
func TestHelpGolden(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"doctor", "--help"}, {"rotate", "--help"}, {"help", "exit-codes"}} {
		name := strings.Join(args, "_")
		t.Run(name, func(t *testing.T) {
			tr := newTestRun(t)
			if code := tr.run(t, args...); code != exitOK {
				t.Fatalf("exit %d: %s", code, tr.err)
			}
			out := tr.out.String()
			for i, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > helpWidth {
					t.Errorf("line %d is %d columns: %q", i+1, w, line)
				}
				if strings.TrimRight(line, " ") != line {
					t.Errorf("line %d ends in spaces: %q", i+1, line)
				}
			}
			for _, flagName := range []string{"--timeout duration", "--model name", "--base-url url"} {
				if args[0] != "help" && !strings.Contains(out, flagName) {
					t.Errorf("help lacks %q", flagName)
				}
			}
			if args[0] == "rotate" {
				return // rotate's texts change with rotate; only the shape is checked here
			}
			golden := filepath.Join("testdata", "help-"+strings.TrimLeft(name, "-")+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/openai-setup/ -run TestHelpGolden -update writes it)", err)
			}
			if out != string(want) {
				t.Errorf("help differs from %s (rerun with -update and check the diff):\n%s", golden, out)
			}
		})
	}
}

func TestExitCodesAgree(t *testing.T) {
	tr := newTestRun(t)
	tr.run(t, "help", "exit-codes")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	tm := newTestRun(t)
	tm.run(t, "man")
	for _, d := range exitCodeDocs {
		num := strconv.Itoa(d.Code)
		if !strings.Contains(tr.out.String(), "  "+num+"  ") {
			t.Errorf("help exit-codes lacks code %s", num)
		}
		if !strings.Contains(string(readme), "| "+num+" | ") {
			t.Errorf("README's exit code table lacks code %s", num)
		}
		if !strings.Contains(tm.out.String(), "\n"+num+"  ") {
			t.Errorf("man page's EXIT STATUS lacks code %s", num)
		}
	}
}

func TestManPage(t *testing.T) {
	tr := newTestRun(t)
	if code := tr.run(t, "man"); code != exitOK {
		t.Fatalf("exit %d: %s", code, tr.err)
	}
	page := tr.out.String()
	for _, want := range []string{".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES", `\fB-v, --verbose\fP`, `\fB--timeout duration\fP`,
		"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_ADMIN_KEY", "NO_COLOR", "ACCESSIBLE", "HTTPS_PROXY"} {
		if !strings.Contains(page, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	if strings.Contains(page, "--v ") {
		t.Error("man page shows --v for -v")
	}
}

func TestCompletionCompletesValues(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "doctor", "--check", ""}, []string{"api.auth\tthe key authenticates", "git.history\t", ":4\n"}},
		{[]string{"__complete", "doctor", "--model", ""}, []string{"gpt-4o-mini\n", ":4\n"}},
		{[]string{"__complete", "--model", ""}, []string{"gpt-4o-mini\n"}},
		{[]string{"__complete", "doctor", "--env-file", ""}, []string{":0\n"}}, // files: the shell's default
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			tr := newTestRun(t)
			tr.run(t, tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(tr.out.String(), w) {
					t.Errorf("completion lacks %q:\n%s", w, tr.out)
				}
			}
		})
	}
}

// endless is /dev/zero: --with-key must stop reading it.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestWithKeySaysHowBigTheInputWas(t *testing.T) {
	tests := []struct {
		name string
		in   io.Reader
		want string
	}{
		{"2000 bytes", strings.NewReader(strings.Repeat("a", 2000)), "openai-setup: --with-key: input is 2000 bytes; the limit is 1024 bytes. Pipe in only the key\n"},
		{"endless", endless{}, "openai-setup: --with-key: input is over 65536 bytes; the limit is 1024 bytes. Pipe in only the key\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t)
			tr.app.In = tt.in
			if code := tr.run(t, "--with-key", "--skip-checks"); code != exitUsage {
				t.Errorf("exit = %d, want %d", code, exitUsage)
			}
			if first, _, _ := strings.Cut(tr.err.String(), "Run "); first != tt.want {
				t.Errorf("stderr = %q, want %q", tr.err.String(), tt.want)
			}
		})
	}
}

func TestDryRunWithNothingToChangeSaysSo(t *testing.T) {
	key := fakeapi.Key("ok")
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	if code := withKeyRunIn(t, tr, key, "--skip-checks"); code != exitOK {
		t.Fatalf("save: exit %d: %s", code, tr.err)
	}
	tr.out.Reset()
	if code := withKeyRunIn(t, tr, key, "--skip-checks", "--dry-run"); code != exitOK {
		t.Fatalf("dry run: exit %d: %s", code, tr.err)
	}
	if !strings.Contains(tr.out.String(), "nothing would change") {
		t.Errorf("dry run with the key already saved said:\n%s", tr.out)
	}
}

func TestQuitUnsavedExitsThreeSilently(t *testing.T) {
	if got := exitCode(fmt.Errorf("wizard: %w", errQuitUnsaved)); got != exitQuitUnsaved {
		t.Errorf("exitCode = %d, want %d", got, exitQuitUnsaved)
	}
	tr := newTestRun(t)
	printError(tr.app, nil, errQuitUnsaved)
	if tr.err.Len() != 0 {
		t.Errorf("printed %q; the wizard's summary already said it", tr.err)
	}
}

func TestHelpFitsANarrowTerminal(t *testing.T) {
	tr := newTestRun(t)
	tr.app.OutTTY = true
	tr.app.Width = func() int { return 60 }
	tr.run(t, "doctor", "--help")
	for _, line := range strings.Split(tr.out.String(), "\n") {
		if w := ansi.StringWidth(line); w > 60 && !strings.Contains(line, "openai-setup doctor --") {
			t.Errorf("line is %d columns at a 60-column terminal: %q", w, line)
		}
	}
}
