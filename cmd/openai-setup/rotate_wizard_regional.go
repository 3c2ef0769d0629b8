package main

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/tui"
)

// The regional fix in the rotate wizard, as the scripted rotate's
// --set-base-url does it: the offer comes from regionalOfferFor (a regional
// OpenAI host only), the new key is checked again there, and the
// OPENAI_BASE_URL line goes into the files the key was written to, after
// the key, through writeBaseURL (the .env editor, under each file's lock).

// addRotateRegional gives the rotate wizard the regional fix.
func addRotateRegional(ctx context.Context, o *rotateOptions, sess *rotate.Session, opts *tui.Options) {
	ro := opts.Rotate
	opts.RegionalBaseURL = regionalBaseURL
	ro.CheckNewAt = func(ctx context.Context, key apikey.Key, base string, onResult func(checks.Result)) {
		if !regionalBase(base) {
			return // never sent anywhere but a regional OpenAI host
		}
		_, _ = sess.CheckNewAt(ctx, key, base, onResult)
	}
	from := rotateBaseFrom(o, sess.Inventory())
	ro.RegionalBlocker = func(u string) string {
		return termtext.Safe(regionalOffer{URL: u, From: from}.blocker())
	}
	ro.WriteBaseURL = func(paths []string, base string) (tui.SaveReport, error) {
		return rotateWizardBaseURL(ctx, o, sess, paths, base)
	}
}

// rotateBaseFrom is where the base URL the checks use comes from, in the
// checks' precedence: "flag" (--base-url), else the winning OPENAI_BASE_URL
// setting's label ("environment", a dotenv file), else "default".
func rotateBaseFrom(o *rotateOptions, inv discover.Inventory) string {
	switch {
	case o.BaseURL != "":
		return "flag"
	case inv.BaseURL.Value != "" && inv.BaseURL.Source != nil:
		return inv.BaseURL.Source.Label()
	}
	return "default"
}

// regionalBase reports whether base is https://<region>.api.openai.com/v1.
func regionalBase(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Scheme == "https" && u.Path == "/v1" && openai.IsOpenAIHost(u.Hostname()) &&
		!strings.EqualFold(u.Hostname(), openai.DefaultHost)
}

// rotateWizardBaseURL writes OPENAI_BASE_URL=base into the files at paths,
// those the wizard just wrote the new key to; a tracked file ticked on the
// screen is written, as for the key.
func rotateWizardBaseURL(ctx context.Context, o *rotateOptions, sess *rotate.Session, paths []string, base string) (tui.SaveReport, error) {
	if !regionalBase(base) {
		return tui.SaveReport{}, errors.New("not a regional OpenAI host: nothing written")
	}
	force := o.Force
	for _, f := range sess.Places().Files {
		force = force || f.Tracked && slices.Contains(paths, f.Path)
	}
	wctx, cancel := context.WithTimeout(ctx, saveTimeout)
	defer cancel()
	offer := regionalOffer{URL: base}
	safe := func(s string) string { return termtext.Safe(apikey.Scrub(s, sess.Old())) }
	var rep tui.SaveReport
	for _, p := range paths {
		name := placeName(o.app, p, 0)
		res, err := updateLocked(wctx, absPath(o.app.Dir, p), force, offer.edit())
		if err != nil {
			return rep, errors.New(safe(offer.Line() + " was not written to " + name + ": " + err.Error()))
		}
		if res.Written {
			rep.Files = append(rep.Files, safe(name))
		}
		for _, c := range res.Changes { // the line as written: a base URL is no secret
			rep.Lines = append(rep.Lines, safe(lineChange{File: name, Action: c.Action, Line: c.Line, Old: c.OldLine(safe), New: c.NewLine(safe)}.String()))
		}
	}
	return rep, nil
}
