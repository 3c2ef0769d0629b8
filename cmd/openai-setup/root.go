package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// run builds the command tree, executes it and returns the exit code.
func run(ctx context.Context, args []string, a *app) (code int) {
	// Everything printed passes through a scrubber, so no path (a cobra
	// error quoting a flag value, a server message, a panic) shows a key.
	sa := *a
	a = &sa
	var flushOut, flushErr func() error
	a.Out, flushOut = scrubbed(a.Out)
	a.Err, flushErr = scrubbed(a.Err)
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(a.Err, "openai-setup: internal error: %v\n%s", r, debug.Stack())
			code = exitFailed
		}
		flushOut()
		flushErr()
	}()
	if msg, found := keyInArgs(args); found {
		fmt.Fprintf(a.Err, "openai-setup: %s\n", msg)
		return exitUsage
	}

	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	cmd, err := root.ExecuteContextC(ctx)
	printError(a, cmd, err)
	return exitCode(err)
}

// printError prints err as gh does: one plain line, "openai-setup: …", and
// for a usage error a second line naming the help to read. No box, no
// padding, the message's own case.
func printError(a *app, cmd *cobra.Command, err error) {
	switch {
	case err == nil, errors.Is(err, errSilent), errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		return
	}
	fmt.Fprintf(a.Err, "openai-setup: %s\n", strings.TrimSpace(err.Error()))
	var ue usageError
	if errors.As(err, &ue) && cmd != nil {
		fmt.Fprintf(a.Err, "Run '%s --help'.\n", cmd.CommandPath())
	}
}

func newRootCmd(a *app) *cobra.Command {
	opts := &setupOptions{app: a}
	root := &cobra.Command{
		Use:   "openai-setup",
		Short: "Get a working, safely stored OpenAI API key, and fix a broken one",
		// One line per paragraph: the man page makes every line break one.
		Long: `openai-setup walks you from "no OpenAI account" to a verified API key saved in .env (and .env kept out of git), one dashboard page at a time.

Run it with no arguments in a terminal for the full-screen wizard. Use --with-key to save a key from a script, "openai-setup doctor" to diagnose a setup, and "openai-setup rotate" to replace a key.`,
		Example: `  # the wizard
  openai-setup

  # save a key from a password manager (read from stdin, never an argument)
  pass show openai | openai-setup --with-key

  # what is wrong with my key?
  openai-setup doctor`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// "doctr" → doctor; cobra sets this only when it reports the error itself.
		SuggestionsMinimumDistance: 2,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
					return usagef("unknown command %q. Did you mean %s?", args[0], s[0])
				}
				return usagef("unknown command %q", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return setupRun(cmd.Context(), opts)
		},
	}
	root.SetVersionTemplate("openai-setup {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	opts.addFlags(root)
	// --version only: -v is --verbose wherever it exists, never the version.
	root.Flags().Bool("version", false, "print the version and how this binary was built")
	root.AddCommand(newDoctorCmd(a, nil))
	root.AddCommand(newRotateCmd(a, nil))
	root.AddCommand(newKeysCmd(a, nil))
	root.AddCommand(newProvisionCmd(a, nil))
	root.AddCommand(newPushCmd(a))
	root.AddCommand(newUsageCmd(a, nil))
	root.AddCommand(newExitCodesTopic(), newManCmd())
	addCompletions(root)
	setHelp(root, a)
	return root
}

// flagError makes every flag mistake a usage error (exit 2) and answers a
// lone -v, which other tools use for the version.
func flagError(cmd *cobra.Command, err error) error {
	if strings.Contains(err.Error(), "unknown shorthand flag: 'v'") {
		return usagef("unknown flag -v: for the version use --version; -v means --verbose (openai-setup doctor -v)")
	}
	return usageError{err}
}
