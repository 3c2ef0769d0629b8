package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/spf13/cobra"
)

// rotateOptions are rotate's flags plus the app it runs in.
type rotateOptions struct {
	app        *app
	WithKey    bool
	Old        string
	DryRun     bool
	Force      bool
	SkipChecks bool
	NoSpend    bool
	JSON       bool
	NoBrowser  bool
	Accessible bool
	BaseURL    string
	Model      string
	Timeout    time.Duration
	Wait       time.Duration
	Interval   time.Duration
	Revoke     bool
	// InsecureHTTP lets the key go over plain http (see checks.Options).
	InsecureHTTP bool
	// revoker deletes the old key through the Admin API (--revoke);
	// adminErr explains its failures.
	revoker  rotate.Revoker
	adminErr func(error) error
}

// newRotateCmd builds `openai-setup rotate`. runF replaces rotateRun in
// flag-parsing tests.
func newRotateCmd(a *app, plainErrors *bool, runF func(*rotateOptions) error) *cobra.Command {
	opts := &rotateOptions{app: a}
	cmd := &cobra.Command{
		Use:   "rotate",
		Short: "Replace the key in every .env that holds it, then confirm the old key is revoked",
		Long: `rotate replaces the OpenAI key in use with a new one, in the order that keeps your apps working, naming every copy of the old key it leaves behind:

  1. find every place the current key is set, as doctor does
  2. check the current key (a revoked or leak-disabled key is fine: replacing it is the fix)
  3. check the new key (pasted in the wizard, or stdin with --with-key; never an argument)
  4. replace the old key in every .env line that still holds it when written (in the wizard: the files you tick); a line holding another key, or a copy of the old key in a comment, is kept and named by line
  5. name the shell start-up lines you must edit yourself
  6. say whether the old key is in git history, and how history could be rewritten
  7. guide revoking the old key, then re-test it until the API rejects it (--wait)

With --revoke (scripts only, with --with-key) and an admin key in $` + openai.EnvAdminKey + `, step 7 deletes the old key through the Admin API instead: a user's project key, or a service account whose only key it is; it refuses, deleting nothing, when the listings show the old key nowhere or more than once, or when the service account has other keys.

In a terminal rotate is a full-screen wizard (esc stops the wait for the revocation); --accessible (or ACCESSIBLE=1, TERM=dumb) asks line by line instead. The key rotated is the one apps here use (the one doctor marks "used"); --old picks another key doctor lists. Keys are only ever shown as fingerprints, like sk-proj-…Ab3d.`,
		Example: `  # scripted: the new key on stdin, wait up to 2 minutes for you to revoke the old one
  pass show openai-new | openai-setup rotate --with-key

  # see what would change, write nothing
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --dry-run

  # with OPENAI_ADMIN_KEY set: delete the old key through the Admin API too
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --revoke

  # replace now, revoke later
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --wait 0`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				if len(apikey.FindAll(strings.Join(args, " "))) > 0 {
					return usagef("rotate takes no arguments, and a key must never be one: it is now in your shell history. Pipe the new key in: printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key")
				}
				return usagef("rotate takes no arguments (got %q); the new key is read from standard input", apikey.Scrub(args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			*plainErrors = opts.JSON
			if runF != nil {
				return runF(opts)
			}
			return rotateRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.WithKey, "with-key", false, "read the new key from standard input (for scripts; no prompt)")
	f.StringVar(&opts.Old, "old", "", "rotate this key instead of the one in use: its fingerprint (sk-proj-…Ab3d) or last four characters")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the line changes, write nothing, do not wait for revocation")
	f.BoolVar(&opts.Force, "force", false, "write .env files even though git tracks them")
	f.BoolVar(&opts.Revoke, "revoke", false, "with --with-key and an admin key in $"+openai.EnvAdminKey+": once the files hold the new key and it checked out, delete the old key through the Admin API (a service account only when the old key is its only key)")
	f.BoolVar(&opts.SkipChecks, "skip-checks", false, "make no network call: no key check, no revocation wait")
	f.BoolVar(&opts.NoSpend, "no-spend", false, "make no paid request when checking the new key")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (needs --with-key)")
	f.BoolVar(&opts.NoBrowser, "no-browser", false, "never open a browser; show the links only")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line prompts instead of full-screen (also ACCESSIBLE=1 or TERM=dumb)")
	f.StringVar(&opts.BaseURL, "base-url", "", "API base URL (default $OPENAI_BASE_URL, else "+checks.DefaultBaseURL+")")
	f.BoolVar(&opts.InsecureHTTP, "insecure-http", false, insecureHTTPHelp)
	f.StringVar(&opts.Model, "model", checks.DefaultModel, "model to check the new key's access to")
	f.DurationVar(&opts.Timeout, "timeout", checks.DefaultTimeout, "bound on each round of checks")
	f.DurationVar(&opts.Wait, "wait", rotate.DefaultWait, "how long to wait for the old key's revocation; 0 does not wait")
	f.DurationVar(&opts.Interval, "poll-interval", rotate.DefaultInterval, "time between two checks of the old key while waiting")
	_ = f.MarkHidden("poll-interval")
	return cmd
}

// rotateRun checks the flags, finds the old key and drives one
// rotate.Session: full-screen at a terminal, else as printed steps (text or
// one JSON document, see rotateSink).
func rotateRun(ctx context.Context, o *rotateOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	a := o.app
	inv := discover.Run(discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ})
	old, err := rotate.Choose(inv, o.Old)
	if err != nil {
		return usageError{err}
	}
	if o.Revoke {
		// Opened before anything is written: a missing or refused admin
		// key stops the rotation here.
		as, err := openAdmin(a, adminFlags{BaseURL: o.BaseURL, Timeout: o.Timeout}, true, &inv)
		if err != nil {
			return err
		}
		o.revoker, o.adminErr = as.Client, as.explainAdminError
	}
	sink := newRotateSink(o)
	sess, err := rotate.Begin(ctx, o.sessionConfig(), inv, old)
	if err != nil {
		return sink.end(err)
	}
	if !o.WithKey && !o.DryRun && a.OutTTY && !plainPrompts(a, o.Accessible) {
		return rotateWizard(ctx, o, sess)
	}
	return sink.end(rotateSteps(ctx, o, sess, sink))
}

func (o *rotateOptions) validate() error {
	switch {
	case o.Wait < 0:
		return usagef("--wait must be 0 (do not wait) or positive")
	case o.Interval <= 0:
		return usagef("--poll-interval must be positive")
	case o.Timeout <= 0:
		return usagef("--timeout must be positive")
	case o.JSON && !o.WithKey:
		return usagef("--json goes with --with-key: printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key --json")
	case o.Revoke && !o.WithKey:
		return usagef("--revoke goes with --with-key (scripts only): printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key --revoke")
	case o.Revoke && (o.DryRun || o.SkipChecks):
		return usagef("--revoke deletes the old key, so it goes neither with --dry-run nor with --skip-checks (the new key must check out first)")
	case !o.WithKey && !o.app.InTTY:
		return usagef("no terminal to ask for the new key: pipe it in with printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key")
	}
	return nil
}

// sessionConfig is how the session reaches the API: the flags' base URL,
// model, timeout and spending, through the app's HTTP clients.
func (o *rotateOptions) sessionConfig() rotate.Config {
	a := o.app
	return rotate.Config{
		Checks: checks.Options{
			Discover: discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ},
			BaseURL:  o.BaseURL, InsecureHTTP: o.InsecureHTTP,
			Model: o.Model, NoSpend: o.NoSpend, Timeout: o.Timeout, Client: a.NewClient(o.Timeout),
		},
		NewKeyChecks: o.newKeyChecks(),
		SkipChecks:   o.SkipChecks,
		PollClient:   a.NewClient(min(o.Timeout, 10*time.Second)),
	}
}

// newKeyChecks are the checks run on the new key: its format only with
// --skip-checks.
func (o *rotateOptions) newKeyChecks() []string {
	if o.SkipChecks {
		return []string{checks.KeyFormat}
	}
	return withKeyChecks
}

// rotateSteps runs the seven steps, reporting each to sink as it goes. It
// stops before writing anything when a check on the new key fails or a file
// would be refused, and never guides revoking the old key unless every .env
// holding it has the new one.
func rotateSteps(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink) error {
	sink.began(sess)
	old := sess.CheckOld(ctx)
	if ctx.Err() != nil {
		return errInterrupted
	}
	sink.oldChecked(old, o.SkipChecks)
	if !o.WithKey {
		sink.createGuide()
	}
	newKey, cleaned, err := readKey(o.app)
	if err != nil {
		return err
	}
	if len(cleaned) > 0 && !o.JSON {
		fmt.Fprintf(o.app.Err, "openai-setup: removed %s around the new key\n", strings.Join(cleanedWords(cleaned), ", "))
	}
	rep, err := sess.CheckNew(ctx, newKey, nil)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil && rep.Results == nil {
		return err // the same key: nothing was checked
	}
	sink.newChecked(newKey, rep)
	if err != nil {
		return err
	}
	if err := rotateWrite(ctx, o, sess, sink, newKey); err != nil {
		return err
	}
	sink.todos(sess.Todos(), newKey)
	sink.history(old.History)
	return rotateRevoke(ctx, o, sess, sink, old)
}

// rotateWrite replaces the old key in every .env holding it; at a terminal
// it shows the plan and asks first.
func rotateWrite(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink, newKey apikey.Key) error {
	if !o.WithKey && !o.DryRun && len(sess.Places().Files) > 0 {
		plan, err := sess.Replace(ctx, nil, newKey, rotate.Options{Force: o.Force, DryRun: true})
		if err == nil {
			sink.planned(plan)
			if !confirm(o.app, fmt.Sprintf("Write the new key to these %d file(s)? [Y/n] ", len(plan))) {
				return rotate.ErrDeclined
			}
		}
	}
	results, err := sess.Replace(ctx, nil, newKey, rotate.Options{Force: o.Force, DryRun: o.DryRun})
	sink.replaced(results, err)
	return err
}

// rotateRevoke guides revoking the old key and waits for the API to
// reject it, unless that is done already or cannot be checked.
func rotateRevoke(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink, old rotate.OldCheck) error {
	switch {
	case o.DryRun:
		sink.notWaiting(rotate.NotWaited, "dry run")
		return nil
	case old.State == rotate.KeyRevoked:
		sink.notWaiting(rotate.RevokedAlready, "")
		return nil
	}
	if o.revoker != nil {
		if err := revokeWithAdmin(ctx, o, sess, sink); err != nil {
			return err
		}
	} else {
		sink.revokeGuide()
	}
	if why := noWaitReason(o, old); why != "" {
		sink.notWaiting(rotate.NotWaited, why)
		return nil
	}
	sink.waitStarted(o.Interval, o.Wait)
	final, err := sess.WaitRevoked(ctx, o.Interval, o.Wait, sink.polled)
	if err != nil || ctx.Err() != nil {
		sink.waitEnded(rotate.NotWaited)
		return rotate.ErrInterrupted
	}
	rev := rotate.Judge(old.State, final, true)
	sink.waitEnded(rev)
	return rotate.RevocationErr(rev)
}

// revokeWithAdmin deletes the old key through the Admin API (--revoke)
// and reports the receipt, or why nothing was deleted.
func revokeWithAdmin(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink) error {
	rctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	receipt, err := sess.RevokeWithAdmin(rctx, o.revoker)
	if ctx.Err() != nil {
		return rotate.ErrInterrupted
	}
	var rerr *rotate.AdminError
	if errors.As(err, &rerr) && rerr.API != nil {
		rerr.Msg += ": " + o.adminErr(rerr.API).Error()
	}
	sink.revokedByAPI(receipt, err)
	return err
}

// noWaitReason says why the revocation is not waited for, or "".
func noWaitReason(o *rotateOptions, old rotate.OldCheck) string {
	switch {
	case o.SkipChecks:
		return "--skip-checks makes no network call"
	case o.Wait == 0:
		return "--wait 0"
	case !old.CanPoll():
		return "the old key could not be sent to the API (see step 2)"
	}
	return ""
}

// confirm asks a yes/no question on stderr and reads the answer from stdin;
// Enter means yes, anything starting with n means no.
func confirm(a *app, question string) bool {
	fmt.Fprint(a.Err, question)
	line, _ := bufio.NewReader(a.In).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return !strings.HasPrefix(answer, "n")
}
