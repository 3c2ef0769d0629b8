package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/hygiene"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/keyowner"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
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
	// CreateKey makes the new key through the Admin API (a service
	// account in the old key's project) instead of reading it.
	CreateKey     bool
	AdminKeyStdin bool
	// AgentsDeny adds Claude Code Read deny rules for the files written.
	AgentsDeny bool
	// SetBaseURL writes the OPENAI_BASE_URL line the API asks for (a
	// regional host) into the files written, once the key checked out there.
	SetBaseURL bool
	// admin is the admin key's session (--revoke, --create-key, or the
	// wizard with an admin key); revoker deletes the old key through it
	// (--revoke).
	admin   *adminSession
	revoker rotate.Revoker
	// created is the service account --create-key made.
	created *rotate.Created
	// adminNote says why the wizard got no admin key although one was given.
	adminNote string
}

// newRotateCmd builds `openai-setup rotate`. runF replaces rotateRun in
// flag-parsing tests.
func newRotateCmd(a *app, runF func(*rotateOptions) error) *cobra.Command {
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

With --revoke (scripts only, with --with-key or --create-key) and an admin key in $` + openai.EnvAdminKey + ` (or --admin-key-stdin), step 7 deletes the old key through the Admin API instead: a user's project key, or a service account whose only key it is; it refuses, deleting nothing, when the listings show the old key nowhere or more than once, or when the service account has other keys. The wizard, given an admin key, asks before doing the same. After a deletion, rotate says what the old key cost and used.

With --create-key and an admin key, step 3 makes the new key itself: a service account in the old key's project (not the Default project, which cannot hold one), printed as a receipt.

In a terminal rotate is a full-screen wizard (esc stops the wait for the revocation); --accessible (or ACCESSIBLE=1, TERM=dumb) asks line by line instead. The key rotated is the one apps here use (the one doctor marks "used"); --old picks another key doctor lists. Keys are only ever shown as fingerprints, like sk-proj-…Ab3d.`,
		Example: `  # scripted: the new key on stdin, wait up to 2 minutes for you to revoke the old one
  pass show openai-new | openai-setup rotate --with-key

  # see what would change, write nothing
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --dry-run

  # with OPENAI_ADMIN_KEY set: delete the old key through the Admin API too
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --revoke

  # with OPENAI_ADMIN_KEY set: no dashboard at all
  openai-setup rotate --create-key --revoke

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
	f.BoolVar(&opts.CreateKey, "create-key", false, "make the new key through the Admin API instead of reading it: a service account in the old key's project (not the Default project), with an admin key in $"+openai.EnvAdminKey+" or --admin-key-stdin")
	f.BoolVar(&opts.AdminKeyStdin, "admin-key-stdin", false, "read the admin key from standard input instead of $"+openai.EnvAdminKey+" (not with --with-key)")
	f.BoolVar(&opts.AgentsDeny, "agents-deny", false, "also add Claude Code Read deny rules for the .env files rotate writes (.claude/settings.local.json, or .claude/settings.json when it has a deny list)")
	f.BoolVar(&opts.SetBaseURL, "set-base-url", false, "when the API asks for a regional host (api.auth regional_hostname), check the new key there and write the OPENAI_BASE_URL line into the .env files rotate writes")
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
	inv := discoverHere(a)
	old, err := rotate.Choose(inv, o.Old)
	if err != nil {
		return usageError{err}
	}
	wizard := !o.WithKey && !o.CreateKey && !o.DryRun && a.OutTTY && !plainPrompts(a, o.Accessible)
	switch {
	case o.Revoke || o.CreateKey:
		// Opened before anything is written: a missing or refused admin
		// key stops the rotation here.
		as, err := openAdmin(a, o.adminFlags(), o.WithKey, &inv)
		if err != nil {
			return err
		}
		o.admin = as
		if o.Revoke {
			o.revoker = as.Client
		}
	case !o.scripted() && !o.DryRun && (o.AdminKeyStdin || a.getenv(openai.EnvAdminKey) != ""):
		// At a terminal, revoking through the API is offered (asked first)
		// when an admin key is given; one that cannot be used leaves the
		// dashboard path.
		if as, err := openAdmin(a, o.adminFlags(), false, &inv); err == nil {
			o.admin = as
		} else {
			o.adminNote = err.Error()
		}
	}
	sink := newRotateSink(o)
	sess, err := rotate.Begin(ctx, o.sessionConfig(), inv, old)
	if err != nil {
		return sink.end(err)
	}
	if wizard {
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
	case o.CreateKey && o.WithKey:
		return usagef("--create-key makes the new key and --with-key reads it from standard input: give one of them")
	case o.CreateKey && (o.DryRun || o.SkipChecks):
		return usagef("--create-key makes a key through the Admin API, so it goes neither with --dry-run nor with --skip-checks")
	case o.AdminKeyStdin && o.WithKey:
		return usagef("--admin-key-stdin and --with-key both read standard input; put the admin key in %s instead", openai.EnvAdminKey)
	case o.JSON && !o.scripted():
		return usagef("--json goes with --with-key: printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key --json")
	case o.Revoke && !o.scripted():
		return usagef("--revoke goes with --with-key or --create-key (scripts only): printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key --revoke")
	case o.Revoke && (o.DryRun || o.SkipChecks):
		return usagef("--revoke deletes the old key, so it goes neither with --dry-run nor with --skip-checks (the new key must check out first)")
	case (o.AgentsDeny || o.SetBaseURL) && !o.scripted():
		return usagef("--agents-deny and --set-base-url go with --with-key or --create-key (the wizard asks instead)")
	case o.SetBaseURL && o.SkipChecks:
		return usagef("--set-base-url writes the host the API names when checking the new key, so it does not go with --skip-checks")
	case !o.scripted() && !o.app.InTTY:
		return usagef("no terminal to ask for the new key: pipe it in with printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key")
	}
	return nil
}

// scripted reports whether the new key comes without a prompt.
func (o *rotateOptions) scripted() bool { return o.WithKey || o.CreateKey }

// adminFlags are the admin key's flags, from rotate's own.
func (o *rotateOptions) adminFlags() adminFlags {
	return adminFlags{Stdin: o.AdminKeyStdin, BaseURL: o.BaseURL, Timeout: o.Timeout, InsecureHTTP: o.InsecureHTTP}
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
			Hygiene: hygiene.Run,
			Admin:   keyowner.New,
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
	if !o.scripted() {
		sink.createGuide()
	}
	newKey, err := rotateNewKey(ctx, o, sess, sink)
	if err != nil {
		return err
	}
	rep, err := checkRotatedKey(ctx, o, sess, newKey)
	if ctx.Err() != nil && o.created != nil {
		return rotate.ErrInterrupted // reported, with the account made
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil && rep.Results == nil {
		return err // the same key: nothing was checked
	}
	sink.newChecked(newKey, rep)
	offer, err := rotateRegional(ctx, o, sess, sink, newKey, rep, err)
	if err != nil {
		return err
	}
	if err := rotateWrite(ctx, o, sess, sink, newKey, offer); err != nil {
		return err
	}
	sink.todos(sess.Todos(), newKey)
	sink.history(old.History)
	return rotateRevoke(ctx, o, sess, sink, old)
}

// rotateNewKey reads the new key from standard input, or makes it through
// the Admin API (--create-key), printing the receipt.
func rotateNewKey(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink) (apikey.Key, error) {
	if o.CreateKey {
		rctx, cancel := context.WithTimeout(ctx, o.Timeout)
		defer cancel()
		c, err := sess.CreateWithAdmin(rctx, o.admin.Client, serviceAccountName(o.app, time.Now()))
		if ctx.Err() != nil && c.Key.IsZero() {
			return apikey.Key{}, rotate.ErrInterrupted
		}
		explainAdminStep(o.admin, err)
		if err == nil {
			o.created = &c
		}
		sink.created(c, err)
		return c.Key, err
	}
	newKey, cleaned, err := readKey(o.app)
	if err != nil {
		return newKey, err
	}
	if len(cleaned) > 0 && !o.JSON {
		fmt.Fprintf(o.app.Err, "openai-setup: removed %s around the new key\n", strings.Join(cleanedWords(cleaned), ", "))
	}
	return newKey, nil
}

// checkRotatedKey checks the new key; a key just made through the Admin
// API is checked again after a short, visible wait while the API does not
// accept it yet.
func checkRotatedKey(ctx context.Context, o *rotateOptions, sess *rotate.Session, newKey apikey.Key) (checks.Report, error) {
	var err error
	run := func(ctx context.Context) checks.Report {
		var rep checks.Report
		rep, err = sess.CheckNew(ctx, newKey, nil)
		if o.created != nil {
			madeKeyWording(rep, newKey)
		}
		return rep
	}
	if o.created == nil {
		return run(ctx), err
	}
	wctx, cancel := context.WithTimeout(ctx, o.Timeout+warmupTotal())
	defer cancel()
	progress := func(s string) {
		if !o.JSON {
			fmt.Fprintln(o.app.Err, s)
		}
	}
	return warmupChecks(wctx, run, progress), err
}

// explainAdminStep adds to an Admin API step's error what the API said, in
// words that say what to do.
func explainAdminStep(s *adminSession, err error) {
	var aerr *rotate.AdminError
	if s != nil && errors.As(err, &aerr) && aerr.API != nil {
		aerr.Msg += ": " + s.explainAdminError(aerr.API).Error()
	}
}

// serviceAccountName names a service account made for this work tree as
// the wizard names keys: <app>-<host>-<yyyy-mm>.
func serviceAccountName(a *app, now time.Time) string {
	host, _ := os.Hostname()
	return steps.KeyName(gitcli.FindRoot(a.Dir), a.Dir, host, now)
}

// rotateRegional handles a new key the API recognised but sent to its
// project's regional host: the exact OPENAI_BASE_URL line is said, and with
// --set-base-url (or a yes at the line-by-line prompts) the key is checked
// again there; the line is then written
// with the key (never before: the files' apps still use the old key on the
// old host until then). It returns the offer to write, or err as it was.
func rotateRegional(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink, newKey apikey.Key, rep checks.Report, err error) (*regionalOffer, error) {
	offer, ok := findRegionalOffer(rep)
	if err == nil || !ok {
		return nil, err
	}
	files := "the .env file your apps read"
	if names := placeNames(o.app, sess.Places().Files); len(names) > 0 {
		files = strings.Join(names, ", ")
	}
	set := o.SetBaseURL
	if !set && !o.scripted() && offer.blocker() == "" {
		// The line-by-line prompts ask, as the wizard's w offers.
		set = confirm(o.app, fmt.Sprintf("\nThe API asks for the regional host %s. Check the new key there, and write %s with it into %s? [Y/n] ", offer.URL, offer.Line(), files))
		if !set {
			sink.note(fmt.Sprintf("Not checked at the regional host: add the line %s to %s, then run rotate again.", offer.Line(), files))
			return nil, err
		}
	}
	if !set || offer.blocker() != "" {
		sink.note(offer.hint(files))
		return nil, err
	}
	rep, err = sess.CheckNewAt(ctx, newKey, offer.URL, nil)
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	sink.rechecked(offer.URL, rep)
	if err != nil {
		return nil, err
	}
	return &offer, nil
}

// placeNames are the files' names for people.
func placeNames(a *app, files []rotate.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, placeName(a, f.Path, 0))
	}
	return out
}

// rotateWrite replaces the old key in every .env holding it; at a terminal
// it shows the plan and asks first. With --agents-deny the deny rules are
// planned first (an unusable settings file stops it before any write) and
// written after the key; a regional offer's line is written after the key.
func rotateWrite(ctx context.Context, o *rotateOptions, sess *rotate.Session, sink rotateSink, newKey apikey.Key, offer *regionalOffer) error {
	var deny *denyStep
	if o.AgentsDeny && len(sess.Places().Files) > 0 {
		var err error
		if deny, err = planAgentsDenyFor(o.app, sess.Inventory(), filePaths(sess.Places().Files)); err != nil {
			return &refusedError{msg: "--agents-deny: " + err.Error() + "; nothing was written"}
		}
	}
	if !o.WithKey && !o.CreateKey && !o.DryRun && len(sess.Places().Files) > 0 {
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
	if err != nil {
		return err
	}
	var done []string
	for _, r := range results {
		done = append(done, r.Path)
	}
	if offer != nil && len(done) > 0 {
		if o.DryRun {
			sink.note(fmt.Sprintf("Dry run: %s would also be written to %s.", offer.Line(), strings.Join(placeNames(o.app, sess.Places().Files), ", ")))
		} else {
			wctx, cancel := context.WithTimeout(ctx, saveTimeout)
			changes, werr := writeBaseURL(wctx, o.app, *offer, o.Force, done...)
			cancel()
			sink.extraWritten(openai.EnvBaseURL, changes, werr)
		}
	}
	if deny != nil && len(deny.plan.Rules) > 0 {
		if o.DryRun {
			sink.extraPlanned("Claude Code deny rules", deny.changes)
		} else {
			var rep saveReport
			deny.apply(o.app, &rep)
			var derr error
			if len(rep.Warnings) > 0 {
				derr = errors.New(rep.Warnings[0])
			}
			sink.extraWritten("Claude Code deny rules", deny.changes, derr)
		}
	}
	return nil
}

// refusedError stops a rotation before anything is written, for a reason
// of its own (it matches rotate.ErrRefused for the exit status and JSON).
type refusedError struct{ msg string }

func (e *refusedError) Error() string        { return e.msg }
func (e *refusedError) Is(target error) bool { return target == rotate.ErrRefused }

func filePaths(files []rotate.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
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
	if o.revoker == nil && o.admin != nil && !o.scripted() {
		q := fmt.Sprintf("\nDelete the old key %s through the Admin API now, with the admin key %s (a service account only when it has no other key)? [y/N] ",
			sess.Old().Fingerprint(), o.admin.Key.Fingerprint())
		if confirmNo(o.app, q) {
			o.revoker = o.admin.Client
		}
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
	explainAdminStep(o.admin, err)
	sink.revokedByAPI(receipt, err)
	if err == nil && o.admin != nil {
		sink.leakUsage(leakUsage(ctx, o.admin, receipt, sess.Old().Fingerprint(), time.Now()))
	}
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

// confirmNo asks a yes/no question whose answer is no unless it starts
// with y: for what cannot be undone.
func confirmNo(a *app, question string) bool {
	fmt.Fprint(a.Err, question)
	line, _ := bufio.NewReader(a.In).ReadString('\n')
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(line)), "y")
}

// confirm asks a yes/no question on stderr and reads the answer from stdin;
// Enter means yes, anything starting with n means no.
func confirm(a *app, question string) bool {
	fmt.Fprint(a.Err, question)
	line, _ := bufio.NewReader(a.In).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return !strings.HasPrefix(answer, "n")
}
