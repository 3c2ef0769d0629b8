package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/hygiene"
	"github.com/setupkit/openai-setup/keyowner"
	"github.com/spf13/cobra"
)

// doctorOptions are doctor's flags plus the app it runs in.
type doctorOptions struct {
	app        *app
	BaseURL    string
	EnvFile    string
	Model      string
	NoSpend    bool
	JSON       bool
	Verbose    bool
	ListChecks bool
	Checks     []string
	Timeout    time.Duration
	// InsecureHTTP lets the key go over plain http (see checks.Options).
	InsecureHTTP bool
}

// newDoctorCmd builds `openai-setup doctor`. runF replaces doctorRun in
// flag-parsing tests.
func newDoctorCmd(a *app, runF func(*doctorOptions) error) *cobra.Command {
	opts := &doctorOptions{app: a}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Find every configured key, check it against the API and your repository, and say how to fix each problem",
		Long: `doctor finds every place an OpenAI key is configured (environment, .env files up to the git root, shell start-up files), shows which one an app would actually use, and checks it: its shape, the network, authentication, permissions, model access, billing and rate limits, plus local hygiene (git-ignored, not committed, not in history, file mode, coding agents' deny rules and transcripts).

The free network checks start at once; the one paid request waits only for the model list, so doctor takes about two round trips. That request is a 1-token chat completion (a fraction of a cent) to the newest dated snapshot of the model, which proves billing and model access. --no-spend skips it.

With an admin key in $OPENAI_ADMIN_KEY (read-only is enough), key.owner also names the project and owner of the key and when it was last used, and api.billing sets that project's spend this month against its monthly spend limit (warning past 80 %; it needs the api.usage.read permission); the admin key never goes to a base URL set in a dotenv file.

The key is never printed: only its fingerprint, like sk-proj-…Ab3d.`,
		Example: `  openai-setup doctor
  openai-setup doctor --json | jq '.checks[] | select(.status=="fail")'
  openai-setup doctor --no-spend --check api.auth
  openai-setup doctor --env-file config/.env.production --model gpt-4.1-mini`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("doctor takes no arguments (got %q)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.BaseURL, "base-url", "", "API base URL (default $OPENAI_BASE_URL, else "+checks.DefaultBaseURL+")")
	f.BoolVar(&opts.InsecureHTTP, "insecure-http", false, insecureHTTPHelp)
	f.StringVar(&opts.EnvFile, "env-file", "", "read only this dotenv file instead of .env, .env.local, .env.development up to the git root")
	f.StringVar(&opts.Model, "model", checks.DefaultModel, "model to check access to")
	f.BoolVar(&opts.NoSpend, "no-spend", false, "make no paid request: skip api.billing, prove api.model with the free lookup only")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (schema_version 1)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "show details under every check")
	f.BoolVar(&opts.ListChecks, "list-checks", false, "list every check id and what it establishes, then exit")
	f.StringArrayVar(&opts.Checks, "check", nil, "run only this check (and those it needs); repeatable")
	f.DurationVar(&opts.Timeout, "timeout", checks.DefaultTimeout, "bound on the whole run, network and history scan included")
	return cmd
}

func doctorRun(ctx context.Context, o *doctorOptions) error {
	if o.ListChecks {
		return listChecks(o)
	}
	if _, unknown := checks.Resolve(o.Checks); len(unknown) > 0 {
		return usagef("unknown check %s; see openai-setup doctor --list-checks", strings.Join(unknown, ", "))
	}
	if o.Timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	start := time.Now()
	rep := checkWithProgress(o.app, o.JSON, o.Checks, func(onResult func(checks.Result)) checks.Report {
		return checks.Run(ctx, o.checkOptions(onResult))
	})
	if ctx.Err() != nil {
		return errInterrupted
	}
	elapsed := time.Since(start)
	if o.JSON {
		if err := writeJSONReport(o.app.Out, rep); err != nil {
			return err
		}
	} else {
		w := o.app.styled(o.app.Out, o.app.OutTTY)
		writeTextReport(w, rep, textOptions{Width: o.app.termWidth(), Verbose: o.Verbose, Elapsed: elapsed, Dir: o.app.Dir, Home: o.app.Home})
	}
	if !rep.OK() {
		return errSilent
	}
	return nil
}

func listChecks(o *doctorOptions) error {
	specs := checks.Catalog()
	if o.JSON {
		return writeJSON(o.app.Out, map[string]any{"schema_version": 1, "checks": specs})
	}
	width := 0
	for _, s := range specs {
		width = max(width, len(s.ID))
	}
	for _, s := range specs {
		paid := ""
		if s.Paid {
			paid = " (paid: 1 token)"
		}
		fmt.Fprintf(o.app.Out, "%-*s  %s%s\n", width, s.ID, s.What, paid)
	}
	return nil
}

// checkOptions are the engine options doctor's flags ask for.
func (o *doctorOptions) checkOptions(onResult func(checks.Result)) checks.Options {
	return checks.Options{
		Discover:     discover.Options{Dir: o.app.Dir, Home: o.app.Home, Environ: o.app.Environ, EnvFile: o.EnvFile},
		BaseURL:      o.BaseURL,
		InsecureHTTP: o.InsecureHTTP,
		Model:        o.Model,
		NoSpend:      o.NoSpend,
		Timeout:      o.Timeout,
		Client:       o.app.NewClient(o.Timeout),
		Only:         o.Checks,
		OnResult:     onResult,
		Hygiene:      hygiene.Run,
		Admin:        keyowner.New,
	}
}
