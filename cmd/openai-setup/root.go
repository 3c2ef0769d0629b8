package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// run builds the command tree, executes it and returns the exit code.
func run(ctx context.Context, args []string, a *app) int {
	var plainErrors bool // --json runs: errors unstyled, on stderr only
	root := newRootCmd(a, &plainErrors)
	root.SetArgs(args)
	root.SetIn(a.In)
	root.SetOut(a.Out)
	root.SetErr(a.Err)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithNotifySignal(os.Interrupt),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			switch {
			case errors.Is(err, errSilent), errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
				return
			case plainErrors:
				fmt.Fprintf(a.Err, "openai-setup: %v\n", err)
			default:
				fang.DefaultErrorHandler(w, styles, err)
			}
		}),
	)
	return exitCode(err)
}

func newRootCmd(a *app, plainErrors *bool) *cobra.Command {
	opts := &setupOptions{app: a}
	root := &cobra.Command{
		Use:   "openai-setup",
		Short: "Get a working, safely stored OpenAI API key, and fix a broken one",
		// One line per paragraph: the man page makes every line break one.
		Long: `openai-setup walks you from "no OpenAI account" to a verified API key saved in .env (and .env kept out of git), one dashboard page at a time.

Run it with no arguments in a terminal for the full-screen wizard. Use --with-key to save a key from a script, "openai-setup doctor" to diagnose a setup, and "openai-setup rotate" to replace a key.`,
		Example: `  # the wizard
  openai-setup

  # save a key from a script or password manager (read from stdin, never an argument)
  pass show openai | openai-setup --with-key

  # what is wrong with my key?
  openai-setup doctor`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q; see openai-setup --help", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			*plainErrors = opts.JSON
			return setupRun(cmd.Context(), opts)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	opts.addFlags(root)
	root.AddCommand(newDoctorCmd(a, plainErrors, nil))
	root.AddCommand(newRotateCmd(a, plainErrors, nil))
	root.AddCommand(newKeysCmd(a, plainErrors, nil))
	return root
}
