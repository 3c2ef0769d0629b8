package envfile

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/setupkit/openai-setup/internal/gitcli"
)

// ErrTrackedUnknown is wrapped by Update's error when a .git entry is at or
// above the file but git could not say whether it tracks it (git missing,
// timed out, a broken repository) and Options.Force is not set: writing a
// key without knowing could put it in the next commit.
var ErrTrackedUnknown = errors.New("cannot tell whether git tracks this file")

// errNoRepo means git gave no answer about ignore rules (no repository, or
// git could not run); callers then fall back to reading files.
var errNoRepo = errors.New("not in a git work tree")

// gitTracks reports whether git tracks path; outside any repository nothing
// is. A failure to ask is an error wrapping ErrTrackedUnknown.
func gitTracks(ctx context.Context, path string) (bool, error) {
	tracked, err := gitcli.Tracks(ctx, path)
	if err != nil {
		return false, fmt.Errorf("%w: %w", ErrTrackedUnknown, err)
	}
	return tracked, nil
}

// gitIgnoreRule asks git which rule, if any, decides whether path is
// ignored, in the work tree whose top is top. It returns errNoRepo when
// there is none or git gives no answer.
func gitIgnoreRule(ctx context.Context, path, top string) (gitcli.Rule, error) {
	if top == "" {
		return gitcli.Rule{}, errNoRepo
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	rules, err := gitcli.IgnoreRules(ctx, dir, []string{base})
	if err != nil || len(rules) == 0 {
		return gitcli.Rule{}, fmt.Errorf("%w: %v", errNoRepo, err)
	}
	return rules[0], nil
}

// WorkTree is the git work tree around the files of one save, found once
// (FindWorkTree) and passed down in Options.WorkTree, so the steps of a save
// (plan, .gitignore, .env, read-back) do not each ask git.
type WorkTree struct {
	Top string // the work tree's top folder; "" when in none (or git cannot say)
}

// FindWorkTree asks git once for the work tree holding dir.
func FindWorkTree(ctx context.Context, dir string) *WorkTree {
	return &WorkTree{Top: workTreeTop(ctx, dir)}
}

// top is the work tree's top for dir: the one the save found, else git's
// answer now.
func (o Options) top(ctx context.Context, dir string) string {
	if o.WorkTree != nil {
		return o.WorkTree.Top
	}
	return workTreeTop(ctx, dir)
}

// workTreeTop returns the top folder of the git work tree holding dir, or
// "" when dir is in none or git cannot say.
func workTreeTop(ctx context.Context, dir string) string {
	if gitcli.FindRoot(dir) == "" {
		return ""
	}
	out, err := gitcli.Output(ctx, dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// inWorkTree reports whether dir is inside a git work tree.
func inWorkTree(ctx context.Context, dir string) bool { return workTreeTop(ctx, dir) != "" }
