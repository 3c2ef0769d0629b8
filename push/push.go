package push

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// DefaultName is the secret's default name: what the SDKs read.
const DefaultName = "OPENAI_API_KEY"

// Options say where the key goes and how the CLIs run.
type Options struct {
	Name    string   // the secret's name; DefaultName when empty
	Dir     string   // working directory (the repository, for gh)
	Environ []string // the parent's environment; children get it minus OPENAI_API_KEY and OPENAI_ADMIN_KEY
	Timeout time.Duration

	Repo, Env   string // github: OWNER/REPO (default: origin's) and an environment
	Mount, Path string // vault: the KV mount (default "secret") and the path
}

// Result is what a push did. Every field is safe to print: the key is
// never in it, and CLI output is scrubbed and terminal-safe.
type Result struct {
	Target   string
	Name     string
	Where    string     // e.g. "GitHub repository o/r", "Vault secret/myapp"
	Commands [][]string // the write, then the read-back; the key is on stdin, never here
	Pushed   bool       // the write command succeeded
	Verified bool       // the read-back showed the secret as pushed
	Err      *Error
	Notes    []string // what to know after a push
}

// Error codes.
const (
	CodeNoRepo      = "no_repo"       // github: no --repo and origin is not a GitHub repository
	CodeCLIMissing  = "cli_missing"   // the target's CLI is not on PATH
	CodeLoggedOut   = "not_logged_in" // the CLI has no working login
	CodeCLIFailed   = "cli_failed"    // the write or the read-back failed
	CodeNotListed   = "not_listed"    // github: the list does not show the secret updated
	CodeMismatch    = "mismatch"      // vault: the value read back is not the key
	CodeInterrupted = "interrupted"
)

// Error is why a push stopped: one sentence, the fix, and the CLI's own
// words when it had any.
type Error struct {
	Code   string
	Msg    string
	Fix    string
	Output string
}

func (e *Error) Error() string { return e.Msg }

// UsageError is a flag mistake, found before anything runs.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// target is one secret store, driven through its CLI.
type target interface {
	name() string
	tool() string
	// resolve settles what the flags left open (github: the repository).
	resolve(ctx context.Context, r runner) *Error
	where() string
	missing() *Error
	loginCheck() []string
	loggedOut(cliOutput string) *Error
	write(name string) []string
	readBack(name string) []string
	verify(out []byte, key apikey.Key, name string, start time.Time) *Error
	notes(name string) []string
}

// fallbackReader is a target whose read-back has an older form to try when
// the CLI is too old for the first.
type fallbackReader interface {
	fallback(err error) []string
}

// Target is a checked target, ready to Run.
type Target struct {
	o Options
	t target
}

// Targets are the names New accepts, in help order.
var Targets = []string{"github", "vault"}

// New checks the flags for target name; a mistake is a *UsageError.
func New(name string, o Options) (*Target, error) {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if !validName(o.Name) {
		return nil, &UsageError{fmt.Sprintf("--name %q: use letters, digits and underscores, not starting with a digit", o.Name)}
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	var t target
	var err error
	switch name {
	case "github":
		t, err = newGitHub(o)
	case "vault":
		t, err = newVault(o)
	default:
		return nil, &UsageError{fmt.Sprintf("unknown target %q: use github or vault", name)}
	}
	if err != nil {
		return nil, err
	}
	return &Target{o: o, t: t}, nil
}

// validName accepts what both GitHub and a shell accept as a variable name.
func validName(s string) bool {
	for i, c := range s {
		switch {
		case c == '_', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// Run pushes key. With dryRun it runs only the read-only checks (CLI
// present, logged in, target resolved) and returns the commands it would
// run.
func (t *Target) Run(ctx context.Context, key apikey.Key, dryRun bool) Result {
	o := t.o
	r := runner{environ: o.Environ, dir: o.Dir, timeout: o.Timeout, key: key}
	res := Result{Target: t.t.name(), Name: o.Name}
	if res.Err = t.t.resolve(ctx, r); res.Err != nil {
		return res
	}
	res.Where = t.t.where()
	res.Commands = [][]string{t.t.write(o.Name), t.t.readBack(o.Name)}
	if res.Err = t.ready(ctx, r); res.Err != nil || dryRun {
		return res
	}
	// GitHub stores whole seconds; step back one so a same-second update counts.
	start := time.Now().Add(-time.Second)
	if _, err := r.run(ctx, []byte(key.Reveal()), res.Commands[0]...); err != nil {
		res.Err = failed(ctx, err, "the write")
		return res
	}
	res.Pushed = true
	out, err := r.run(ctx, nil, res.Commands[1]...)
	if fb, ok := t.t.(fallbackReader); ok && err != nil {
		if alt := fb.fallback(err); alt != nil {
			res.Commands[1] = alt
			out, err = r.run(ctx, nil, alt...)
		}
	}
	if err != nil {
		res.Err = failed(ctx, err, "the read-back")
		return res
	}
	if res.Err = t.t.verify(out.stdout, key, o.Name, start); res.Err != nil {
		return res
	}
	res.Verified = true
	res.Notes = t.t.notes(o.Name)
	return res
}

// ready checks the CLI is on PATH and logged in.
func (t *Target) ready(ctx context.Context, r runner) *Error {
	if _, err := lookPath(r.environ, t.t.tool()); err != nil {
		return t.t.missing()
	}
	if _, err := r.run(ctx, nil, t.t.loginCheck()...); err != nil {
		if ctx.Err() != nil {
			return interrupted()
		}
		var ce *cliError
		if errors.As(err, &ce) {
			return t.t.loggedOut(ce.msg)
		}
		return &Error{Code: CodeLoggedOut, Msg: err.Error()}
	}
	return nil
}

// failed turns a failed write or read-back into an Error with the CLI's words.
func failed(ctx context.Context, err error, what string) *Error {
	if ctx.Err() != nil {
		return interrupted()
	}
	e := &Error{Code: CodeCLIFailed, Msg: fmt.Sprintf("%s failed: %v", what, err)}
	var ce *cliError
	if errors.As(err, &ce) {
		e.Msg = fmt.Sprintf("%s failed: %s exited with an error", what, ce.cmd)
		e.Output = ce.msg
	}
	return e
}

func interrupted() *Error { return &Error{Code: CodeInterrupted, Msg: "interrupted"} }

// Kind is the target's name ("github", "vault").
func (t *Target) Kind() string { return t.t.name() }

// SecretName is the name the key is stored under.
func (t *Target) SecretName() string { return t.o.Name }
