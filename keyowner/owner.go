// Package keyowner judges key.owner: which project and owner (a user's
// e-mail or a service account) the key in use is listed under, and when it
// was last used, from the Admin API's key listings. It is the one check
// that needs an admin key and the admin client, so it lives beside checks,
// not in it: it imports checks for Result, the codes and the fixes table,
// and checks' engine runs it through Options.Owner, which cmd wires (the
// engine cannot import it back; no registration at init time).
package keyowner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
)

// Run answers key.owner (a checks.OwnerRunner): which project and owner the key in use is
// listed under, from the Admin API's listings of every active project. The
// listings show only a key's visible ends, so several keys can fit: then it
// says so and names them all, never one.
func Run(ctx context.Context, o checks.OwnerRequest) checks.Result {
	return keyOwnerUnscrubbed(ctx, o).Scrub(o.Key, o.AdminKey)
}

func keyOwnerUnscrubbed(ctx context.Context, o checks.OwnerRequest) checks.Result {
	switch {
	case o.AdminKey.IsZero():
		return checks.Skipped(checks.KeyOwner, "", "skipped: no "+openai.EnvAdminKey+" is set, so the key's owner was not looked up (it needs an admin key)")
	case o.AdminKey.Kind() != apikey.KindAdmin:
		return ownerWarn(checks.CodeNeedsAdminKey, openai.EnvAdminKey+" holds a "+o.AdminKey.Kind().Label()+", not an admin key, so it was not sent", checks.FixFor(checks.CodeNeedsAdminKey, ""))
	case !o.Trusted:
		host := openai.HostOf(o.BaseURL)
		return checks.Skipped(checks.KeyOwner, "", "skipped: "+openai.EnvBaseURL+" in "+o.BaseFrom+" points at "+host+", and an admin key is never sent to a base URL set in a file (if you trust "+host+", re-run with --base-url "+openai.MaskURL(o.BaseURL)+")")
	}
	if u, err := url.Parse(o.BaseURL); err == nil && u.Scheme != "https" && !loopback(u.Hostname()) {
		return checks.Skipped(checks.KeyOwner, "", "skipped: an admin key is never sent over plain http to "+openai.HostOf(o.BaseURL)+"; use an https:// base URL")
	}
	listed, err := admin.New(o.Client, o.BaseURL, o.AdminKey).AllKeys(ctx)
	if err != nil {
		return ownerError(err, o)
	}
	found := admin.Matching(listed, o.Key)
	fp := o.Key.Fingerprint()
	switch len(found) {
	case 0:
		projects := map[string]bool{}
		for _, l := range listed {
			projects[l.Project.ID] = true
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

// loopback reports whether host is this machine.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
