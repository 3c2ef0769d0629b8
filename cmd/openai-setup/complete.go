package main

import (
	"github.com/setupkit/openai-setup/checks"
	"github.com/spf13/cobra"
)

// commonModels are offered for --model; any other name is accepted too.
var commonModels = []string{"gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini"}

// addCompletions makes <TAB> complete flag values: check ids with their
// titles, a few models, files for --env-file.
func addCompletions(root *cobra.Command) {
	checkIDs := func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, s := range checks.Catalog() {
			out = append(out, cobra.CompletionWithDesc(s.ID, s.What))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	models := cobra.FixedCompletions(commonModels, cobra.ShellCompDirectiveNoFileComp)
	files := func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault
	}
	for _, c := range append([]*cobra.Command{root}, root.Commands()...) {
		register := func(flag string, fn cobra.CompletionFunc) {
			if c.Flags().Lookup(flag) != nil {
				_ = c.RegisterFlagCompletionFunc(flag, fn)
			}
		}
		register("check", checkIDs)
		register("model", models)
		register("env-file", files)
		register("base-url", cobra.NoFileCompletions)
	}
}
