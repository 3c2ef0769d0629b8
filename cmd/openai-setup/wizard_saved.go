package main

import (
	"context"
	"strconv"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/hygiene"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/keyowner"
	"github.com/setupkit/openai-setup/tui"
)

// savedChecks are the checks run again once the wizard has saved: they read
// only files and git, never the network.
var savedChecks = []string{checks.KeySources, checks.EnvGitignore, checks.EnvTracked}

// checkSaved reads the saved state as an app started now would: the
// environment, the saved file, and shell start-up files for new terminals.
func checkSaved(ctx context.Context, o *setupOptions, path string, key apikey.Key) tui.SavedCheck {
	a := o.app
	rep := checks.Run(ctx, checks.Options{
		Discover: discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ, EnvFile: absPath(a.Dir, path)},
		Only:     savedChecks,
		NoSpend:  true,
		Timeout:  o.Timeout,
		Client:   a.NewClient(o.Timeout),
		Hygiene:  hygiene.Run,
		Admin:    keyowner.New,
	})
	return tui.SavedCheck{Results: rep.Results, Shadow: shadowOf(rep.Inventory, key, textOptions{Dir: a.Dir, Home: a.Home})}
}

// shadowOf says which other key apps get instead of saved: the shell's
// environment wins over any .env (dotenv loaders do not override), and a
// start-up file's export comes back in every new terminal.
func shadowOf(inv discover.Inventory, saved apikey.Key, to textOptions) *tui.Shadow {
	differs := func(k apikey.Key) bool {
		c, _ := apikey.Clean(k.Reveal())
		return !k.IsZero() && !apikey.New(c).Equal(saved)
	}
	var sh *tui.Shadow
	var exports []discover.Source // start-up files exporting another key
	for _, s := range inv.Sources {
		if s.Name != openai.EnvAPIKey {
			continue
		}
		switch {
		case s.Kind == discover.SourceEnvironment && s.Wins && differs(s.Value):
			sh = &tui.Shadow{Fingerprint: s.Value.Fingerprint(), From: "this shell's environment",
				Commands: []string{"unset " + openai.EnvAPIKey}}
		case s.Kind == discover.SourceStartupFile && !s.Dynamic && differs(s.Value):
			exports = append(exports, s)
		}
	}
	if sh != nil {
		for _, e := range exports {
			if e.Value.Fingerprint() == sh.Fingerprint {
				sh.From += " (exported by " + displaySource(e, to) + ")"
				break
			}
		}
	}
	if sh == nil && len(exports) > 0 {
		sh = &tui.Shadow{Fingerprint: exports[0].Value.Fingerprint(), From: displaySource(exports[0], to) + " (every new terminal exports it)"}
	}
	if sh == nil {
		return nil
	}
	for _, s := range exports {
		sh.Commands = append(sh.Commands, "delete line "+strconv.Itoa(s.Line)+" of "+displayPath(s, to)+" (export "+openai.EnvAPIKey+"="+s.Value.Fingerprint()+")")
	}
	return sh
}

// displayPath is a source's file as displaySource shows it, without the line.
func displayPath(s discover.Source, to textOptions) string {
	s.Line = 0
	return displaySource(s, to)
}
