package main

import (
	"context"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/hygiene"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/keyowner"
	"github.com/setupkit/openai-setup/push"
	"github.com/spf13/cobra"
)

// pushOptions are push's flags plus the app it runs in.
type pushOptions struct {
	app         *app
	Target      push.Options
	FromEnvFile string
	WithKey     bool
	DryRun      bool
	JSON        bool
	Force       bool
	BaseURL     string
	NoSpend     bool
	Timeout     time.Duration
}

func newPushCmd(a *app) *cobra.Command {
	opts := &pushOptions{app: a}
	cmd := &cobra.Command{
		Use:   "push github|vault",
		Short: "Copy the checked key into GitHub Actions secrets or HashiCorp Vault through their CLIs",
		Long: `push takes the key doctor says your app uses (or one from standard input with --with-key), runs doctor's key and API checks on it, and stores it with the target's official CLI, found on PATH. A key that fails a check is not pushed; --force pushes it anyway and still exits 1.

The key goes to the CLI on its standard input, with no trailing newline: never as an argument, never in the CLI's environment (OPENAI_API_KEY and OPENAI_ADMIN_KEY are removed from it), never in a file. Both CLIs read the value from standard input natively:

github: gh secret set NAME --repo OWNER/REPO [--env ENV] reads the value from stdin. --repo defaults to the origin remote's repository. Afterwards gh secret list must show NAME updated by this push. gh needs gh auth login first.

vault: vault kv put -mount=MOUNT PATH NAME=- reads the value from stdin ("-"). It replaces every field stored at PATH, so give the key a path of its own. Afterwards vault kv get -field=NAME reads the value back and compares it with the key in memory (only fingerprints are shown). vault needs vault login (and VAULT_ADDR) first, and Vault 1.11 or later for -mount.

--dry-run prints the commands with <key from stdin> in place of the value and runs only the read-only checks (CLI present, logged in, repository resolved).

Not offered: aws and azure, whose CLIs take a secret's value only as an argument or from a named file (/dev/stdin as that file is not documented as a stdin form and does not exist on Windows); vercel, whose only read-back (vercel env pull) writes the values to a file, so a push could not be confirmed without one.`,
		Example: `  openai-setup push github
  openai-setup push github --repo octo-org/app --env production
  openai-setup push vault --path myapp/openai
  pass show openai | openai-setup push vault --mount kv --path myapp/openai --with-key
  openai-setup push github --dry-run --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("push takes one target: github or vault")
			}
			return nil
		},
		ValidArgs: push.Targets,
		RunE: func(cmd *cobra.Command, args []string) error {
			return pushRun(cmd.Context(), opts, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Target.Repo, "repo", "", "github: OWNER/REPO (default: the origin remote's)")
	f.StringVar(&opts.Target.Env, "env", "", "github: store an environment secret in this environment instead of a repository secret")
	f.StringVar(&opts.Target.Mount, "mount", "", "vault: the KV secrets engine's mount (default "+push.DefaultMount+")")
	f.StringVar(&opts.Target.Path, "path", "", "vault: the secret's path under the mount (required; a path for this key alone)")
	f.StringVar(&opts.Target.Name, "name", push.DefaultName, "the name to store the key under")
	f.StringVar(&opts.FromEnvFile, "from-env-file", "", "take the key from this dotenv file instead of what doctor finds")
	f.BoolVar(&opts.WithKey, "with-key", false, "read the key from standard input instead")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the commands and run only the read-only checks; push nothing")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (schema_version 1)")
	f.BoolVar(&opts.Force, "force", false, "push even when a key check fails (exit 1 all the same)")
	f.StringVar(&opts.BaseURL, "base-url", "", "API base URL for the key checks (default $OPENAI_BASE_URL, else "+checks.DefaultBaseURL+")")
	f.BoolVar(&opts.NoSpend, "no-spend", false, "make no paid request when checking the key (see openai-setup doctor --help)")
	f.DurationVar(&opts.Timeout, "timeout", checks.DefaultTimeout, "bound on the key checks, and on each CLI call")
	return cmd
}

func pushRun(ctx context.Context, o *pushOptions, targetName string) error {
	a := o.app
	if o.Timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	if o.WithKey && o.FromEnvFile != "" {
		return usagef("--with-key and --from-env-file both say where the key comes from: use one")
	}
	to := o.Target
	to.Dir, to.Environ, to.Timeout = a.Dir, a.Environ, o.Timeout
	target, err := push.New(targetName, to)
	if err != nil {
		return usagef("%v", err)
	}

	var given apikey.Key
	if o.WithKey {
		if given, _, err = readKey(a); err != nil {
			return err
		}
	}
	start := time.Now()
	rep := checks.Run(ctx, checks.Options{
		Discover: discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ, EnvFile: o.FromEnvFile},
		Key:      given,
		BaseURL:  o.BaseURL,
		NoSpend:  o.NoSpend,
		Timeout:  o.Timeout,
		Client:   a.NewClient(o.Timeout),
		Only:     withKeyChecks,
		Hygiene:  hygiene.Run,
		Admin:    keyowner.New,
	})
	if ctx.Err() != nil {
		return errInterrupted
	}
	key := pushKey(rep)
	res := push.Result{Target: target.Kind(), Name: target.SecretName()}
	switch {
	case key.IsZero():
		res.Err = &push.Error{Code: "no_key", Msg: "no key to push: no OPENAI_API_KEY in the environment or the dotenv files", Fix: "save one first (openai-setup), or pipe it in with --with-key"}
	case !rep.OK() && !o.Force:
		res.Err = &push.Error{Code: "key_failed", Msg: "the key failed a check above, so it was not pushed", Fix: "fix the key first (each failed check says how), or push it anyway with --force"}
	default:
		res = target.Run(ctx, key, o.DryRun)
	}
	if res.Err != nil && res.Err.Code == push.CodeInterrupted {
		return errInterrupted
	}

	if o.JSON {
		if err := writeJSON(a.Out, buildPushJSON(rep, key, res, o.DryRun)); err != nil {
			return err
		}
	} else {
		w := a.styled(a.Out, a.OutTTY)
		label := rep.KeySource
		if o.WithKey {
			label = "from standard input"
		}
		writeTextReport(w, rep, textOptions{Width: a.termWidth(), Elapsed: time.Since(start), Dir: a.Dir, Home: a.Home, KeyLabel: label})
		writePushText(w, key, res, o.DryRun)
	}
	if !rep.OK() || res.Err != nil {
		return errSilent
	}
	return nil
}

// pushKey is the key the checks used, or, when its shape kept it from the
// network (only --force pushes it then), the cleaned key found.
func pushKey(rep checks.Report) apikey.Key {
	if !rep.Key.IsZero() {
		return rep.Key
	}
	cleaned, _ := apikey.Clean(rep.Inventory.Key.Reveal())
	return apikey.New(cleaned)
}

// commandLine shows argv as a shell line, the key shown as read from stdin.
func commandLine(argv []string, keyOnStdin bool) string {
	words := make([]string, len(argv))
	for i, w := range argv {
		words[i] = shellWord(w)
	}
	line := strings.Join(words, " ")
	if keyOnStdin {
		line += " < " + push.StdinPlaceholder
	}
	return line
}

// shellWord leaves a word bare when the shell reads it as itself ("=" is
// plain inside an argument, so -mount=secret needs no quotes).
func shellWord(w string) string {
	if w != "" && !strings.ContainsFunc(w, func(r rune) bool {
		return !(r == '=' || r == '/' || r == '.' || r == '_' || r == '-' || r == ',' || r == ':' || r == '@' ||
			r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		return w
	}
	return termtext.ShellQuote(w)
}
