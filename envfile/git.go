package envfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// gitTimeout bounds each git call; they are all local and quick.
const gitTimeout = 5 * time.Second

// errNoRepo means git ran but the folder is not in a work tree, or git
// could not be run at all; callers then fall back to reading files.
var errNoRepo = errors.New("not in a git work tree")

// gitRun runs git in dir and returns stdout and the exit code. The
// arguments are names and flags, never a value from a .env file. err is
// set only when git could not run to completion (missing, timed out).
func gitRun(ctx context.Context, dir string, stdin []byte, args ...string) ([]byte, int, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, -1, err
	}
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	full := append([]string{"--no-pager", "-c", "core.quotepath=off"}, args...)
	cmd := exec.CommandContext(ctx, bin, full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	cmd.WaitDelay = time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stdin = bytes.NewReader(stdin)
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && ctx.Err() == nil {
		return out.Bytes(), exit.ExitCode(), nil
	}
	if err != nil {
		return nil, -1, err
	}
	return out.Bytes(), 0, nil
}

// inWorkTree reports whether dir is inside a git work tree.
func inWorkTree(ctx context.Context, dir string) bool {
	out, code, err := gitRun(ctx, dir, nil, "rev-parse", "--is-inside-work-tree")
	return err == nil && code == 0 && bytes.Equal(bytes.TrimSpace(out), []byte("true"))
}

// gitTracks reports whether git tracks path. Outside a repository, or
// without git, nothing is tracked.
func gitTracks(ctx context.Context, path string) bool {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if !inWorkTree(ctx, dir) {
		return false
	}
	_, code, err := gitRun(ctx, dir, nil, "ls-files", "--error-unmatch", "--", ":(literal)"+base)
	return err == nil && code == 0
}

// gitIgnoreRule asks git which rule, if any, decides whether path is
// ignored. --no-index makes git read the rules even for a tracked file,
// which is what decides whether a .gitignore entry is needed. It returns
// errNoRepo outside a work tree or without git.
func gitIgnoreRule(ctx context.Context, path string) (rule ignoreRule, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if !inWorkTree(ctx, dir) {
		return ignoreRule{}, errNoRepo
	}
	// --stdin -z passes the name as data, so any byte in it is safe.
	out, code, err := gitRun(ctx, dir, []byte(base+"\x00"), "check-ignore", "--no-index", "-v", "-n", "-z", "--stdin")
	if err != nil || (code != 0 && code != 1) {
		return ignoreRule{}, errNoRepo
	}
	// -z -v -n: source NUL line NUL pattern NUL path NUL; empty source = no rule.
	f := bytes.Split(out, []byte{0})
	if len(f) < 4 || len(f[0]) == 0 {
		return ignoreRule{}, nil
	}
	return ignoreRule{
		matched: true,
		source:  string(f[0]) + ":" + string(f[1]),
		pattern: string(f[2]),
	}, nil
}

// ignoreRule is the last rule matching a path.
type ignoreRule struct {
	matched bool
	source  string // "file:line"
	pattern string // as written, with its "!" when it is a negation
}

func (r ignoreRule) negated() bool { return r.matched && len(r.pattern) > 0 && r.pattern[0] == '!' }
