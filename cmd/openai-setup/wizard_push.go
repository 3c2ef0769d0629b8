package main

import (
	"context"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/push"
	"github.com/setupkit/openai-setup/tui"
)

// pushLabels name each push target for people, on the Done screen.
var pushLabels = map[string]string{"github": "GitHub Actions secrets", "vault": "HashiCorp Vault"}

// wizardPushOffers are the push targets the work tree (the git root, or
// the folder outside one) shows signs of, with the command each runs (the
// Done screen adds --from-env-file for a key saved elsewhere than .env).
func wizardPushOffers(a *app) []tui.PushOffer {
	root := gitcli.FindRoot(a.Dir)
	if root == "" {
		root = a.Dir
	}
	var out []tui.PushOffer
	for _, d := range push.Detect(root) {
		out = append(out, tui.PushOffer{Target: d.Target, Label: pushLabels[d.Target], Sign: d.Sign, Command: "openai-setup push " + d.Target})
	}
	return out
}

// addPush gives the Done screen the detected push targets and p.
func addPush(o *setupOptions, opts *tui.Options) {
	a := o.app
	opts.PushOffers = wizardPushOffers(a)
	opts.Push = func(ctx context.Context, target string, key apikey.Key) tui.PushResult {
		return wizardPush(ctx, a, o.Timeout, target, key)
	}
}

// wizardPush is the Done screen's p: push's own run (CLI present and logged
// in, the write with the key on stdin, the read-back) on the key the wizard
// checked, as the Done screen shows it.
func wizardPush(ctx context.Context, a *app, timeout time.Duration, target string, key apikey.Key) tui.PushResult {
	t, err := push.New(target, push.Options{Dir: a.Dir, Environ: a.Environ, Timeout: timeout})
	if err != nil {
		return tui.PushResult{Summary: "Not pushed: " + safeText(err.Error(), key)}
	}
	return pushResultFor(t.Run(ctx, key, false), key)
}

// pushResultFor turns push's Result into the Done screen's words: the same
// sentences as push's text report, every line scrubbed of the key.
func pushResultFor(res push.Result, key apikey.Key) tui.PushResult {
	if e := res.Err; e != nil {
		out := tui.PushResult{Pushed: res.Pushed, Summary: "Not pushed: " + safeText(e.Msg, key), Fix: safeText(e.Fix, key)}
		if res.Pushed {
			out.Summary = "Pushed, but not confirmed: " + safeText(e.Msg, key)
		}
		if e.Output != "" {
			out.Detail = append(out.Detail, toolOf(res)+" said:")
			for _, l := range strings.Split(e.Output, "\n") {
				out.Detail = append(out.Detail, "  "+safeText(l, key))
			}
		}
		return out
	}
	out := tui.PushResult{Pushed: true, Verified: res.Verified,
		Summary: "Pushed " + res.Name + " (" + key.Fingerprint() + ") to " + res.Where + ", and " + verifiedWords(res)}
	for _, n := range res.Notes {
		out.Detail = append(out.Detail, safeText(n, key))
	}
	return out
}

// safeText is outside text for the screen: never the key, no terminal
// controls.
func safeText(s string, key apikey.Key) string {
	return termtext.Safe(apikey.Scrub(s, key))
}
