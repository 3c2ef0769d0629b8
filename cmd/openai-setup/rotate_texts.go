package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/rotate"
)

// The words rotate says in both of its faces, the printed steps and the
// full-screen wizard: one paragraph per string, keys only as fingerprints.

// placeName shows a path relative to the working folder ("./.env",
// "../.env"), a start-up file under home as "~/.zshrc", else as is; then
// the line, when line > 0.
func placeName(a *app, path string, line int) string {
	p := path
	home, sep := a.Home, string(filepath.Separator)
	rel, err := filepath.Rel(a.Dir, path)
	switch {
	case err == nil && !strings.HasPrefix(rel, ".."):
		p = "." + sep + rel
	case home != "" && strings.HasPrefix(path, home+sep) && !strings.HasPrefix(filepath.Base(path), ".env"):
		p = "~" + path[len(home):]
	case err == nil && strings.Count(rel, "..") <= 3:
		p = rel
	}
	if line > 0 {
		p = fmt.Sprintf("%s:%d", p, line)
	}
	return p
}

// startupTodo says what to change by hand once the key newFP replaces the old key:
// the start-up lines that set it, and this shell's environment.
func startupTodo(a *app, p rotate.Places, newFP string) []string {
	var out []string
	for _, l := range p.Startup {
		where := placeName(a, l.Path, l.Line)
		switch {
		case l.Dynamic:
			out = append(out, fmt.Sprintf("%s computes OPENAI_API_KEY: change what it reads from (a password manager entry, another file) to the new key %s.", where, newFP))
		case l.Name != "":
			out = append(out, fmt.Sprintf("%s: change the line to `export %s=<the new key, %s>`", where, l.Name, newFP))
		default:
			out = append(out, fmt.Sprintf("%s holds the old key: replace it with the new key (%s) or delete the line.", where, newFP))
		}
	}
	if len(p.Environment) > 0 {
		out = append(out, fmt.Sprintf("This shell's %s still holds the old key %s, and it beats every .env file. After the edit, open a new terminal (or `source` the file) so the export is read again; apps started from this shell keep the old key until then.",
			strings.Join(p.Environment, ", "), p.Old.Fingerprint()))
	}
	return out
}

// historyAdvice explains a git.history result for the old key: nil when the
// key is in no commit that matters.
func historyAdvice(r checks.Result) []string {
	var commits []string
	for _, f := range r.Findings {
		if f.InUse {
			commits = append(commits, fmt.Sprintf("%s (%s)", f.Commit, f.Path))
		}
	}
	if len(commits) == 0 {
		return nil
	}
	return []string{
		"The old key is in commit " + strings.Join(commits, ", ") + ".",
		"Anyone with a clone, a fork or a cached copy of the repository has it: history is public once pushed. Revoking the key is the fix; rewriting history only tidies up.",
		"To rewrite it anyway (rotate does not run these): put the old key in a file, one line, e.g. old-key.txt, then run `git filter-repo --replace-text old-key.txt` (or `bfg --replace-text old-key.txt`), force-push every branch, and have collaborators re-clone. Delete old-key.txt afterwards.",
	}
}

// revokeSteps say how to revoke old on the dashboard.
func revokeSteps(old apikey.Key) []string {
	last4 := ""
	if s := old.Reveal(); len(s) >= 16 {
		last4 = s[len(s)-4:]
	}
	return []string{fmt.Sprintf("Open %s and find the key whose secret key reads sk-...%s (the name you gave it; switch project top left if it is not listed). Click its trash-can icon (\"Revoke secret key\"), then \"Revoke key\".", rotate.KeysURL, last4)}
}

// fileErrorText explains a file's refusal in words (the file is unchanged).
func fileErrorText(a *app, r rotate.FileResult, forceFlag string) string {
	name := placeName(a, r.Path, 0)
	switch {
	case r.Err == nil:
		return ""
	case errors.Is(r.Err, envfile.ErrTracked):
		return fmt.Sprintf("%s: git tracks it, so the new key would be committed; untrack it (`git rm --cached %s`, then commit)%s", name, name, forceFlag)
	case errors.Is(r.Err, rotate.ErrGone):
		return name + " no longer exists"
	}
	return fmt.Sprintf("%s: %v (left as it was)", name, r.Err)
}
