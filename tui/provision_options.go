package tui

import (
	"context"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// ProvisionOptions add Welcome's "I have an admin key" route: the admin key,
// a plan of what will be made (read calls only), the run that makes a
// project, a service account and its key with a receipt per change, then
// the usual Save, Checks and Done on the new key. Every string here is safe
// to show: keys appear only as fingerprints.
type ProvisionOptions struct {
	// EnvKey is OPENAI_ADMIN_KEY from this process's environment (never
	// from a dotenv file), or zero; EnvProblem says why it was not taken.
	EnvKey     apikey.Key
	EnvProblem string
	// Refusal, when set, says why no admin key may be sent from here (a
	// base URL set in a dotenv file, plain http): the route stops there.
	Refusal      string
	AdminKeysURL string // where organization owners create admin keys
	ProjectsURL  string // where projects and service accounts are seen
	// Fields are the plan screen's starting values.
	Fields ProvisionFields
	// Plan checks the fields (before any call) and then, with read calls
	// only, says what a run would make.
	Plan func(ctx context.Context, admin apikey.Key, f ProvisionFields) (ProvisionPlan, error)
	// Run makes the changes, calling on for each as it is made (from its
	// own goroutine), and returns what exists now, also on failure.
	Run func(ctx context.Context, admin apikey.Key, f ProvisionFields, on func(ProvisionEvent)) ProvisionResult
	// Delete deletes the service account a failed run made; its key stops
	// working. The receipt says what was deleted.
	Delete func(ctx context.Context, admin apikey.Key, projectID, accountID string) (Receipt, error)
	// RunChecks checks the new key as Options.RunChecks does (free: no
	// paid request), first waiting while the API does not accept the
	// just-created key yet, saying each wait through onWait ("" when over).
	RunChecks func(ctx context.Context, key apikey.Key, free bool, onResult func(checks.Result), onWait func(string))
}

// ProvisionFields are the plan screen's fields, as typed.
type ProvisionFields struct {
	Project    string // found by exact name, else created
	Name       string // the service account's (and so the key's) name
	Budget     string // monthly spend limit in dollars; "" for none
	AlertEmail string // e-mailed at 80 % of Budget; "" for none
	Expires    string // key lifetime such as 90d; "" for none
}

// ProvisionPlan is what a run would make, for people.
type ProvisionPlan struct {
	Lines []string
	Notes []string
}

// Receipt is one change made: what, which object, its name and id.
type Receipt struct {
	Action string // created, set, deleted
	Object string // for people: project, service account, spend limit…
	Name   string
	ID     string
}

// ProvisionEvent is one thing a run reports as it happens: a change made,
// or the existing project it uses (Found, "name (id)").
type ProvisionEvent struct {
	Receipt *Receipt
	Found   string
}

// ProvisionResult is what a run made and how it ended.
type ProvisionResult struct {
	Key         apikey.Key // the new key; zero unless the service account was made
	ProjectID   string
	AccountID   string
	AccountName string
	Notes       []string // guard-rails this organization does not offer yet
	Err         error    // one sentence; nil when everything was made
}
