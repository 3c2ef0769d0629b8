package main

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/openai"
)

// The regional base-URL offer, shared by --with-key, rotate and provision:
// when the API recognised a new key but answered that its project lives on
// a regional host (api.auth regional_hostname), they say the exact
// OPENAI_BASE_URL line and, with --set-base-url, check the key again there
// and write the line through the .env editor. Nothing is written silently,
// and never a host that is not OpenAI's.

// regionalOffer is the OPENAI_BASE_URL line the API asks for.
type regionalOffer struct {
	URL  string // https://us.api.openai.com/v1
	From string // where the base URL in use came from: "flag", "environment", a dotenv label, "default"
}

// setBaseURLFlag is the flag that writes the line.
const setBaseURLFlag = "--set-base-url"

// regionalURL finds the URL in api.auth's fix for regional_hostname.
var regionalURL = regexp.MustCompile(`OPENAI_BASE_URL=(https://[A-Za-z0-9.-]+/v1)\b`)

// findRegionalOffer reports the line to set when rep's api.auth ended with
// regional_hostname naming a regional OpenAI host; the reverse case (the
// global host) and a host that is not OpenAI's get no offer.
func findRegionalOffer(rep checks.Report) (regionalOffer, bool) {
	for _, r := range rep.Results {
		if o, ok := regionalOfferFor(r); ok {
			o.From = rep.BaseFrom
			return o, true
		}
	}
	return regionalOffer{}, false
}

// regionalOfferFor is the offer in one result: api.auth regional_hostname
// whose fix (filled in by the checks only for an OpenAI host) names a
// regional host, never the global one.
func regionalOfferFor(r checks.Result) (regionalOffer, bool) {
	if r.ID != checks.APIAuth || r.Status != checks.Fail || r.Code != checks.CodeRegionalHostname {
		return regionalOffer{}, false
	}
	m := regionalURL.FindStringSubmatch(r.Fix)
	if m == nil {
		return regionalOffer{}, false
	}
	u, err := url.Parse(m[1])
	if err != nil || !openai.IsOpenAIHost(u.Hostname()) || strings.EqualFold(u.Hostname(), openai.DefaultHost) {
		return regionalOffer{}, false
	}
	return regionalOffer{URL: strings.ToLower(m[1])}, true
}

// Line is the exact line for a dotenv file.
func (r regionalOffer) Line() string { return openai.EnvBaseURL + "=" + r.URL }

// blocker says why a line in a .env file would not change what apps use,
// or "" when writing it helps.
func (r regionalOffer) blocker() string {
	switch r.From {
	case "flag":
		return "--base-url was given, so the line alone would not be used here: pass --base-url " + r.URL + " instead"
	case "environment":
		return openai.EnvBaseURL + " is set in this shell's environment, which wins over .env files: change it there (export " + r.Line() + ")"
	}
	return ""
}

// hint is what is said when the line is not written: the line, where it
// goes, and the flag that writes it.
func (r regionalOffer) hint(files string) string {
	if b := r.blocker(); b != "" {
		return "The API asks for the regional host " + r.URL + ": " + b + "."
	}
	return fmt.Sprintf("The API asks for the regional host: add the line %s to %s; %s checks the key there and writes it.", r.Line(), files, setBaseURLFlag)
}

// edit is the change to a dotenv file.
func (r regionalOffer) edit() envfile.Edit {
	return envfile.Edit{Name: openai.EnvBaseURL, Value: r.URL}
}

// writeBaseURL writes the line into each of paths through the .env editor
// (atomic, every other byte kept, under the file's lock) and returns the
// line changes made. It stops at the first failure; the changes returned
// are those written before it.
func writeBaseURL(ctx context.Context, a *app, r regionalOffer, force bool, paths ...string) ([]lineChange, error) {
	var out []lineChange
	for _, p := range paths {
		res, err := updateLocked(ctx, absPath(a.Dir, p), force, r.edit())
		if err != nil {
			return out, fmt.Errorf("%s was not written to %s: %w", r.Line(), display(a, p), err)
		}
		file := display(a, res.Target)
		for _, c := range res.Changes {
			// A base URL is no secret: shown masked (user info, query), never as a fingerprint.
			out = append(out, lineChange{File: file, Action: c.Action, Line: c.Line, Old: c.OldLine(openai.MaskURL), New: c.NewLine(openai.MaskURL)})
		}
	}
	return out, nil
}

// updateLocked applies edits to the dotenv file at path under its lock, as
// the key's save does.
func updateLocked(ctx context.Context, path string, force bool, edits ...envfile.Edit) (envfile.Result, error) {
	lock, err := envfile.LockFiles(ctx, path)
	if err != nil {
		return envfile.Result{}, err
	}
	defer lock.Unlock()
	return envfile.Update(ctx, path, envfile.Options{Lock: lock, Force: force}, edits...)
}

// baseURLWords says in one line what --set-base-url did.
func baseURLWords(r regionalOffer, files []string) string {
	return fmt.Sprintf("The key checked out at the regional host %s: wrote %s to %s.", r.URL, r.Line(), strings.Join(files, ", "))
}
