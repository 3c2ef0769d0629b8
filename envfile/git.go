package envfile

import (
	"context"
	"errors"
	"fmt"
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
// ignored (see gitcli.IgnoreRule). It returns errNoRepo when git gives no
// answer.
func gitIgnoreRule(ctx context.Context, path string) (gitcli.Rule, error) {
	r, err := gitcli.IgnoreRule(ctx, path)
	if err != nil {
		return gitcli.Rule{}, fmt.Errorf("%w: %w", errNoRepo, err)
	}
	return r, nil
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
