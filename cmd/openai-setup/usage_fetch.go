package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/usage"
	"github.com/shopspring/decimal"
)

// usageResult is everything fetched for one run.
type usageResult struct {
	data   usage.Data
	key    *keyRow      // set with --key
	hours  []usage.Hour // with --key: the hours with any use
	folder folderResult
	filter usage.Filter // what was asked for, to fetch another period alike
}

// fetchUsage names projects (and keys when they are shown or asked for),
// then fetches costs and usage.
func fetchUsage(ctx context.Context, s *adminSession, o *usageOptions, req usageRequest) (usageResult, error) {
	var res usageResult
	projects, err := s.Client.Projects(ctx, admin.IncludeArchived())
	if err != nil {
		return res, s.explainAdminError(err)
	}
	names := usage.Names{Projects: map[string]string{}, Keys: map[string]usage.KeyName{}}
	for _, p := range projects {
		names.Projects[p.ID] = p.Name
	}
	var filter usage.Filter
	if o.Project != "" {
		picked, err := pickProject(projects, o.Project)
		if err != nil {
			return res, err
		}
		filter.ProjectIDs = []string{picked[0].ID}
	}
	if req.by == usage.ByKey || o.Key != "" || o.interactive() { // the view's tab shows keys too
		rows, err := listProjectKeys(ctx, s, projects, filter.ProjectIDs)
		if err != nil {
			return res, err
		}
		res.folder = matchThisFolder(rows, s.Inventory.Key)
		for _, r := range rows {
			names.Keys[r.Key.ID] = usage.KeyName{Name: r.Key.Name, Redacted: r.Key.RedactedValue, ProjectID: r.Project.ID, ThisFolder: r.Folder == folderYes}
		}
		if o.Key != "" {
			k, err := pickKey(rows, o.Key)
			if err != nil {
				return res, err
			}
			res.key = &k
			filter.APIKeyIDs = []string{k.Key.ID}
		}
	}
	res.filter = filter
	res.data, err = usage.Fetch(ctx, s.Client, req.period, filter)
	if err != nil {
		return res, s.explainUsageError(err)
	}
	res.data.Names = names
	if len(filter.ProjectIDs) == 1 {
		res.data.Limit, res.data.LimitRead = projectLimit(ctx, s, filter.ProjectIDs[0])
	}
	if res.key != nil {
		res.hours, err = usage.FetchHours(ctx, s.Client, req.period, res.key.Key.ID)
		if err != nil {
			return res, s.explainUsageError(err)
		}
	}
	return res, nil
}

// listProjectKeys lists the keys of the active projects (of the one
// picked, if any), several projects at once.
func listProjectKeys(ctx context.Context, s *adminSession, projects []admin.Project, only []string) ([]keyRow, error) {
	var active []admin.Project
	for _, p := range projects {
		if p.Status != "archived" && (len(only) == 0 || slices.Contains(only, p.ID)) {
			active = append(active, p)
		}
	}
	listed, err := s.Client.KeysOf(ctx, active)
	if err != nil {
		return nil, s.explainAdminError(err)
	}
	rows := make([]keyRow, len(listed))
	for i, l := range listed {
		rows[i] = keyRow{Project: l.Project, Key: l.Key}
	}
	return rows, nil
}

// pickKey finds the one listed key whose visible ends fit the fingerprint.
func pickKey(rows []keyRow, fp string) (keyRow, error) {
	prefix, last4, _ := admin.VisibleEnds(fp) // a fingerprint shows the same ends as a listing
	var found []keyRow
	for _, r := range rows {
		p, l, ok := admin.VisibleEnds(r.Key.RedactedValue)
		if ok && l == last4 && (strings.HasPrefix(prefix, p) || strings.HasPrefix(p, prefix)) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 0:
		return keyRow{}, fmt.Errorf("no key in the %d listed shows %s; openai-setup keys lists them all", len(rows), fp)
	case 1:
		return found[0], nil
	}
	var names []string
	for _, r := range found {
		names = append(names, fmt.Sprintf("%q in %s", r.Key.Name, r.Project.Name))
	}
	return keyRow{}, fmt.Errorf("%d keys show %s (%s); narrow it with --project", len(found), fp, strings.Join(names, ", "))
}

func missingUsageScope(err error) bool {
	var e *admin.Error
	return errors.As(err, &e) && slices.Contains(e.MissingScopes(), admin.ScopeUsageRead)
}

func asFetchError(err error) *admin.FetchError {
	var fe *admin.FetchError
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}

// projectLimit reads a project's monthly spend limit: read is false when
// the API did not answer (the view and --json then say nothing of it);
// a 404 is a project without one.
func projectLimit(ctx context.Context, s *adminSession, projectID string) (*decimal.Decimal, bool) {
	l, err := s.Client.GetSpendLimit(ctx, projectID)
	switch {
	case errors.Is(err, admin.ErrNotOffered):
		return nil, true
	case err != nil:
		return nil, false
	}
	v := decimal.New(l.Cents, -2)
	return &v, true
}
