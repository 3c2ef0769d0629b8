package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/provision"
	"github.com/setupkit/openai-setup/tui"
)

// wizardProvision is the wizard's admin-key route on the command's side:
// the provision package behind tui.ProvisionOptions, and a record of what
// the run made, printed when the wizard ends.
type wizardProvision struct {
	o        *setupOptions
	base     string // where the admin key (and the new key's checks) go
	host     string
	timeout  time.Duration
	inv      discover.Inventory
	newAdmin func(key apikey.Key) *admin.Client

	mu      sync.Mutex
	started bool
	done    chan struct{} // closed when the run returned
	out     provision.Outcome
	err     error // the run's error, as shown
	admin   apikey.Key
	deleted bool
}

// addProvision offers Welcome's admin-key route in opts, and returns the
// record to end the wizard with. inv is the wizard's inventory of this
// folder (the base URL the admin key may go to comes from it).
func addProvision(o *setupOptions, opts *tui.Options, inv discover.Inventory) *wizardProvision {
	a := o.app
	base, from, trusted := checks.BaseURLForKeyNotInFile(o.BaseURL, inv)
	wp := &wizardProvision{o: o, base: base, host: openai.HostOf(base), timeout: defaultAdminTimeout, inv: inv, done: make(chan struct{})}
	wp.newAdmin = func(key apikey.Key) *admin.Client { return admin.New(a.NewClient(wp.timeout), base, key) }
	now := time.Now()
	po := &tui.ProvisionOptions{
		AdminKeysURL: openai.AdminKeysURL,
		ProjectsURL:  openai.ProjectsURL,
		Fields:       tui.ProvisionFields{Project: defaultProjectName(a.Dir, now), Name: keyNameFor(a.Dir)},
		Plan:         wp.plan,
		Run:          wp.run,
		Delete:       wp.delete,
		RunChecks:    wp.runChecks,
	}
	po.EnvKey, po.EnvProblem = envAdminKey(a)
	if !trusted {
		po.Refusal = fmt.Sprintf("%s in %s points at %s, and an admin key is never sent to a base URL set in a file; if you trust %s, run openai-setup --base-url %s",
			openai.EnvBaseURL, termtext.Safe(from), termtext.Safe(wp.host), termtext.Safe(wp.host), termtext.Safe(openai.MaskURL(base)))
	} else if _, err := checks.PlainHTTPForKey(context.Background(), o.BaseURL, inv, o.InsecureHTTP); err != nil {
		po.Refusal = termtext.Safe(err.Error())
	}
	opts.Provision = po
	return wp
}

// envAdminKey is OPENAI_ADMIN_KEY from this process's environment (never
// a dotenv file) when it holds one admin key, else why it was not taken.
func envAdminKey(a *app) (apikey.Key, string) {
	raw := a.getenv(openai.EnvAdminKey)
	if raw == "" {
		return apikey.Key{}, ""
	}
	if err := apikey.CheckInput(raw); err != nil {
		return apikey.Key{}, fmt.Sprintf("%s is not one admin key (%v); it was not used", openai.EnvAdminKey, err)
	}
	cleaned, _ := apikey.Clean(raw)
	key := apikey.New(cleaned)
	if key.Kind() != apikey.KindAdmin {
		return apikey.Key{}, fmt.Sprintf("%s holds a %s, not an admin key (sk-admin-…); it was not used", openai.EnvAdminKey, key.Kind().Label())
	}
	return key, ""
}

// fieldWords turns the command's flag names in provision's refusals into
// the plan screen's field names.
var fieldWords = strings.NewReplacer(
	"pass --expires (for example --expires 90d)", "fill in Expires (for example 90d)",
	"pass --budget too", "fill in Budget too", "; pass --project NAME", ": fill in Project",
	"--project or --name", "Project or Key name", "--project", "Project", "--name", "Key name",
	"--budget", "Budget", "--alert-email", "Alert e-mail", "--expires", "Expires")

// request checks the plan screen's fields as provision checks its flags.
func (wp *wizardProvision) request(f tui.ProvisionFields, dry bool) (provision.Request, error) {
	po := &provisionOptions{app: wp.o.app, Project: strings.TrimSpace(f.Project), Name: strings.TrimSpace(f.Name),
		Budget: strings.TrimSpace(f.Budget), AlertEmail: strings.TrimSpace(f.AlertEmail), Expires: strings.TrimSpace(f.Expires), DryRun: dry}
	req, err := po.request(time.Now())
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			err = ue.err
		}
		return req, errors.New(fieldWords.Replace(termtext.Safe(err.Error())))
	}
	return req, nil
}

// session is the admin key as explainAdminError needs it.
func (wp *wizardProvision) session(key apikey.Key) *adminSession {
	return &adminSession{Client: wp.newAdmin(key), Key: key, Host: wp.host, Timeout: wp.timeout, Inventory: wp.inv}
}

// plan makes read calls only: what a run with f would make.
func (wp *wizardProvision) plan(ctx context.Context, key apikey.Key, f tui.ProvisionFields) (tui.ProvisionPlan, error) {
	req, err := wp.request(f, true)
	if err != nil {
		return tui.ProvisionPlan{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, wp.timeout)
	defer cancel()
	s := wp.session(key)
	out, err := provision.Run(ctx, s.Client, req, provision.Events{})
	if err != nil {
		return tui.ProvisionPlan{}, errors.New(termtext.Safe(s.explainAdminError(err).Error()))
	}
	plan := tui.ProvisionPlan{Lines: safeAll(out.Plan), Notes: safeAll(out.Notes)}
	plan.Lines = append(plan.Lines, "then save the new key where you choose on Save (with .gitignore covering it) and check it")
	plan.Notes = append(plan.Notes, "Read calls cannot tell a read-only admin key; one fails at the first write, before anything is made.")
	return plan, nil
}

// run makes what f asks for, reporting each change to on and recording
// it for the summary.
func (wp *wizardProvision) run(ctx context.Context, key apikey.Key, f tui.ProvisionFields, on func(tui.ProvisionEvent)) tui.ProvisionResult {
	req, err := wp.request(f, false)
	if err != nil {
		return tui.ProvisionResult{Err: err}
	}
	wp.mu.Lock()
	if wp.started { // a run that made nothing, tried again: a fresh record
		wp.done = make(chan struct{})
	}
	wp.started, wp.admin, wp.out, wp.err, wp.deleted = true, key, provision.Outcome{}, nil, false
	done := wp.done
	wp.mu.Unlock()
	defer close(done)

	ctx, cancel := context.WithTimeout(ctx, wp.timeout)
	defer cancel()
	s := wp.session(key)
	out, err := provision.Run(ctx, s.Client, req, provision.Events{
		Receipt: func(r provision.Receipt) {
			wp.mu.Lock()
			wp.out.Receipts = append(wp.out.Receipts, r)
			wp.mu.Unlock()
			on(tui.ProvisionEvent{Receipt: toTUIReceipt(r)})
		},
		Found: func(p admin.Project) {
			on(tui.ProvisionEvent{Found: termtext.Safe(p.Name) + " (" + termtext.Safe(p.ID) + ")"})
		},
	})
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		err = errStoppedByQuit
	case errors.Is(err, provision.ErrExpiresRequired):
		err = errors.New(fieldWords.Replace(provision.ErrExpiresRequired.Error()))
	case readOnly(err):
		err = errors.New(termtext.Safe(s.explainAdminError(err).Error()) + "; or make the key on the dashboard instead (back on Welcome, choice 2)")
	default:
		err = errors.New(termtext.Safe(s.explainAdminError(err).Error()))
	}
	wp.mu.Lock()
	wp.out, wp.err = out, err
	wp.mu.Unlock()
	res := tui.ProvisionResult{Key: out.Key, ProjectID: out.Project.ID, AccountID: out.Account.ID, AccountName: termtext.Safe(out.Account.Name), Err: err}
	for _, n := range out.Notes {
		res.Notes = append(res.Notes, termtext.Safe(n)+"; set it at "+openai.LimitsURL)
	}
	return res
}

// readOnly reports whether err is the first write of a read-only admin key.
func readOnly(err error) bool {
	var e *admin.Error
	return errors.As(err, &e) && slices.Contains(e.MissingScopes(), admin.ScopeWrite)
}

// toTUIReceipt is a receipt as the wizard shows it.
func toTUIReceipt(r provision.Receipt) *tui.Receipt {
	return &tui.Receipt{Action: r.Action, Object: receiptObjects[r.Object], Name: termtext.Safe(r.Name), ID: termtext.Safe(r.ID)}
}

// delete deletes the service account the failed run made.
func (wp *wizardProvision) delete(ctx context.Context, key apikey.Key, projectID, accountID string) (tui.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, wp.timeout)
	defer cancel()
	s := wp.session(key)
	if err := s.Client.DeleteServiceAccount(ctx, projectID, accountID); err != nil {
		return tui.Receipt{}, errors.New(termtext.Safe(s.explainAdminError(err).Error()))
	}
	wp.mu.Lock()
	defer wp.mu.Unlock()
	r := provision.Receipt{Action: "deleted", Object: "service_account", ID: accountID, Name: wp.out.Account.Name}
	wp.out.Receipts = append(wp.out.Receipts, r)
	wp.deleted = true
	return *toTUIReceipt(r), nil
}

// runChecks checks the new key on the host that made it. A just-created
// key can take a few seconds to be accepted: the auth check alone is asked
// again with provision's short back-off, each wait said through onWait,
// before the checks run (and a key still refused fails them).
func (wp *wizardProvision) runChecks(ctx context.Context, key apikey.Key, free bool, onResult func(checks.Result), onWait func(string)) {
	so := *wp.o
	so.BaseURL = wp.base
	so.NoSpend = so.NoSpend || free
	for _, wait := range keyWarmup {
		rep := checks.Run(ctx, so.checkOptions(key, []string{checks.APIAuth}, nil))
		if !notAcceptedYet(rep) || ctx.Err() != nil {
			break
		}
		onWait(fmt.Sprintf("The new key is not accepted yet (401 invalid_api_key); new keys can take a few seconds. Checking again in %s…", wait))
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
	onWait("")
	checks.Run(ctx, so.checkOptions(key, wizardChecks, onResult))
}
