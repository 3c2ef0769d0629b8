// Package hygiene judges how the files holding a key are kept: ignored by
// git (env.gitignore, with leftover temporary files), not tracked
// (env.tracked), not readable by others (env.perms), not readable by coding
// agents (env.agents), and whether any key is in the repository's history
// (git.history).
//
// It imports checks for Result, the codes and the fixes table, so those
// stay one table each; checks' engine cannot import it back, and takes Run
// as a value (checks.Options.Hygiene) that cmd wires. That keeps the
// dependency one way without registration at init time, and a caller that
// wants no hygiene checks (a new key's format and API checks) needs none.
package hygiene

import (
	"context"
	"sync"

	"github.com/setupkit/openai-setup/checks"
)

// Run is a checks.HygieneRunner: it runs the wanted hygiene checks, the
// git and file ones and the coding-agent scan side by side, and emits each
// result as it is ready. ctx bounds git.history and the transcript scan,
// which say how far they got when it ends.
func Run(ctx context.Context, in checks.HygieneInput, want func(id string) bool, emit func(...checks.Result)) {
	var left []leftover // read once, for env.gitignore and env.agents
	if want(checks.EnvGitignore) || want(checks.EnvAgents) {
		left = leftovers(in.Inventory.DotenvFiles)
	}
	var wg sync.WaitGroup
	if want(checks.EnvGitignore) || want(checks.EnvTracked) || want(checks.EnvPerms) || want(checks.GitHistory) {
		wg.Go(func() { emit(hygieneChecks(ctx, in.Inventory, in.Discover.Dir, left, want)...) })
	}
	if want(checks.EnvAgents) {
		wg.Go(func() { emit(agentsCheck(ctx, in.Inventory, in.Discover, left)) })
	}
	if want(checks.EnvCI) {
		wg.Go(func() { emit(ciCheck(in.Inventory)) })
	}
	wg.Wait()
}
