package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the widest help gets: 80 columns, or the terminal if narrower.
const helpWidth = 80

// valueNames name what a flag takes, so help reads "--env-file path"
// rather than "--env-file string".
var valueNames = map[string]string{
	"env-file":      "path",
	"model":         "name",
	"base-url":      "url",
	"check":         "id",
	"old":           "fingerprint",
	"timeout":       "duration",
	"wait":          "duration",
	"poll-interval": "duration",
}

func setHelp(root *cobra.Command, a *app) {
	width := helpWidth
	if w := a.termWidth(); w >= 40 && w < helpWidth {
		width = w // a narrow terminal
	}
	root.SetHelpFunc(func(c *cobra.Command, _ []string) {
		writeHelp(c.OutOrStdout(), c, width)
	})
	// `help TOPIC` for an unknown topic is a usage error, not the root help.
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command or topic",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				topic := strings.Join(args, " ")
				if s := helpSuggestion(root, args[0]); s != "" {
					return usagef("unknown help topic %q. Did you mean %s?", topic, s)
				}
				return usagef("unknown help topic %q", topic)
			}
			target.InitDefaultHelpFlag()
			writeHelp(c.OutOrStdout(), target, width)
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
					names = append(names, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	})
}

// writeHelp prints plain help, like gh's: description, usage, commands,
// flags, examples, each section's text wrapped at width without splitting
// words or URLs.
func writeHelp(w io.Writer, c *cobra.Command, width int) {
	long := c.Long
	if long == "" {
		long = c.Short
	}
	for _, para := range strings.Split(long, "\n") {
		if strings.HasPrefix(para, " ") { // a list item: wrapped under its text
			body := strings.TrimLeft(para, " ")
			hang := len(para) - len(body)
			if marker, _, ok := strings.Cut(body, " "); ok && len(marker) <= 3 {
				hang += len(marker) + 1
			}
			fmt.Fprintf(w, "%s%s\n", para[:len(para)-len(body)], wrapIndent(body, len(para)-len(body), hang, width))
			continue
		}
		fmt.Fprintln(w, wrapIndent(para, 0, 0, width))
	}
	if !c.Runnable() && !c.HasAvailableSubCommands() {
		return // a help topic: its text is the help
	}
	fmt.Fprintf(w, "\nUSAGE\n  %s\n", usageLine(c))
	if cmds := availableCommands(c); len(cmds) > 0 {
		fmt.Fprintln(w, "\nCOMMANDS")
		writeTwoColumns(w, cmds, width)
	}
	if topics := helpTopics(c); len(topics) > 0 {
		fmt.Fprintln(w, "\nHELP TOPICS")
		writeTwoColumns(w, topics, width)
	}
	if rows := flagRows(c.LocalFlags()); len(rows) > 0 {
		fmt.Fprintln(w, "\nFLAGS")
		writeTwoColumns(w, rows, width)
	}
	if rows := flagRows(c.InheritedFlags()); len(rows) > 0 {
		fmt.Fprintln(w, "\nINHERITED FLAGS")
		writeTwoColumns(w, rows, width)
	}
	if c.Example != "" {
		fmt.Fprintln(w, "\nEXAMPLES")
		writeExamples(w, c.Example, width)
	}
	fmt.Fprintln(w, "\nLEARN MORE")
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "  Use '%s <command> --help' for more about a command.\n", c.CommandPath())
	}
	fmt.Fprintf(w, "  Exit codes: %s help exit-codes\n", c.Root().Name())
}

// writeExamples wraps the comment lines of an example block ("  # …") as
// comments; commands are left whole, to stay copyable.
func writeExamples(w io.Writer, text string, width int) {
	for _, line := range strings.Split(text, "\n") {
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		if strings.HasPrefix(body, "# ") && ansi.StringWidth(line) > width {
			cont := strings.Repeat(" ", indent) + "# "
			line = strings.Repeat(" ", indent) + "# " + strings.ReplaceAll(wrapIndent(body[2:], indent+2, indent+2, width), "\n"+strings.Repeat(" ", indent+2), "\n"+cont)
		}
		fmt.Fprintln(w, line)
	}
}

// helpSuggestion is the command or topic nearest to typed, or "".
func helpSuggestion(root *cobra.Command, typed string) string {
	if s := root.SuggestionsFor(typed); len(s) > 0 {
		return s[0]
	}
	for _, c := range root.Commands() { // topics are not "available" to cobra
		if c.IsAdditionalHelpTopicCommand() && (strings.HasPrefix(c.Name(), typed) || strings.HasPrefix(typed, c.Name()[:len(c.Name())-1])) {
			return c.Name()
		}
	}
	return ""
}

func usageLine(c *cobra.Command) string {
	line := c.CommandPath()
	if c.HasAvailableSubCommands() && !c.Runnable() {
		return line + " <command>"
	}
	if c.HasAvailableSubCommands() {
		line += " [<command>]"
	}
	if c.HasAvailableFlags() {
		line += " [flags]"
	}
	return line
}

func availableCommands(c *cobra.Command) [][2]string {
	var rows [][2]string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() && (s.Runnable() || s.HasAvailableSubCommands()) {
			rows = append(rows, [2]string{s.Name(), s.Short})
		}
	}
	return rows
}

func helpTopics(c *cobra.Command) [][2]string {
	var rows [][2]string
	for _, s := range c.Commands() {
		if s.IsAdditionalHelpTopicCommand() {
			rows = append(rows, [2]string{s.Name(), s.Short})
		}
	}
	return rows
}

// flagRows renders each visible flag as "-x, --name value" and its usage
// with the default, when it has a useful one.
func flagRows(fs *pflag.FlagSet) [][2]string {
	var rows [][2]string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name := "    --" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		if v := flagValueName(f); v != "" {
			name += " " + v
		}
		rows = append(rows, [2]string{name, flagUsage(f)})
	})
	return rows
}

// flagUsage is the flag's usage text with its default, when it has a
// useful one.
func flagUsage(f *pflag.Flag) string {
	if d := f.DefValue; f.Value.Type() != "bool" && d != "" && d != "[]" && d != "0s" && d != "0" {
		return f.Usage + " (default " + d + ")"
	}
	return f.Usage
}

// flagValueName is what the flag takes, or "" for a switch.
func flagValueName(f *pflag.Flag) string {
	if f.Value.Type() == "bool" {
		return ""
	}
	if v, ok := valueNames[f.Name]; ok {
		return v
	}
	v, _ := pflag.UnquoteUsage(f)
	return v
}

// writeTwoColumns prints name/description rows, the description wrapped in
// its column; a name too wide for a useful column puts its description on
// the next line instead.
func writeTwoColumns(w io.Writer, rows [][2]string, width int) {
	col := 0
	for _, r := range rows {
		col = max(col, ansi.StringWidth(r[0]))
	}
	col += 2 + 3 // indent and gap
	const minDesc = 36
	for _, r := range rows {
		if col+minDesc > width {
			fmt.Fprintf(w, "  %s\n", r[0])
			fmt.Fprintf(w, "%s%s\n", strings.Repeat(" ", 8), wrapIndent(r[1], 8, 8, width))
			continue
		}
		pad := col - 2 - ansi.StringWidth(r[0])
		fmt.Fprintf(w, "  %s%s%s\n", r[0], strings.Repeat(" ", pad), wrapIndent(r[1], col, col, width))
	}
}

// newExitCodesTopic is `openai-setup help exit-codes`.
func newExitCodesTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString("Exit codes of openai-setup, the same for every command:\n\n")
	for _, d := range exitCodeDocs {
		fmt.Fprintf(&b, "  %3d  %s\n", d.Code, wrapIndent(d.Meaning, 7, 7, helpWidth))
	}
	return &cobra.Command{
		Use:   "exit-codes",
		Short: "What each exit code means",
		Long:  strings.TrimRight(b.String(), "\n"),
	}
}
