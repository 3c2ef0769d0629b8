package checks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// gitTimeout bounds one short git call (check-ignore, ls-files). The history
// scan is bounded by its caller's context instead.
const gitTimeout = 5 * time.Second

// errNoGit reports that the git binary is not installed.
var errNoGit = errors.New("git is not installed (not found on PATH)")

// gitFindRoot walks up from dir looking for a .git entry (a folder, or the
// file a worktree or submodule has) and returns the folder holding it, or ""
// when dir is not inside a repository. It runs no git command.
func gitFindRoot(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// gitCommand builds a git command run in dir: never prompting, paths
// printed raw, no pager, no user colour settings. The arguments never carry
// a key.
func gitCommand(ctx context.Context, dir string, args ...string) (*exec.Cmd, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, errNoGit
	}
	full := append([]string{"-c", "core.quotepath=off", "-c", "color.ui=false", "--no-pager"}, args...)
	cmd := exec.CommandContext(ctx, bin, full...)
	cmd.Dir = dir
	// Drop variables that would point git at another repository than the
	// folder doctor found (they are set inside git hooks, for one).
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_NAMESPACE":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	cmd.WaitDelay = time.Second // do not hang on a stuck pipe after a kill
	return cmd, nil
}

// gitOutput runs a short git command with gitTimeout and returns its stdout.
// stdin, when not nil, is fed to the command.
func gitOutput(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd, err := gitCommand(ctx, dir, args...)
	if err != nil {
		return nil, err
	}
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, limitWriter(&stderr, 4096)
	err = cmd.Run()
	if ctx.Err() != nil {
		return stdout.Bytes(), fmt.Errorf("git %s: timed out", args[0])
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return stdout.Bytes(), &gitExitError{code: ee.ExitCode(), stderr: strings.TrimSpace(stderr.String()), cmd: args[0]}
		}
		return stdout.Bytes(), fmt.Errorf("git %s: %w", args[0], err)
	}
	return stdout.Bytes(), nil
}

// gitExitError is a git command that ran and exited non-zero.
type gitExitError struct {
	code   int
	stderr string
	cmd    string
}

func (e *gitExitError) Error() string {
	first, _, _ := strings.Cut(e.stderr, "\n")
	if first == "" {
		return fmt.Sprintf("git %s exited with status %d", e.cmd, e.code)
	}
	return fmt.Sprintf("git %s: %s", e.cmd, first)
}

// gitExitCode returns the exit status of a git that ran, or -1.
func gitExitCode(err error) int {
	var ge *gitExitError
	if errors.As(err, &ge) {
		return ge.code
	}
	return -1
}

// limitWriter keeps at most n bytes, so a chatty stderr cannot grow memory.
func limitWriter(w io.Writer, n int) io.Writer { return &gitLimited{w: w, left: n} }

type gitLimited struct {
	w    io.Writer
	left int
}

func (l *gitLimited) Write(p []byte) (int, error) {
	if l.left > 0 {
		q := p
		if len(q) > l.left {
			q = q[:l.left]
		}
		l.left -= len(q)
		_, _ = l.w.Write(q)
	}
	return len(p), nil
}

// gitSplitZ splits NUL-terminated git output.
func gitSplitZ(out []byte) []string {
	var list []string
	for _, f := range bytes.Split(out, []byte{0}) {
		if len(f) > 0 {
			list = append(list, string(f))
		}
	}
	return list
}
