package main

import (
	"context"
	"io"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/hygiene"
	"github.com/setupkit/openai-setup/keyowner"
	"github.com/spf13/cobra"
)

// setupOptions are the root command's flags: the wizard, and the scripted
// --with-key path that ends in the same save.
type setupOptions struct {
	app        *app
	WithKey    bool
	EnvFile    string
	DryRun     bool
	SkipChecks bool
	NoSpend    bool
	JSON       bool
	Force      bool
	BaseURL    string
	Model      string
	Timeout    time.Duration
	NoBrowser  bool
	Accessible bool
	AgentsDeny bool
	// SetBaseURL writes the OPENAI_BASE_URL line the API asks for (a
	// regional host) once the key checked out there.
	SetBaseURL bool
	// InsecureHTTP lets the key go over plain http (see checks.Options).
	InsecureHTTP bool
}

func (o *setupOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&o.WithKey, "with-key", false, "read a key from standard input, check it, and save it (no wizard)")
	f.StringVar(&o.EnvFile, "env-file", ".env", "dotenv file to save the key in")
	f.BoolVar(&o.DryRun, "dry-run", false, "with --with-key: print the lines that would change in .env and .gitignore, write nothing")
	f.BoolVar(&o.SkipChecks, "skip-checks", false, "with --with-key: save without any network call (offline machines)")
	f.BoolVar(&o.NoSpend, "no-spend", false, "make no paid request when checking the key (see openai-setup doctor --help)")
	f.BoolVar(&o.JSON, "json", false, "with --with-key: print one JSON document on stdout")
	f.BoolVar(&o.AgentsDeny, "agents-deny", false, "with --with-key: also add Claude Code Read deny rules for the dotenv files holding a key (.claude/settings.local.json, or .claude/settings.json when it has a deny list)")
	f.BoolVar(&o.SetBaseURL, "set-base-url", false, "with --with-key: when the API asks for a regional host (api.auth regional_hostname), check the key there and write the OPENAI_BASE_URL line next to it")
	f.BoolVar(&o.Force, "force", false, "write the dotenv file even though git tracks it")
	f.StringVar(&o.BaseURL, "base-url", "", "API base URL (default $OPENAI_BASE_URL, else "+checks.DefaultBaseURL+")")
	f.StringVar(&o.Model, "model", checks.DefaultModel, "model to check access to")
	f.BoolVar(&o.InsecureHTTP, "insecure-http", false, insecureHTTPHelp)
	f.DurationVar(&o.Timeout, "timeout", checks.DefaultTimeout, "bound on the key checks")
	f.BoolVar(&o.NoBrowser, "no-browser", false, "never open a browser; show the links only")
	f.BoolVar(&o.Accessible, "accessible", false, "plain line-by-line prompts instead of the full-screen wizard (also ACCESSIBLE=1 or TERM=dumb)")
}

func setupRun(ctx context.Context, o *setupOptions) error {
	if o.WithKey {
		return withKeyRun(ctx, o)
	}
	if o.DryRun || o.SkipChecks || o.JSON || o.AgentsDeny || o.SetBaseURL {
		return usagef("--dry-run, --skip-checks, --json, --agents-deny and --set-base-url go with --with-key")
	}
	if !o.app.InTTY || !o.app.OutTTY {
		io.WriteString(o.app.Err, "openai-setup: the wizard needs a terminal. From a script, pipe the key in: printf '%s' \"$KEY\" | openai-setup --with-key; to check a setup: openai-setup doctor\n")
		return usageError{errSilent}
	}
	return wizardRun(ctx, o)
}

// checkOptions are the engine options for checking one given key.
func (o *setupOptions) checkOptions(key apikey.Key, only []string, onResult func(checks.Result)) checks.Options {
	a := o.app
	return checks.Options{
		Discover:     discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ},
		Key:          key,
		BaseURL:      o.BaseURL,
		InsecureHTTP: o.InsecureHTTP,
		Model:        o.Model,
		NoSpend:      o.NoSpend,
		Timeout:      o.Timeout,
		Client:       a.NewClient(o.Timeout),
		Only:         only,
		OnResult:     onResult,
		Hygiene:      hygiene.Run,
		Admin:        keyowner.New,
	}
}
