package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/provision"
	"github.com/setupkit/openai-setup/steps"
	"github.com/spf13/cobra"
)

// provisionOptions are the flags of `openai-setup provision`.
type provisionOptions struct {
	app        *app
	admin      adminFlags
	Project    string
	Name       string
	EnvFile    string
	Budget     string
	AlertEmail string
	Expires    string
	DryRun     bool
	JSON       bool
	NoSpend    bool
	Force      bool
	SetBaseURL bool
}

// newProvisionCmd builds `openai-setup provision`. runF replaces
// provisionRun in flag-parsing tests.
func newProvisionCmd(a *app, runF func(*provisionOptions) error) *cobra.Command {
	opts := &provisionOptions{app: a}
	cmd := &cobra.Command{
		Use:   "provision",
		Short: "Make a project, a service account and its API key with an admin key, then save and check the key",
		Long: `provision makes an API key without the dashboard: it finds the project by its exact name (or creates it), creates a service account in it named <app>-<host>-<yyyy-mm>, whose key is the new API key, optionally sets the project's monthly spend limit and an e-mail alert at 80 % of it, saves the key in .env (kept out of git) and runs doctor's key and API checks on it.

Every change is printed as a receipt line (what, name, id). If a later step fails, provision says exactly what exists now and how to delete the service account it made. A new key can take a few seconds to be accepted: the checks are retried with a short back-off within --timeout.

It needs an admin key with write permission (sk-admin-…), which only organization owners can create, at ` + openai.AdminKeysURL + `. It is read from $` + openai.EnvAdminKey + `, from standard input with --admin-key-stdin, or typed at a hidden prompt; never from an argument or a file, and it is never written anywhere or printed beyond its fingerprint.`,
		Example: `  OPENAI_ADMIN_KEY=… openai-setup provision
  OPENAI_ADMIN_KEY=… openai-setup provision --project "my app" --budget 20 --alert-email ops@example.com --expires 90d
  pass show openai-admin | openai-setup provision --admin-key-stdin --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("provision takes no arguments (got %d); name the project with --project", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return provisionRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Project, "project", "", "project to find or create (default: this work tree's folder name)")
	f.StringVar(&opts.Name, "name", "", "service account name (default: <app>-<host>-<yyyy-mm>)")
	f.StringVar(&opts.EnvFile, "env-file", ".env", "dotenv file to save the key in")
	f.StringVar(&opts.Budget, "budget", "", "set the project's monthly spend limit, in US dollars (e.g. 20 or 12.50)")
	f.StringVar(&opts.AlertEmail, "alert-email", "", "with --budget: e-mail this address when the month's spend passes 80 % of it")
	f.StringVar(&opts.Expires, "expires", "", "key lifetime, e.g. 90d or 720h (some organizations require one)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "make read calls only and print what would be made")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (schema_version 1)")
	f.BoolVar(&opts.NoSpend, "no-spend", false, "make no paid request when checking the new key")
	f.BoolVar(&opts.Force, "force", false, "write the dotenv file even though git tracks it")
	f.BoolVar(&opts.SetBaseURL, "set-base-url", false, "when the API asks for a regional host (api.auth regional_hostname), check the key there and write the OPENAI_BASE_URL line next to it")
	opts.admin.add(cmd)
	return cmd
}

// request checks every flag before anything is read or sent.
func (o *provisionOptions) request(now time.Time) (provision.Request, error) {
	a := o.app
	req := provision.Request{Project: o.Project, AccountName: o.Name, AlertEmail: o.AlertEmail, DryRun: o.DryRun}
	if looksLikeKey(o.Project) || looksLikeKey(o.Name) {
		return req, usagef("a key was given to --project or --name, which take names; nothing was sent")
	}
	if req.Project == "" {
		req.Project = defaultProjectName(a.Dir, now)
		if req.Project == "" {
			return req, usagef("could not make a project name from this folder's name; pass --project NAME")
		}
	}
	if err := provision.CheckProject(req.Project); err != nil {
		return req, usageError{err}
	}
	if req.AccountName == "" {
		host, _ := os.Hostname()
		req.AccountName = steps.KeyName(gitcli.FindRoot(a.Dir), a.Dir, host, now)
	}
	if err := provision.CheckName("--name", req.AccountName); err != nil {
		return req, usageError{err}
	}
	var err error
	if o.Budget != "" {
		if req.BudgetCents, err = provision.ParseBudget(o.Budget); err != nil {
			return req, usageError{err}
		}
	}
	if o.AlertEmail != "" {
		if o.Budget == "" {
			return req, usagef("--alert-email sets an alert at %d %% of --budget: pass --budget too", provision.AlertPercent)
		}
		if err := provision.CheckEmail(o.AlertEmail); err != nil {
			return req, usageError{err}
		}
	}
	if o.Expires != "" {
		if req.Expires, err = provision.ParseExpires(o.Expires); err != nil {
			return req, usageError{err}
		}
	}
	return req, nil
}

// defaultProjectName is the app part of steps.KeyName's scheme: the work
// tree's (else the folder's) name, as a slug.
func defaultProjectName(dir string, now time.Time) string {
	month := now.UTC().Format("2006-01")
	name := steps.KeyName(gitcli.FindRoot(dir), dir, "", now)
	app, ok := strings.CutSuffix(name, "-"+month)
	if !ok {
		return ""
	}
	return app
}

func provisionRun(parent context.Context, o *provisionOptions) error {
	a := o.app
	req, err := o.request(time.Now())
	if err != nil {
		return err
	}
	so := &setupOptions{app: a, EnvFile: o.EnvFile, NoSpend: o.NoSpend, Model: checks.DefaultModel, Timeout: checks.DefaultTimeout}
	envPath, err := withKeyTarget(so)
	if err != nil {
		return err
	}
	// A save that would be refused (a tracked or unreadable .env) is found
	// now, before anything is created.
	if _, err := planSave(a, envPath, placeholderKey, o.Force); err != nil {
		return fmt.Errorf("nothing was created: %w", err)
	}
	s, err := openAdmin(a, o.admin, false, nil)
	if err != nil {
		return err
	}
	var baseFrom string
	so.BaseURL, baseFrom, _ = checks.BaseURLForKeyNotInFile(o.admin.BaseURL, s.Inventory)
	ctx, cancel := context.WithTimeout(parent, s.Timeout)
	defer cancel()

	p := &provisionReport{app: a, session: s, req: req, json: o.JSON, envFile: display(a, envPath), base: so.BaseURL}
	out, err := provision.Run(ctx, s.Client, req, provision.Events{Receipt: p.receipt, Found: p.found})
	p.out = out
	switch {
	case parent.Err() != nil:
		return p.fail(errInterrupted)
	case errors.Is(err, provision.ErrExpiresRequired):
		return p.fail(provision.ErrExpiresRequired)
	case err != nil:
		return p.fail(s.explainAdminError(err))
	case req.DryRun:
		return p.dryRun()
	}
	p.announceKey()

	saved, err := saveKey(a, envPath, out.Key, o.Force)
	if err != nil {
		return p.fail(fmt.Errorf("the key was not saved: %w", err))
	}
	p.saved = &saved
	p.announceSaved()

	start := time.Now()
	rep := checkNewKey(ctx, so, out.Key, p.progress())
	if offer, ok := findRegionalOffer(rep); ok && parent.Err() == nil {
		offer.From = baseFrom
		rep = p.regional(ctx, o, so, offer, envPath, rep)
	}
	p.rep, p.elapsed = &rep, time.Since(start)
	if parent.Err() != nil {
		return p.fail(errInterrupted)
	}
	if p.baseErr != nil {
		return p.fail(p.baseErr)
	}
	if !rep.OK() {
		return p.fail(errors.New("the new key was saved, but a check failed (see above)"))
	}
	return p.done()
}

// regional handles a new key the API sent to its project's regional
// host: the line is said, or with --set-base-url the key is checked there
// and, when it passes, the line is written next to the saved key.
func (p *provisionReport) regional(ctx context.Context, o *provisionOptions, so *setupOptions, offer regionalOffer, envPath string, rep checks.Report) checks.Report {
	if !o.SetBaseURL || offer.blocker() != "" {
		p.notes = append(p.notes, offer.hint(p.envFile))
		return rep
	}
	at := *so
	at.BaseURL = offer.URL
	rep = checkNewKey(ctx, &at, p.out.Key, p.progress())
	if !rep.OK() {
		return rep
	}
	wctx, cancel := context.WithTimeout(ctx, saveTimeout)
	defer cancel()
	changes, err := writeBaseURL(wctx, p.app, offer, o.Force, envPath)
	p.saved.Changes = append(p.saved.Changes, changes...)
	if err != nil {
		p.baseErr = fmt.Errorf("the key was saved and checked out at %s, but %w", offer.URL, err)
		return rep
	}
	p.notes = append(p.notes, baseURLWords(offer, []string{p.envFile}))
	return rep
}

// placeholderKey stands in for the key not made yet when the save is
// tried as a dry run.
var placeholderKey = apikey.New("sk-svcacct-" + strings.Repeat("0", 64))

// keyWarmup is the back-off between checks of a key the API does not
// accept yet: a just-created key can take a few seconds.
var keyWarmup = []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second}

// checkNewKey runs doctor's key and API checks on key, again after a short
// wait while the API answers 401 invalid_api_key, within ctx's deadline.
// Each wait is announced on progress.
func checkNewKey(ctx context.Context, so *setupOptions, key apikey.Key, progress func(string)) checks.Report {
	return warmupChecks(ctx, func(ctx context.Context) checks.Report {
		rep := checks.Run(ctx, so.checkOptions(key, withKeyChecks, nil))
		madeKeyWording(rep, key)
		return rep
	}, progress)
}

// madeKeyWording says in rep where a key made through the Admin API came
// from: the engine's wording is for a pasted key.
func madeKeyWording(rep checks.Report, key apikey.Key) {
	for j, r := range rep.Results {
		if r.ID == checks.KeyFound && r.Status == checks.Pass {
			rep.Results[j].Summary = fmt.Sprintf("the key of the service account just created: %s (%s)", key.Fingerprint(), key.Kind().Label())
		}
	}
}

// warmupChecks runs run, and again after each keyWarmup wait while the API
// does not accept the key yet (a just-created key), within ctx's deadline;
// each wait is announced on progress.
func warmupChecks(ctx context.Context, run func(context.Context) checks.Report, progress func(string)) checks.Report {
	for i := 0; ; i++ {
		rep := run(ctx)
		if !notAcceptedYet(rep) || i >= len(keyWarmup) || ctx.Err() != nil {
			return rep
		}
		wait := keyWarmup[i]
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+time.Second {
			return rep // no time left for another try: report what the API said
		}
		progress(fmt.Sprintf("The new key is not accepted yet (401 invalid_api_key); new keys can take a few seconds. Checking again in %s…", wait))
		select {
		case <-ctx.Done():
			return rep
		case <-time.After(wait):
		}
	}
}

// warmupTotal is the longest warmupChecks waits in all.
func warmupTotal() time.Duration {
	var d time.Duration
	for _, w := range keyWarmup {
		d += w
	}
	return d
}

// notAcceptedYet reports whether the API turned the key away as unknown.
func notAcceptedYet(rep checks.Report) bool {
	for _, r := range rep.Results {
		if r.Failed() && r.Code == checks.CodeInvalidAPIKey {
			return true
		}
	}
	return false
}
