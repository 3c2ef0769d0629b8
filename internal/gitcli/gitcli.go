// Package gitcli is the one way this project runs git. Every call goes
// through the same hardening, because doctor runs inside repositories
// people cloned from strangers: a repository's own .git/config must not be
// able to make git run a program (fsmonitor, hooks, external diff,
// textconv, signature checks, a pager), variables a git hook inherits must
// not point git at another repository, and no call may prompt, fetch or
// run without a time limit. It is a leaf: standard library only.
package gitcli

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

// Timeout bounds a short call (Output, Tracks, IgnoreRule) when its context
// has no earlier deadline.
const Timeout = 5 * time.Second

// StreamTimeout bounds a streamed call (Start) whose context has no deadline.
const StreamTimeout = 10 * time.Minute

// MaxOutput is the most stdout Output keeps; more is an error, not a
// truncated answer.
const MaxOutput = 16 << 20

// maxStderr is the most stderr kept for an error message.
const maxStderr = 4096

// ErrNoGit reports that the git binary is not on PATH.
var ErrNoGit = errors.New("git is not installed (not found on PATH)")

// ErrTooMuchOutput reports output larger than MaxOutput.
var ErrTooMuchOutput = errors.New("git printed more than the output limit")

// hardening is passed before every subcommand. Settings a repository's
// .git/config could use to run a program are switched off, and output
// formats the parsers rely on are pinned.
var hardening = []string{
	"--no-pager",
	"-c", "core.quotepath=off",
	"-c", "core.fsmonitor=false",
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "core.sshCommand=",
	"-c", "core.pager=cat",
	"-c", "color.ui=false",
	"-c", "log.showSignature=false",
	"-c", "log.showRoot=true",
	"-c", "diff.noprefix=false",
	"-c", "diff.mnemonicPrefix=false",
	"-c", "diff.relative=false",
	"-c", "protocol.allow=never", // no fetch, not even a partial clone's lazy one
	"-c", "credential.helper=",
}

// diffSafe is added right after subcommands that may print diffs: no
// external diff program, no textconv filter.
var diffSafe = map[string]bool{"log": true, "show": true, "diff": true}

// droppedEnv reports whether a variable is removed from git's environment:
// those that point git at another repository or index (set inside hooks),
// inject configuration (how `git -c` reaches a child git), or name programs
// git would run. The user's own config files (GIT_CONFIG_GLOBAL, _SYSTEM,
// _NOSYSTEM) are kept: they decide what the user's git ignores.
func droppedEnv(name string) bool {
	switch name {
	case "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM":
		return false
	case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
		"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
		"GIT_EXEC_PATH", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_EDITOR",
		"GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_PROXY_COMMAND",
		"GIT_SHALLOW_FILE", "GIT_GRAFT_FILE", "GIT_REPLACE_REF_BASE",
		"GIT_QUARANTINE_PATH", "GIT_PREFIX", "GIT_ATTR_SOURCE", "GIT_DIFF_OPTS",
		"GIT_LITERAL_PATHSPECS", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
		"GIT_ICASE_PATHSPECS", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
		"GIT_ALLOW_PROTOCOL", "GIT_PROTOCOL_FROM_USER", "GIT_SSH_VARIANT":
		return true
	}
	return strings.HasPrefix(name, "GIT_CONFIG") || strings.HasPrefix(name, "GIT_TRACE")
}

// env is the environment every git call gets.
func env() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if droppedEnv(name) || name == "LC_ALL" || name == "LANG" {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_NO_LAZY_FETCH=1")
}

// Args is the full argument list git gets for args: the hardening, then
// the subcommand (with diffSafe flags when it prints diffs), then the rest.
func Args(args ...string) []string {
	full := append([]string(nil), hardening...)
	if len(args) == 0 {
		return full
	}
	full = append(full, args[0])
	if diffSafe[args[0]] {
		full = append(full, "--no-ext-diff", "--no-textconv")
	}
	return append(full, args[1:]...)
}

// command builds a hardened git command in dir. The arguments never carry
// a secret: callers pass values on stdin.
func command(ctx context.Context, dir string, args []string) (*exec.Cmd, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	cmd := exec.CommandContext(ctx, bin, Args(args...)...)
	cmd.Dir = dir
	cmd.Env = env()
	cmd.WaitDelay = time.Second // do not hang on a stuck pipe after a kill
	return cmd, nil
}

// ExitError is a git command that ran and exited non-zero.
type ExitError struct {
	Code   int
	Cmd    string // the subcommand
	Stderr string // at most maxStderr bytes
}

func (e *ExitError) Error() string {
	first, _, _ := strings.Cut(strings.TrimSpace(e.Stderr), "\n")
	if first == "" {
		return fmt.Sprintf("git %s exited with status %d", e.Cmd, e.Code)
	}
	return fmt.Sprintf("git %s: %s", e.Cmd, first)
}

// ExitCode returns the exit status of a git that ran, or -1.
func ExitCode(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return -1
}

// withDeadline applies d when ctx has no deadline of its own.
func withDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// Output runs git in dir, bounded by ctx and Timeout, feeds it stdin (when
// not nil) and returns its stdout, at most MaxOutput bytes. A non-zero exit
// is an *ExitError; stdout is returned with it.
func Output(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd, err := command(ctx, dir, args)
	if err != nil {
		return nil, err
	}
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	out := &limited{w: &stdout, left: MaxOutput}
	cmd.Stdout, cmd.Stderr = out, &limited{w: &stderr, left: maxStderr}
	err = cmd.Run()
	return stdout.Bytes(), result(ctx, args, err, &stderr, out.over)
}

// result turns the end of a run into the error callers get.
func result(ctx context.Context, args []string, err error, stderr *bytes.Buffer, over bool) error {
	name := "(no command)"
	if len(args) > 0 {
		name = args[0]
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("git %s: timed out or cancelled: %w", name, ctx.Err())
	case over:
		return fmt.Errorf("git %s: %w", name, ErrTooMuchOutput)
	case err == nil:
		return nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return &ExitError{Code: ee.ExitCode(), Cmd: name, Stderr: stderr.String()}
	}
	return fmt.Errorf("git %s: %w", name, err)
}

// Stream is a running git whose stdout the caller reads.
type Stream struct {
	Stdout io.Reader
	cmd    *exec.Cmd
	ctx    context.Context
	cancel context.CancelFunc
	args   []string
	stderr bytes.Buffer
}

// Start runs git in dir with stdout streamed to the caller, bounded by ctx
// or, when ctx has no deadline, StreamTimeout. The caller reads Stdout to
// the end (or calls Stop) and then calls Wait.
func Start(ctx context.Context, dir string, stdin io.Reader, args ...string) (*Stream, error) {
	ctx, cancel := withDeadline(ctx, StreamTimeout)
	cmd, err := command(ctx, dir, args)
	if err != nil {
		cancel()
		return nil, err
	}
	s := &Stream{cmd: cmd, ctx: ctx, cancel: cancel, args: args}
	cmd.Stdin = stdin
	cmd.Stderr = &limited{w: &s.stderr, left: maxStderr}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	s.Stdout = out
	return s, nil
}

// Stop kills the command; Wait must still be called.
func (s *Stream) Stop() { _ = s.cmd.Process.Kill() }

// Wait waits for the command to end, after Stdout was read or Stop called.
// A context that ended first makes it an error even when git exited 0.
func (s *Stream) Wait() error {
	defer s.cancel()
	err := s.cmd.Wait()
	return result(s.ctx, s.args, err, &s.stderr, false)
}

// limited keeps at most left bytes and notes when more came, so a chatty
// command cannot grow memory.
type limited struct {
	w    io.Writer
	left int
	over bool
}

func (l *limited) Write(p []byte) (int, error) {
	q := p
	if len(q) > l.left {
		q, l.over = q[:l.left], true
	}
	l.left -= len(q)
	_, _ = l.w.Write(q)
	return len(p), nil
}

// SplitZ splits NUL-terminated output, dropping empty fields.
func SplitZ(out []byte) []string {
	var list []string
	for _, f := range bytes.Split(out, []byte{0}) {
		if len(f) > 0 {
			list = append(list, string(f))
		}
	}
	return list
}

// FindRoot walks up from dir looking for a .git entry (a folder, or the
// file a worktree or submodule has) and returns the folder holding it, or
// "" when there is none. It runs no git command.
func FindRoot(dir string) string {
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
