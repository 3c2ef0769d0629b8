package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
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

// todoText says one to-do in words, for the key newFP replacing oldFP.
func todoText(a *app, td rotate.Todo, oldFP, newFP string) string {
	where := placeName(a, td.Path, td.Line)
	switch td.Kind {
	case rotate.TodoStartupComputed:
		return fmt.Sprintf("%s computes %s: change what it reads from (a password manager entry, another file) to the new key %s.", where, td.Name, newFP)
	case rotate.TodoStartupLine:
		return fmt.Sprintf("%s: change the line to `export %s=<the new key, %s>`", where, td.Name, newFP)
	case rotate.TodoCopy:
		return fmt.Sprintf("%s holds a copy of the old key outside the value rotate replaced (a comment, or inside another value): delete it or replace it by hand.", where)
	case rotate.TodoOtherKey:
		return fmt.Sprintf("%s: %s holds a different key, so rotate left the line as it is (it changed since rotate looked, or it is a later duplicate; apps read a name's last assignment). Check which key it should hold.", where, td.Name)
	case rotate.TodoUnread:
		return unreadText(placeName(a, td.Path, 0), td.Why, oldFP)
	case rotate.TodoEnvironment:
		return fmt.Sprintf("This shell's %s still holds the old key %s, and it beats every .env file. After the edit, open a new terminal (or `source` the file) so the export is read again; apps started from this shell keep the old key until then.", td.Name, oldFP)
	}
	return fmt.Sprintf("%s holds the old key: replace it with the new key (%s) or delete the line.", where, newFP)
}

// unreadText says that the file where was not read whole (why), so it may
// still hold the old key oldFP: the user checks it. Never its content.
func unreadText(where, why, oldFP string) string {
	return fmt.Sprintf("Could not read %s (%s): check it by hand, it may still hold the old key %s.", where, why, oldFP)
}

// unreadTexts say every file rotate could not read whole.
func unreadTexts(a *app, p rotate.Places) []string {
	var out []string
	for _, u := range p.Unread {
		out = append(out, unreadText(placeName(a, u.Path, 0), u.Why, p.Old.Fingerprint()))
	}
	return out
}

// todoTexts says every to-do, each scrubbed of both keys.
func todoTexts(a *app, todos []rotate.Todo, old, newKey apikey.Key) []string {
	var out []string
	for _, td := range todos {
		out = append(out, apikey.Scrub(todoText(a, td, old.Fingerprint(), newKey.Fingerprint()), old, newKey))
	}
	return out
}

// placeRow is one place holding a key, for the first step: where, and what.
type placeRow struct{ where, what string }

// placeRows lists where the old key is, then the settings holding another.
func placeRows(a *app, p rotate.Places) []placeRow {
	var out []placeRow
	fp := p.Old.Fingerprint()
	for _, f := range p.Files {
		note := ""
		if f.Tracked {
			note = "  (git tracks this file: needs --force)"
		}
		for _, l := range f.Lines {
			out = append(out, placeRow{placeName(a, l.Path, l.Line), l.Name + "=" + fp + note})
		}
	}
	for _, l := range p.Startup {
		what := l.Name + "=" + fp
		switch {
		case l.Dynamic:
			what = l.Name + "=$(…)  (computed: the environment's old key likely comes from here)"
		case l.Name == "":
			what = "a line holding " + fp
		}
		out = append(out, placeRow{placeName(a, l.Path, l.Line), what + "  (shell start-up file: you edit it, step 5)"})
	}
	for _, n := range p.Environment {
		out = append(out, placeRow{"environment", n + "=" + fp + "  (this shell's environment)"})
	}
	for _, s := range p.Others {
		w := "environment"
		if s.Path != "" {
			w = placeName(a, s.Path, s.Line)
		}
		out = append(out, placeRow{w, s.Name + "=" + s.Value.Fingerprint() + "  (a different key: not touched)"})
	}
	for _, u := range p.Unread {
		out = append(out, placeRow{placeName(a, u.Path, 0), "not read whole (" + u.Why + "): it may hold " + fp + ", check it by hand"})
	}
	return out
}

// oldKeyLabel says why this key is the one rotated.
func oldKeyLabel(s *rotate.Session) string {
	if s.InUse() {
		return "the key apps here use"
	}
	return "chosen with --old"
}

// otherKeysHint names the other configured keys when the "new" key is the
// one being replaced: a rotation stopped half-way is resumed with --old.
func otherKeysHint(s *rotate.Session) string {
	var fps []string
	for _, k := range s.OtherKeys() {
		fps = append(fps, k.Fingerprint())
	}
	if len(fps) == 0 {
		return ""
	}
	return " If you are finishing an earlier rotation, name the key to replace: --old " + fps[0] + " (other keys configured here: " + strings.Join(fps, ", ") + ")."
}

// pollWords says one poll's answer, "check 3: still works" with attempt.
func pollWords(p rotate.Poll, withAttempt bool) string {
	if withAttempt && p.Attempt == 0 {
		return "checking…"
	}
	prefix := ""
	if withAttempt {
		prefix = fmt.Sprintf("check %d: ", p.Attempt)
	}
	switch p.State {
	case rotate.KeyValid:
		return prefix + "still works"
	case rotate.KeyRevoked:
		return prefix + "rejected (revoked)"
	}
	return prefix + "no clear answer (network?)"
}

// roundWait shows a duration to the second, or as is below one.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d
	}
	return d.Round(time.Second)
}

func clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// errIsTerminal reports whether stderr is a terminal, for the count-down.
func errIsTerminal(a *app) bool {
	f, ok := a.Err.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
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

// unseenPlaces are where a key usually also lives that rotate cannot see:
// the user updates them before revoking the old key.
var unseenPlaces = []string{
	"CI secrets (GitHub Actions, GitLab CI, CircleCI…)",
	"your host's environment variables (Vercel, Netlify, Heroku, Fly.io, Render, a cloud console…)",
	"teammates' .env files, and a shared password-manager entry",
	"other machines, servers and containers that run the app",
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
		return fmt.Sprintf("%s: git tracks it, so the new key would be committed; untrack it (`git rm --cached %s`, then commit)%s", name, termtext.ShellQuote(name), forceFlag)
	case errors.Is(r.Err, rotate.ErrGone):
		return name + " no longer exists"
	}
	return fmt.Sprintf("%s: %v (left as it was)", name, r.Err)
}
