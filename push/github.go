package push

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/gitcli"
)

// github drives the GitHub CLI. `gh secret set NAME` reads the value from
// standard input when --body and --env-file are absent (gh's manual:
// "gh secret set MYSECRET < myfile.txt"), and gh encrypts it locally with
// the repository's public key before it leaves the machine.
type github struct {
	repo, env string
}

// envPattern is a GitHub environment name as gh can be handed it: no
// leading dash (it would read as a flag), no control characters.
// Compiled on first use: the counted repetitions make these slow to build,
// and start-up must not pay for a command that was not run.
var envPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[^-\x00-\x1f\x7f][^\x00-\x1f\x7f]{0,254}$`)
})

// repoPattern is OWNER/REPO as GitHub allows the two names.
var repoPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$`)
})

func newGitHub(o Options) (target, error) {
	if o.Mount != "" || o.Path != "" {
		return nil, &UsageError{"--mount and --path go with vault, not github"}
	}
	if o.Repo != "" && !repoPattern().MatchString(o.Repo) {
		return nil, &UsageError{fmt.Sprintf("--repo %q: use OWNER/REPO, like octo-org/app", o.Repo)}
	}
	if strings.HasPrefix(strings.ToUpper(o.Name), "GITHUB_") {
		return nil, &UsageError{fmt.Sprintf("--name %q: GitHub refuses secret names starting with GITHUB_", o.Name)}
	}
	if o.Env != "" && !envPattern().MatchString(o.Env) {
		return nil, &UsageError{fmt.Sprintf("--env %q: an environment name is up to 255 characters, no control characters, not starting with -", o.Env)}
	}
	return &github{repo: o.Repo, env: o.Env}, nil
}

func (g *github) name() string { return "github" }
func (g *github) tool() string { return "gh" }

// resolve takes the repository from origin when --repo is not given.
func (g *github) resolve(ctx context.Context, r runner) *Error {
	if g.repo != "" {
		return nil
	}
	out, err := gitcli.Output(ctx, r.dir, nil, "remote", "get-url", "origin")
	if err != nil {
		return &Error{Code: CodeNoRepo, Msg: "could not tell the GitHub repository: this folder has no git remote named origin", Fix: "pass --repo OWNER/REPO"}
	}
	repo, ok := ParseGitHubRemote(strings.TrimSpace(string(out)))
	if !ok {
		return &Error{Code: CodeNoRepo, Msg: "could not tell the GitHub repository: origin is not on github.com", Fix: "pass --repo OWNER/REPO"}
	}
	g.repo = repo
	return nil
}

// ParseGitHubRemote returns OWNER/REPO for a github.com remote URL in any
// of git's forms (https, ssh://, scp-like git@github.com:o/r), or false.
func ParseGitHubRemote(remote string) (string, bool) {
	var host, path string
	if u, err := url.Parse(remote); err == nil && u.Scheme != "" && u.Host != "" {
		host, path = u.Hostname(), u.Path
	} else if at, rest, ok := strings.Cut(remote, ":"); ok && !strings.Contains(at, "/") {
		_, host, _ = strings.Cut(at, "@")
		if host == "" {
			host = at
		}
		path = rest
	}
	if !strings.EqualFold(host, "github.com") {
		return "", false
	}
	repo := strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	if !repoPattern().MatchString(repo) {
		return "", false
	}
	return repo, true
}

func (g *github) where() string {
	if g.env != "" {
		return fmt.Sprintf("GitHub repository %s, environment %s", g.repo, g.env)
	}
	return "GitHub repository " + g.repo
}

// settingsURL is where the secret can be set by hand.
func (g *github) settingsURL() string {
	if g.env != "" {
		return "https://github.com/" + g.repo + "/settings/environments"
	}
	return "https://github.com/" + g.repo + "/settings/secrets/actions"
}

func (g *github) missing() *Error {
	return &Error{Code: CodeCLIMissing, Msg: "gh (the GitHub CLI) is not installed: not found on PATH",
		Fix: "install gh (https://cli.github.com) or set the secret at " + g.settingsURL()}
}

func (g *github) loginCheck() []string { return []string{"gh", "auth", "status"} }

func (g *github) loggedOut(out string) *Error {
	return &Error{Code: CodeLoggedOut, Msg: "gh is not logged in to GitHub (gh auth status failed)", Fix: "run gh auth login, then try again", Output: out}
}

func (g *github) scope() []string {
	args := []string{"--repo", g.repo}
	if g.env != "" {
		args = append(args, "--env", g.env)
	}
	return args
}

func (g *github) write(name string) []string {
	return append([]string{"gh", "secret", "set", name}, g.scope()...)
}

// readBack lists the secrets' names and update times (never values: the
// API has no way to read a secret back).
func (g *github) readBack(_ string) []string {
	return append(append([]string{"gh", "secret", "list"}, g.scope()...), "--json", "name,updatedAt")
}

// fallback drops --json when gh is older than its secret list --json (it
// then prints "NAME<TAB>UPDATED" lines, the time in RFC 3339, when piped).
func (g *github) fallback(err error) []string {
	var ce *cliError
	if !errors.As(err, &ce) || !strings.Contains(ce.msg, "unknown flag: --json") {
		return nil
	}
	return append([]string{"gh", "secret", "list"}, g.scope()...)
}

// listed is one secret in gh secret list's answer.
type listed struct {
	Name      string    `json:"name"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// parseList reads gh secret list's JSON, or its plain tab-separated lines.
func parseList(out []byte) ([]listed, error) {
	trimmed := strings.TrimSpace(string(out))
	if strings.HasPrefix(trimmed, "[") {
		var list []listed
		err := json.Unmarshal(out, &list)
		return list, err
	}
	var list []listed
	for _, line := range strings.Split(trimmed, "\n") {
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			return nil, fmt.Errorf("unexpected line %q", line[:min(len(line), 80)])
		}
		at, err := time.Parse(time.RFC3339, strings.TrimSpace(fields[1]))
		if err != nil {
			return nil, fmt.Errorf("unexpected update time in %q", line[:min(len(line), 80)])
		}
		list = append(list, listed{Name: fields[0], UpdatedAt: at})
	}
	return list, nil
}

// clockSkew is how far this machine's clock may trail GitHub's.
const clockSkew = 2 * time.Minute

// verify finds name in the list with an update time after the push began.
func (g *github) verify(out []byte, key apikey.Key, name string, start time.Time) *Error {
	list, err := parseList(out)
	if err != nil {
		// The error quotes gh's stdout: cleaned like any CLI text.
		return &Error{Code: CodeNotListed, Msg: "could not read gh secret list's answer: " + runner{key: key}.clean(err.Error()), Fix: "run gh secret list " + strings.Join(g.scope(), " ") + " and look for " + name}
	}
	for _, s := range list {
		// GitHub stores secret names in upper case.
		if !strings.EqualFold(s.Name, name) {
			continue
		}
		if s.UpdatedAt.Before(start.Add(-clockSkew)) {
			return &Error{Code: CodeNotListed, Msg: fmt.Sprintf("gh secret list shows %s last updated %s, before this push", name, s.UpdatedAt.UTC().Format(time.RFC3339)),
				Fix: "check the secret at " + g.settingsURL()}
		}
		return nil
	}
	return &Error{Code: CodeNotListed, Msg: fmt.Sprintf("gh secret set succeeded but gh secret list does not show %s", name), Fix: "check the secret at " + g.settingsURL()}
}

func (g *github) notes(name string) []string {
	notes := []string{
		"GitHub does not give secrets to workflows run from forks: pull requests from forks run without " + name + ".",
		"In a workflow, pass it to the step that needs it:",
		"  env:",
		"    OPENAI_API_KEY: ${{ secrets." + name + " }}",
	}
	if g.env != "" {
		notes = append(notes, "The job also needs `environment: "+g.env+"` to see an environment secret.")
	}
	return notes
}
