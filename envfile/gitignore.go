package envfile

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/internal/atomicfile"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/gitignore"
)

// IgnoreComment is the comment line written above an added .gitignore entry.
const IgnoreComment = "# local secrets (added by openai-setup)"

// IgnoreResult reports what EnsureIgnored found and did.
type IgnoreResult struct {
	// Gitignore is the .gitignore in the .env's folder: the one changed,
	// or that would be.
	Gitignore string
	// InRepo is true when git answered (the folder is in a work tree);
	// otherwise the folder's .gitignore was read by this package.
	InRepo bool
	// Ignored is true when the file was already ignored; Source names the
	// rule ("path:line") and Pattern its text.
	Ignored bool
	// Negated is true when the last matching rule is a negation ("!.env")
	// that re-includes the file. It is reported, not overridden: nothing
	// is added.
	Negated bool
	Source  string
	Pattern string
	// Added holds the lines appended (without line endings): the comment
	// and the entry. Empty when nothing was needed.
	Added []string
	// Created is true when the .gitignore did not exist.
	Created bool
	// Written is true when the .gitignore was changed on disk.
	Written bool
	// Target is the file a write goes to: Gitignore, or its final target
	// when it is a symbolic link. One outside the work tree is never
	// written (ErrOutside).
	Target string
	// Sum identifies the bytes read (see Options.Expect).
	Sum string
}

// EnsureIgnored makes sure git would ignore the file at envPath, by
// appending an anchored entry for it to the .gitignore in its folder
// (created 0644 if missing). It asks git when the folder is in a work tree
// (--no-index, so a tracked file's rules are read too); otherwise, or
// without git, it reads that .gitignore itself, so the entry is there for
// the day the folder becomes a repository. With opts.DryRun it only plans:
// Added shows the lines that would be appended. A write holds the dotenv
// file's lock (opts.Lock, or its own) from the read to the rename.
func EnsureIgnored(ctx context.Context, envPath string, opts Options) (IgnoreResult, error) {
	if opts.DryRun {
		return ensureIgnored(ctx, envPath, opts)
	}
	release, err := acquire(ctx, opts.Lock, envPath)
	if err != nil {
		return IgnoreResult{}, err
	}
	defer release()
	return ensureIgnored(ctx, envPath, opts)
}

// ensureIgnored is EnsureIgnored once any lock is held.
func ensureIgnored(ctx context.Context, envPath string, opts Options) (IgnoreResult, error) {
	dir, name := filepath.Split(envPath)
	if dir == "" {
		dir = "."
	}
	res := IgnoreResult{Gitignore: filepath.Join(dir, ".gitignore")}
	top := opts.top(ctx, dir) // once: the plan, the link check and the read-back share it
	target, err := atomicfile.Resolve(res.Gitignore)
	if err != nil {
		return res, fmt.Errorf("resolving %s: %w", res.Gitignore, err)
	}
	res.Target = target
	data, exists, err := readRegular(res.Gitignore, MaxGitignore)
	if err != nil {
		return res, err
	}
	res.Created, res.Sum = !exists, Sum(data, exists)
	if !opts.DryRun && opts.Expect != "" && opts.Expect != res.Sum {
		return res, fmt.Errorf("%s: %w (another program wrote it), so it was not written: start the save again to see the new changes", res.Gitignore, ErrChanged)
	}

	rule, err := decideIgnore(ctx, envPath, data, res.Gitignore, top)
	res.InRepo = err == nil
	res.Source, res.Pattern = rule.Source, rule.Pattern
	switch {
	case rule.Negated():
		res.Negated = true
		return res, nil
	case rule.Matched:
		res.Ignored = true
		return res, nil
	}

	out, added := AppendIgnoreEntry(data, name)
	res.Added = added
	if target != res.Gitignore {
		if outside(boundary(top, dir), target) {
			where := "this folder"
			if res.InRepo {
				where = "the repository"
			}
			return res, sentence{fmt.Sprintf("%s is a symbolic link to %s, outside %s, so it was not changed: add the lines %s and %s to a .gitignore inside %s yourself",
				res.Gitignore, target, where, added[1], added[2], where), ErrOutside}
		}
		if res.InRepo {
			return res, fmt.Errorf("%s is a symbolic link, %w, so it was not changed: replace it with a plain file holding the line /%s", res.Gitignore, ErrLinkedGitignore, escapeIgnore(name))
		}
	}
	if opts.DryRun {
		return res, nil
	}
	if _, err := writeFile(res.Gitignore, out, 0o644); err != nil {
		return res, err
	}
	res.Written = true

	after, _, err := readRegular(res.Gitignore, MaxGitignore)
	if err != nil {
		return res, fmt.Errorf("reading back: %w", err)
	}
	if rule, _ := decideIgnore(ctx, envPath, after, res.Gitignore, top); !rule.Matched || rule.Negated() {
		return res, fmt.Errorf("added %s to %s but it is still not ignored", name, res.Gitignore)
	}
	return res, nil
}

// decideIgnore asks git for the rule deciding envPath, or, outside a work
// tree (top "", err errNoRepo), applies the rules of gitignore (the
// folder's .gitignore content) itself.
func decideIgnore(ctx context.Context, envPath string, gitignore []byte, giPath, top string) (gitcli.Rule, error) {
	rule, err := gitIgnoreRule(ctx, envPath, top)
	if err == nil {
		return rule, nil
	}
	return matchIgnore(gitignore, filepath.Base(envPath), giPath), err
}

// AppendIgnoreEntry returns the .gitignore bytes data with entries for the
// file name (in the same folder) and for its lock file (name+LockSuffix)
// appended, and the lines it added. Every
// existing byte is kept; the new lines use the file's line ending, and one
// is added first when the file does not end with one. It is pure, for dry
// runs.
func AppendIgnoreEntry(data []byte, name string) ([]byte, []string) {
	eol := lineEnding(data)
	added := []string{IgnoreComment, "/" + escapeIgnore(name), "/" + escapeIgnore(name+LockSuffix)}
	out := append([]byte(nil), data...)
	out = append(out, separator(out, eol)...)
	for _, l := range added {
		out = append(out, l...)
		out = append(out, eol...)
	}
	return out, added
}

// escapeIgnore makes name match itself literally as a gitignore pattern.
func escapeIgnore(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if strings.IndexByte(`\*?[`, name[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(name[i])
	}
	s := b.String()
	if strings.HasSuffix(s, " ") {
		s = s[:len(s)-1] + `\ `
	}
	return s
}

// matchIgnore applies the rules of one .gitignore to a file name in the
// same folder, the way git does (see package gitignore): the last matching
// rule decides, "!" re-includes.
func matchIgnore(data []byte, name, giPath string) gitcli.Rule {
	r := gitignore.Decide(gitignore.Parse(string(data)), name)
	if r == nil {
		return gitcli.Rule{}
	}
	pattern := r.Text
	if r.Negate {
		pattern = strings.TrimSpace(pattern)
	}
	line := strconv.Itoa(r.Line)
	return gitcli.Rule{Matched: true, Source: giPath + ":" + line, Pattern: pattern, File: giPath, Line: line, Path: name}
}
