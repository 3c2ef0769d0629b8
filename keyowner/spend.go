package keyowner

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/shopspring/decimal"
)

// Spend finds this month's spend of the key's project (a
// checks.SpendLookup) for api.billing: the project from the admin listings,
// its costs since the 1st (UTC) summed exactly, and its spend limit read
// back. It returns the zero Spend when the admin key may not be used (none,
// another kind of key, a base URL from a file, plain http), as Run decides.
func Spend(ctx context.Context, o checks.OwnerRequest) checks.Spend {
	if o.AdminKey.IsZero() || o.AdminKey.Kind() != apikey.KindAdmin || !o.Trusted {
		return checks.Spend{}
	}
	if u, err := url.Parse(o.BaseURL); err != nil || u.Scheme != "https" && !loopback(u.Hostname()) {
		return checks.Spend{}
	}
	return projectSpend(ctx, o)
}

func projectSpend(ctx context.Context, o checks.OwnerRequest) checks.Spend {
	now := o.Now.UTC()
	s := checks.Spend{Asked: true, Fingerprint: o.Key.Fingerprint(), Since: time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)}
	c := admin.New(o.Client, o.BaseURL, o.AdminKey)
	listed, err := c.AllKeys(ctx)
	if err != nil {
		s.Note = "this month's spend was not looked up: the admin key could not list the organization's keys (see key.owner)"
		return s
	}
	found := admin.Matching(listed, o.Key)
	if len(found) != 1 {
		s.Note = "this month's spend was not looked up: which project the key is in could not be told (see key.owner)"
		return s
	}
	s.ProjectID, s.ProjectName = found[0].Project.ID, found[0].Project.Name
	costs, err := c.Costs(ctx, admin.CostsQuery{Start: s.Since, End: now.Truncate(24 * time.Hour).Add(24 * time.Hour),
		GroupBy: []string{"project_id"}, ProjectIDs: []string{s.ProjectID}})
	var apiErr *admin.Error
	switch {
	case errors.As(err, &apiErr) && slices.Contains(apiErr.MissingScopes(), admin.ScopeUsageRead):
		s.Note = "this month's spend is not shown: the admin key in " + openai.EnvAdminKey + " lacks the " + admin.ScopeUsageRead +
			" permission (give it usage access, read-only is enough, at " + openai.AdminKeysURL + ")"
		return s
	case err != nil:
		s.Note = "this month's spend is not shown: the costs could not be fetched whole (" + err.Error() + ")"
		return s
	}
	for _, b := range costs {
		for _, r := range b.Results {
			if r.ProjectID == s.ProjectID {
				s.Spent = s.Spent.Add(r.Amount)
			}
		}
	}
	if l, err := c.GetSpendLimit(ctx, s.ProjectID); err == nil {
		v := decimal.New(l.Cents, -2)
		s.Limit = &v
	}
	return s
}
