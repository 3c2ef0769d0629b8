package history

import (
	"bufio"
	"context"
	"strings"

	"github.com/setupkit/openai-setup/internal/gitcli"
)

// revList returns every commit reachable from any ref or any stash entry
// (`git stash list`: only the newest is a ref, the others live in its
// reflog), newest first. A stash's index and untracked commits are its
// parents, so they are listed too.
func revList(ctx context.Context, root string) ([]string, error) {
	stashes, err := gitcli.Output(ctx, root, nil, "stash", "list", "--format=%H")
	if err != nil {
		return nil, err
	}
	st, err := gitcli.Start(ctx, root, strings.NewReader(string(stashes)), "rev-list", "--all", "--stdin")
	if err != nil {
		return nil, err
	}
	var revs []string
	sc := bufio.NewScanner(st.Stdout)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			revs = append(revs, line)
		}
	}
	// A repository without commits: rev-list --all prints nothing and
	// succeeds; any other failure is git's to explain.
	if err := st.Wait(); err != nil {
		if ctx.Err() != nil {
			return revs, ctx.Err()
		}
		return revs, err
	}
	return revs, nil
}
