// Package provision makes a key without the dashboard: it finds or creates
// a project, creates a service account in it (whose key is the new API
// key) and sets the project's guard-rails, with an admin key. Every change
// is returned as a receipt, also when a later step fails, so the caller can
// say exactly what exists now.
package provision

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
)

// Request is what to make. Names are checked with CheckProject and
// CheckName before it is built.
type Request struct {
	Project     string
	AccountName string
	Expires     time.Duration // 0: no expiry asked for
	BudgetCents int64         // 0: no spend limit
	AlertEmail  string        // "": no alert; needs BudgetCents
	DryRun      bool          // read calls only
}

// AlertPercent is where the e-mail alert sits, as a share of the budget.
const AlertPercent = 80

// Receipt is one change made: what, which object, its id and name.
type Receipt struct {
	Action string `json:"action"` // "created", "set", "deleted"
	Object string `json:"object"` // "project", "service_account", "spend_limit", "spend_alert"
	ID     string `json:"id"`
	Name   string `json:"name"`
}

// Outcome is what Run found and made.
type Outcome struct {
	Project        admin.Project
	ProjectFound   bool // an active project of that name existed
	ProjectCreated bool
	Account        admin.ServiceAccount // zero until created
	Key            apikey.Key           // the service account's key; zero until created
	Receipts       []Receipt
	Plan           []string // dry run: the changes a real run would make
	Notes          []string // guard-rails this organization does not offer yet
}

// ErrExpiresRequired is returned when the organization's key-lifetime
// policy refuses a service account without an expiry.
var ErrExpiresRequired = errors.New("this organization's key-lifetime policy requires an expiry: pass --expires (for example --expires 90d)")

// Events hears what Run does as it happens; either func may be nil.
type Events struct {
	Receipt func(Receipt)       // a change was made
	Found   func(admin.Project) // an existing project will be used
}

// Run finds or creates the project, then creates the service account, then
// sets the guard-rails. The first write (creating the project, or the
// service account in an existing one) comes before anything exists, so a
// read-only admin key leaves nothing behind. on hears each change as it
// is made. On error the Outcome still holds every receipt.
func Run(ctx context.Context, c *admin.Client, req Request, on Events) (Outcome, error) {
	var out Outcome
	note := func(r Receipt) {
		out.Receipts = append(out.Receipts, r)
		if on.Receipt != nil {
			on.Receipt(r)
		}
	}
	projects, err := c.Projects(ctx) // all pages; archived ones left out
	if err != nil {
		return out, err
	}
	for _, p := range projects {
		if p.Name == req.Project && p.Status != "archived" {
			out.Project, out.ProjectFound = p, true
			break
		}
	}
	if req.DryRun {
		return out, plan(ctx, c, req, &out)
	}
	if out.ProjectFound && on.Found != nil {
		on.Found(out.Project)
	}
	if !out.ProjectFound {
		p, err := c.CreateProject(ctx, req.Project)
		if err != nil {
			return out, err
		}
		out.Project, out.ProjectCreated = p, true
		note(Receipt{Action: "created", Object: "project", ID: p.ID, Name: p.Name})
	}
	acc, err := c.CreateServiceAccount(ctx, out.Project.ID, req.AccountName, req.Expires)
	if err != nil {
		if req.Expires == 0 && lifetimePolicy(err) {
			return out, fmt.Errorf("%w (%v)", ErrExpiresRequired, err)
		}
		return out, err
	}
	out.Account, out.Key = acc.ServiceAccount, acc.Key
	note(Receipt{Action: "created", Object: "service_account", ID: acc.ID, Name: acc.Name})
	if req.BudgetCents > 0 {
		err := c.SetSpendLimit(ctx, out.Project.ID, admin.SpendLimit{Cents: req.BudgetCents})
		if err := out.guardRail(err, "spend_limit", Dollars(req.BudgetCents)+" a month", note); err != nil {
			return out, err
		}
	}
	if req.AlertEmail != "" && req.BudgetCents > 0 {
		cents := req.BudgetCents * AlertPercent / 100
		err := c.AddSpendAlert(ctx, out.Project.ID, admin.SpendAlert{Cents: cents, Recipients: []string{req.AlertEmail}})
		if err := out.guardRail(err, "spend_alert", fmt.Sprintf("%s at %s (%d %%)", req.AlertEmail, Dollars(cents), AlertPercent), note); err != nil {
			return out, err
		}
	}
	return out, nil
}

// guardRail records a guard-rail call: a receipt when set, a note when the
// organization does not offer it yet (404), the error otherwise.
func (out *Outcome) guardRail(err error, object, name string, note func(Receipt)) error {
	switch {
	case err == nil:
		note(Receipt{Action: "set", Object: object, ID: out.Project.ID, Name: name})
	case errors.Is(err, admin.ErrNotOffered):
		out.Notes = append(out.Notes, fmt.Sprintf("%s: not set, this organization does not offer it through the API yet (404)", strings.ReplaceAll(object, "_", " ")))
	default:
		return err
	}
	return nil
}

// plan fills out.Plan with what a real run would do, making read calls only.
func plan(ctx context.Context, c *admin.Client, req Request, out *Outcome) error {
	if out.ProjectFound {
		out.Plan = append(out.Plan, fmt.Sprintf("use the existing project %q (%s)", out.Project.Name, out.Project.ID))
		accounts, err := c.ServiceAccounts(ctx, out.Project.ID)
		if err != nil {
			return err
		}
		for _, a := range accounts {
			if a.Name == req.AccountName {
				out.Notes = append(out.Notes, fmt.Sprintf("the project already has a service account named %q (%s); another one of that name would be created", a.Name, a.ID))
				break
			}
		}
	} else {
		out.Plan = append(out.Plan, fmt.Sprintf("create the project %q", req.Project))
	}
	sa := fmt.Sprintf("create the service account %q in it; its key is the new API key", req.AccountName)
	if req.Expires > 0 {
		sa += fmt.Sprintf(", expiring after %s", Days(req.Expires))
	}
	out.Plan = append(out.Plan, sa)
	if req.BudgetCents > 0 {
		out.Plan = append(out.Plan, "set the project's monthly spend limit to "+Dollars(req.BudgetCents))
	}
	if req.AlertEmail != "" && req.BudgetCents > 0 {
		out.Plan = append(out.Plan, fmt.Sprintf("e-mail %s when the month's spend passes %s (%d %%)", req.AlertEmail, Dollars(req.BudgetCents*AlertPercent/100), AlertPercent))
	}
	return nil
}

// lifetimePolicy reports whether err is the 400 an organization with a
// key-lifetime policy gives a service account asked for without an expiry.
func lifetimePolicy(err error) bool {
	var e *admin.Error
	if !errors.As(err, &e) || e.Status != http.StatusBadRequest {
		return false
	}
	return e.Param == "expires_in_seconds" || strings.Contains(e.Message, "expires_in_seconds")
}

// Dollars formats cents as "$20.00".
func Dollars(cents int64) string { return fmt.Sprintf("$%d.%02d", cents/100, cents%100) }

// Days formats a lifetime in days when it is whole days, else as Go does.
func Days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}
