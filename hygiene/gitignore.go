package hygiene

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// hygieneChecks judges how the files holding a key are kept: ignored by git,
// not tracked, not readable by others, and whether any key is in the
// repository's history. ctx bounds git.history, which reports
// scan_incomplete when it runs out. Results come in the order env.gitignore,
// env.tracked, env.perms, git.history.
func hygieneChecks(ctx context.Context, inv discover.Inventory, dir string, left []leftover, want func(id string) bool) []checks.Result {
	if dir == "" {
		dir = inv.Dir
	}
	var history checks.Result
	var wg sync.WaitGroup
	if want(checks.GitHistory) { // the slow one starts first and runs alongside
		wg.Go(func() { history = historyCheck(ctx, inv, dir) })
	}
	var out []checks.Result
	if want(checks.EnvGitignore) {
		out = append(out, gitignoreCheck(ctx, inv, left))
	}
	if want(checks.EnvTracked) {
		out = append(out, trackedCheck(ctx, inv))
	}
	if want(checks.EnvPerms) {
		out = append(out, permsCheck(inv.KeyFiles))
	}
	wg.Wait()
	if want(checks.GitHistory) {
		out = append(out, history)
	}
	return out
}

// dotenvKeyFiles are the dotenv files holding a key.
func dotenvKeyFiles(inv discover.Inventory) []string {
	var files []string
	for _, f := range inv.KeyFiles {
		if slices.Contains(inv.DotenvFiles, f) {
			files = append(files, f)
		}
	}
	return files
}

// byRepo groups files by the repository holding them; files outside any
// repository go under "".
func byRepo(files []string) (roots []string, byRoot map[string][]string) {
	byRoot = map[string][]string{}
	for _, f := range files {
		root := gitcli.FindRoot(filepath.Dir(f))
		if _, seen := byRoot[root]; !seen {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], f)
	}
	return roots, byRoot
}

// relTo is f relative to root, with forward slashes as git wants them.
func relTo(root, f string) string {
	rel, err := filepath.Rel(root, f)
	if err != nil {
		return f
	}
	return filepath.ToSlash(rel)
}

// gitSkip turns a git failure into a Skip with its reason.
func gitSkip(id string, err error) checks.Result {
	if errors.Is(err, gitcli.ErrNoGit) {
		return checks.Skipped(id, "", "skipped: git is not installed, so doctor cannot ask it")
	}
	return checks.Skipped(id, "", "skipped: "+err.Error())
}

// gitignoreCheck judges the ignore rules of the dotenv files holding a key,
// then adds the leftover temporary files of interrupted writes, which those
// rules may not cover (see addLeftovers).
func gitignoreCheck(ctx context.Context, inv discover.Inventory, left []leftover) checks.Result {
	return addLeftovers(ignoreRules(ctx, inv), left)
}

func ignoreRules(ctx context.Context, inv discover.Inventory) checks.Result {
	r := checks.Result{ID: checks.EnvGitignore}
	files := dotenvKeyFiles(inv)
	if len(files) == 0 {
		r.Status, r.Summary = checks.Pass, "no dotenv file holds a key"
		return r
	}
	roots, byRoot := byRepo(files)
	var bad, negated, outside, ok []string
	var fixes []string
	for _, root := range roots {
		if root == "" {
			outside = append(outside, byRoot[root]...)
			continue
		}
		var rels []string
		for _, f := range byRoot[root] {
			rels = append(rels, relTo(root, f))
		}
		rules, err := gitcli.IgnoreRules(ctx, root, rels)
		if err != nil {
			return gitSkip(checks.EnvGitignore, err)
		}
		for _, rule := range rules {
			abs := filepath.Join(root, filepath.FromSlash(rule.Path))
			switch {
			case !rule.Matched:
				bad = append(bad, abs)
				fixes = append(fixes, "add the line "+filepath.Base(abs)+" to "+filepath.Join(root, ".gitignore"))
			case rule.Negated():
				negated = append(negated, abs)
				fixes = append(fixes, fmt.Sprintf("delete line %s (%s) of %s: it un-ignores %s", rule.Line, rule.Pattern, absIn(root, rule.File), filepath.Base(abs)))
			default:
				ok = append(ok, abs)
				if src := absIn(root, rule.File); !strings.HasSuffix(src, ".gitignore") || !strings.HasPrefix(src, root) {
					r.Detail = append(r.Detail, abs+" is ignored only by "+src+" on this machine; other clones could still commit it")
				}
			}
		}
	}
	switch {
	case len(bad)+len(negated) > 0:
		r.Status, r.Code = checks.Fail, checks.CodeNotIgnored
		if len(bad) == 0 {
			r.Code = checks.CodeNegated
		}
		r.Summary = "git would commit " + strings.Join(append(bad, negated...), ", ") + ", which holds a key"
		r.Fix = checks.FixFor(r.Code, "").Fill("steps", strings.Join(fixes, "; ")).Do
	case len(ok) > 0:
		r.Status = checks.Pass
		r.Summary = countFiles(len(ok), "dotenv file") + " holding a key " + isAre(len(ok)) + " ignored by git"
		if len(outside) > 0 {
			r.Summary += "; " + strconv.Itoa(len(outside)) + " not in a git repository"
		}
	default:
		r.Status = checks.Pass
		r.Summary = "not in a git repository, so git cannot commit " + strings.Join(outside, ", ")
	}
	return r
}

// absIn resolves a path git printed relative to root.
func absIn(root, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, filepath.FromSlash(p))
}

func trackedCheck(ctx context.Context, inv discover.Inventory) checks.Result {
	r := checks.Result{ID: checks.EnvTracked}
	// Every file holding a key counts: a dotfiles repository that tracks
	// ~/.zshrc with an export in it leaks the key just the same.
	files := inv.KeyFiles
	if len(files) == 0 {
		r.Status, r.Summary = checks.Pass, "no file holds a key"
		return r
	}
	roots, byRoot := byRepo(files)
	var committed, staged []string
	inRepo := 0
	for _, root := range roots {
		if root == "" {
			continue
		}
		inRepo += len(byRoot[root])
		args := []string{"--"}
		for _, f := range byRoot[root] {
			args = append(args, relTo(root, f))
		}
		index, err := gitcli.Output(ctx, root, nil, append([]string{"ls-files", "-z"}, args...)...)
		if err != nil {
			return gitSkip(checks.EnvTracked, err)
		}
		// Committed = in HEAD's tree; in the index only = staged. A
		// repository without commits has no HEAD: everything is staged.
		head, _ := gitcli.Output(ctx, root, nil, append([]string{"ls-tree", "-r", "-z", "--name-only", "HEAD"}, args...)...)
		inHead := gitcli.SplitZ(head)
		for _, p := range gitcli.SplitZ(index) {
			abs := filepath.Join(root, filepath.FromSlash(p))
			if slices.Contains(inHead, p) {
				committed = append(committed, abs)
			} else {
				staged = append(staged, abs)
			}
		}
		for _, p := range inHead { // deleted from the index but still in HEAD: the next commit removes it
			abs := filepath.Join(root, filepath.FromSlash(p))
			if !slices.Contains(committed, abs) {
				r.Detail = append(r.Detail, abs+" is in the last commit; its removal is staged (commit it, then rotate the key)")
			}
		}
	}
	switch {
	case len(committed) > 0:
		r.Status, r.Code = checks.Fail, checks.CodeTracked
		r.Summary = "git tracks " + strings.Join(committed, ", ") + ", which holds a key: every push shares it"
		var cmds []string
		for _, f := range committed {
			cmds = append(cmds, "git rm --cached "+termtext.ShellQuote(f))
		}
		r.Fix = checks.FixFor(checks.CodeTracked, "").Fill("commands", strings.Join(cmds, " && ")).Do
		if len(staged) > 0 {
			r.Detail = append(r.Detail, "also staged: "+strings.Join(staged, ", "))
		}
	case len(staged) > 0:
		r.Status, r.Code = checks.Fail, checks.CodeStaged
		r.Summary = strings.Join(staged, ", ") + " holds a key and is staged for the next commit"
		var cmds []string
		for _, f := range staged {
			cmds = append(cmds, "git rm --cached "+termtext.ShellQuote(f))
		}
		r.Fix = checks.FixFor(checks.CodeStaged, "").Fill("commands", strings.Join(cmds, " && ")).Do
	case inRepo == 0:
		r.Status, r.Summary = checks.Pass, "no file holding a key is inside a git repository"
	default:
		r.Status, r.Summary = checks.Pass, countFiles(inRepo, "file")+" holding a key "+isAre(inRepo)+" neither tracked nor staged"
	}
	return r
}

// countFiles says "1 file" or "3 files".
func countFiles(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
