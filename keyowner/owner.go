// Package keyowner judges what the admin key tells doctor: key.owner
// (which project and owner, a user's e-mail or a service account, the key
// in use is listed under, and when it was last used) and api.billing's
// spend against the project's limit, from one listing of the organization's
// keys per run. They are the checks that need an admin key and the admin
// client, so they live beside checks, not in it: this package imports
// checks for Result, the codes and the fixes table, and checks' engine runs
// it through Options.Admin, which cmd wires (the engine cannot import it
// back; no registration at init time).
package keyowner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Lookup is one run's use of the admin key (a checks.AdminLookup): key.owner
// and the spend share one listing of the organization's keys, fetched by
// whichever asks first, with the admin key, base URL and client of that
// first request (the engine gives both the same).
type Lookup struct {
	once   sync.Once
	listed []admin.ListedKey
	err    error
}

// New makes the Lookup for one run (Options.Admin).
func New() checks.AdminLookup { return &Lookup{} }

// keys lists the organization's keys once per Lookup.
func (l *Lookup) keys(ctx context.Context, o checks.OwnerRequest) ([]admin.ListedKey, error) {
	l.once.Do(func() { l.listed, l.err = admin.New(o.Client, o.BaseURL, o.AdminKey).AllKeys(ctx) })
	return l.listed, l.err
}

// Owner answers key.owner: which project and owner the key in use is
// listed under, from the Admin API's listings of every active project. The
// listings show only a key's visible ends, so several keys can fit: then it
// says so and names them all, never one.
func (l *Lookup) Owner(ctx context.Context, o checks.OwnerRequest) checks.Result {
	return l.owner(ctx, o).Scrub(o.Key, o.AdminKey)
}

// refusal is why the admin key is not sent (key.owner's result), or nil
// when it may be: there is one, it is an admin key, and the base URL is
// trusted with it and is https or on this machine.
func refusal(o checks.OwnerRequest) *checks.Result {
	var r checks.Result
	switch {
	case o.AdminKey.IsZero():
		r = checks.Skipped(checks.KeyOwner, "", "skipped: no "+openai.EnvAdminKey+" is set, so the key's owner was not looked up (it needs an admin key)")
	case o.AdminKey.Kind() != apikey.KindAdmin:
		r = ownerWarn(checks.CodeNeedsAdminKey, openai.EnvAdminKey+" holds a "+o.AdminKey.Kind().Label()+", not an admin key, so it was not sent", checks.FixFor(checks.CodeNeedsAdminKey, ""))
	case !o.Trusted:
		host := openai.HostOf(o.BaseURL)
		r = checks.Skipped(checks.KeyOwner, "", "skipped: "+openai.EnvBaseURL+" in "+o.BaseFrom+" points at "+host+", and an admin key is never sent to a base URL set in a file (if you trust "+host+", re-run with --base-url "+openai.MaskURL(o.BaseURL)+")")
	case plainHTTP(o.BaseURL):
		r = checks.Skipped(checks.KeyOwner, "", "skipped: an admin key is never sent over plain http to "+openai.HostOf(o.BaseURL)+"; use an https:// base URL")
	default:
		return nil
	}
	return &r
}

func (l *Lookup) owner(ctx context.Context, o checks.OwnerRequest) checks.Result {
	if r := refusal(o); r != nil {
		return *r
	}
	listed, err := l.keys(ctx, o)
	if err != nil {
		return ownerError(err, o)
	}
	found := admin.Matching(listed, o.Key)
	fp := o.Key.Fingerprint()
	switch len(found) {
	case 0:
		projects := map[string]bool{}
		for _, k := range listed {
			projects[k.Project.ID] = true
		}
		return ownerWarn(checks.CodeNotListed, fmt.Sprintf("%s is in none of the %d keys of the %d active projects the admin key can list: it belongs to another organization or an archived project, or it was deleted", fp, len(listed), len(projects)), checks.FixFor(checks.CodeNotListed, ""))
	case 1:
		l := found[0]
		res := checks.Result{ID: checks.KeyOwner, Status: checks.Pass, Findings: []checks.Finding{ownerFinding(l, o)},
			Summary: fmt.Sprintf("%s is %q in project %q (%s), owned by %s; %s", fp, l.Key.Name, l.Project.Name, l.Project.ID, ownerLabel(l.Key.Owner), lastUsed(l.Key, o.Now))}
		return res
	}
	res := ownerWarn(checks.CodeAmbiguous, fmt.Sprintf("%d listed keys show the same start and last four characters as %s, so which one it is cannot be told", len(found), fp),
		checks.FixFor(checks.CodeAmbiguous, ""))
	for _, l := range found {
		res.Findings = append(res.Findings, ownerFinding(l, o))
	}
	return res
}

func ownerWarn(code checks.Code, summary string, f checks.Fix) checks.Result {
	return checks.Result{ID: checks.KeyOwner, Status: checks.Warn, Code: code, Summary: summary, Fix: f.Do, URL: f.URL}
}

// ownerFinding is one listed key the key in use may be.
func ownerFinding(l admin.ListedKey, o checks.OwnerRequest) checks.Finding {
	f := checks.Finding{Fingerprint: l.Key.RedactedValue, Project: l.Project.Name, ProjectID: l.Project.ID,
		KeyID: l.Key.ID, KeyName: l.Key.Name, Owner: l.Key.Owner.Label(), OwnerType: l.Key.Owner.Type,
		Note: fmt.Sprintf("%q in %q, owned by %s; %s", l.Key.Name, l.Project.Name, ownerLabel(l.Key.Owner), lastUsed(l.Key, o.Now))}
	if !l.Key.LastUsedAt.IsZero() {
		f.LastUsedAt = l.Key.LastUsedAt.UTC().Format(time.RFC3339)
	}
	return f
}

// ownerLabel names an owner and says which kind it is.
func ownerLabel(o admin.Owner) string {
	switch o.Type {
	case "service_account":
		return "service account " + strconv.Quote(o.Label())
	case "user":
		return o.Label() + " (user)"
	}
	return o.Label()
}

func lastUsed(k admin.ProjectAPIKey, now time.Time) string {
	if k.LastUsedAt.IsZero() {
		return "never used before"
	}
	return "last used " + admin.Ago(k.LastUsedAt, now) + " (" + k.LastUsedAt.UTC().Format(time.RFC3339) + ")"
}

// ownerError turns an Admin API failure into a warning that says what to do.
func ownerError(err error, o checks.OwnerRequest) checks.Result {
	host := openai.HostOf(o.BaseURL)
	var apiErr *admin.Error
	var bodyErr *admin.BodyError
	var pageErr *admin.PagingError
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return ownerWarn(checks.CodeTimeout, "no answer from "+host+"'s Admin API within "+o.Timeout.String(), checks.FixFor(checks.CodeTimeout, "admin"))
	case errors.As(err, &apiErr) && slices.Contains(apiErr.MissingScopes(), admin.ScopeRead):
		return ownerWarn(checks.CodeNeedsAdminKey, "the key in "+openai.EnvAdminKey+" may not read the organization's keys ("+strconv.Itoa(apiErr.Status)+" Missing scopes: "+admin.ScopeRead+")", checks.FixFor(checks.CodeNeedsAdminKey, ""))
	case errors.As(err, &apiErr) && apiErr.Refused():
		return ownerWarn(checks.CodeAdminRefused, fmt.Sprintf("the admin key %s was refused (%d %s)", o.AdminKey.Fingerprint(), apiErr.Status, firstOf(apiErr.Code, apiErr.Type)), checks.FixFor(checks.CodeAdminRefused, ""))
	case errors.As(err, &apiErr):
		return ownerWarn(checks.CodeAdminError, fmt.Sprintf("the Admin API answered %d %s to %s %s: %s", apiErr.Status, firstOf(apiErr.Code, apiErr.Type), apiErr.Method, apiErr.Path, apiErr.Message), checks.FixFor(checks.CodeAdminError, ""))
	case errors.As(err, &bodyErr):
		return ownerWarn(checks.CodeAdminError, fmt.Sprintf("%s did not answer like the OpenAI Admin API (%s %s: %d): %s", host, bodyErr.Method, bodyErr.Path, bodyErr.Status, bodyErr.Why), checks.FixFor(checks.CodeAdminError, ""))
	case errors.As(err, &pageErr):
		return ownerWarn(checks.CodeAdminError, host+" gave a key listing that does not end: "+pageErr.Why, checks.FixFor(checks.CodeAdminError, ""))
	}
	return ownerWarn(checks.CodeAdminError, "could not reach "+host+"'s Admin API: "+err.Error(), checks.FixFor(checks.CodeAdminError, ""))
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// parses reports whether raw is a URL at all.
func parses(raw string) bool {
	_, err := url.Parse(raw)
	return err == nil
}

// plainHTTP reports whether raw is a URL that is not https and not on this
// machine; an unparsable one is left to the listing, which fails on it.
func plainHTTP(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Scheme != "https" && !checks.IsLoopbackHost(u.Hostname())
}
