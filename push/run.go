// Package push copies a checked key into a secret store through that
// store's official CLI: the targets, the argv each step runs, and the
// read-back compare. It prints nothing; the command renders its Result.
//
// The key reaches a child process only on its standard input: never an
// argument (other users see argv in ps), never a variable of the child's
// environment, never a temporary file.
package push

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// DefaultTimeout bounds each child process.
const DefaultTimeout = 30 * time.Second

// maxOutput is the most of a child's stdout or stderr kept.
const maxOutput = 64 << 10

// StdinPlaceholder stands for the key wherever a command is shown.
const StdinPlaceholder = "<key from stdin>"

// droppedVars are removed from every child's environment: a CLI has no
// business seeing the key it is given on stdin, nor the admin key.
var droppedVars = []string{"OPENAI_API_KEY", "OPENAI_ADMIN_KEY"}

// runner runs a target's CLI with a given environment, folder and timeout.
type runner struct {
	environ []string
	dir     string
	timeout time.Duration
	key     apikey.Key // scrubbed from every output kept
}

// childEnv is environ minus droppedVars, plus extra.
func childEnv(environ []string, extra ...string) []string {
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, d := range droppedVars {
			drop = drop || strings.EqualFold(name, d)
		}
		if !drop {
			out = append(out, kv)
		}
	}
	return append(out, extra...)
}

// lookPath finds name on the PATH of environ (not the process's own, so a
// caller's environment decides which CLI runs).
func lookPath(environ []string, name string) (string, error) {
	path := ""
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" || !filepath.IsAbs(dir) {
			continue // a relative PATH entry would run a program from the current folder
		}
		if p, err := exec.LookPath(filepath.Join(dir, name)); err == nil {
			return p, nil
		}
	}
	return "", exec.ErrNotFound
}

// output is what a child printed, cut to maxOutput.
type output struct {
	stdout []byte
	stderr string
}

// run runs argv with stdin as its whole standard input (nil: empty) and
// returns its output. A non-zero exit is an error carrying the child's
// stderr, scrubbed of the key and made safe for a terminal.
func (r runner) run(ctx context.Context, stdin []byte, argv ...string) (output, error) {
	bin, err := lookPath(r.environ, argv[0])
	if err != nil {
		return output{}, errNotFound
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, argv[1:]...)
	cmd.Dir = r.dir
	cmd.Env = childEnv(r.environ, "GH_PROMPT_DISABLED=1", "NO_COLOR=1")
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.WaitDelay = time.Second // do not hang on a pipe a grandchild holds
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &capped{w: &stdout, left: maxOutput}
	cmd.Stderr = &capped{w: &stderr, left: maxOutput}
	err = cmd.Run()
	out := output{stdout: stdout.Bytes(), stderr: r.clean(stderr.String())}
	switch {
	case ctx.Err() != nil:
		return out, fmt.Errorf("%s did not finish within %s", argv[0], r.timeout)
	case err != nil:
		msg := out.stderr
		if msg == "" {
			msg = r.clean(string(out.stdout))
		}
		return out, &cliError{cmd: strings.Join(argv[:min(3, len(argv))], " "), msg: msg, err: err}
	}
	return out, nil
}

// clean scrubs the key from a child's text and escapes it for a terminal.
func (r runner) clean(s string) string {
	return termtext.Safe(strings.TrimSpace(apikey.Scrub(s, r.key)))
}

var errNotFound = errors.New("not found on PATH")

// cliError is a CLI that ran and failed; msg is its own words, cleaned.
type cliError struct {
	cmd, msg string
	err      error
}

func (e *cliError) Error() string {
	first, _, _ := strings.Cut(e.msg, "\n")
	if first == "" {
		return fmt.Sprintf("%s failed (%v)", e.cmd, e.err)
	}
	return fmt.Sprintf("%s failed: %s", e.cmd, first)
}

// capped writes at most left bytes to w and drops the rest.
type capped struct {
	w    io.Writer
	left int
}

func (c *capped) Write(p []byte) (int, error) {
	n := len(p)
	if c.left <= 0 {
		return n, nil
	}
	if len(p) > c.left {
		p = p[:c.left]
	}
	c.left -= len(p)
	_, err := c.w.Write(p)
	return n, err
}
