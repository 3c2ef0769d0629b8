package main

import (
	"fmt"
	"strings"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// manEnvironment lists every variable openai-setup reads.
var manEnvironment = [][2]string{
	{"OPENAI_API_KEY", "the key; also looked up in dotenv files up to the git root and in shell start-up files"},
	{"OPENAI_BASE_URL", "API base URL, unless --base-url is given; default https://api.openai.com/v1"},
	{"OPENAI_ORG_ID, OPENAI_PROJECT_ID", "sent as OpenAI-Organization and OpenAI-Project, as the SDKs do; a stale one is reported"},
	{"OPENAI_ADMIN_KEY", "where an admin key (sk-admin-) belongs; an admin key found in OPENAI_API_KEY is reported and never sent"},
	{"OPENAI_API_BASE, OPENAI_ORGANIZATION, OPENAI_API_KEY_PATH", "legacy names the current SDKs ignore; reported by the key.sources check"},
	{"HTTPS_PROXY, HTTP_PROXY, NO_PROXY, SSL_CERT_FILE", "proxy and TLS settings, as for any Go program; with a proxy set and a package.json in the work tree, net.reach warns node_ignores_proxy unless NODE_USE_ENV_PROXY is set"},
	{"NODE_USE_ENV_PROXY", "only looked at: Node.js 22.21+ and 24.5+ use HTTPS_PROXY in fetch when it is 1, and ignore proxy variables otherwise"},
	{"REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS", "not read; net.reach's tls fix sets them (and SSL_CERT_FILE) so Python and Node.js trust a TLS-inspecting proxy's CA beside the system's"},
	{"CLAUDE_CONFIG_DIR, CODEX_HOME", "Claude Code's and Codex's folders (default ~/.claude, ~/.codex): the env.agents check reads their deny rules and this work tree's transcripts; nothing read leaves the machine"},
	{"NO_COLOR", "no colours (output that is not a terminal has none either)"},
	{"ACCESSIBLE, TERM=dumb", "plain line-by-line prompts instead of the full-screen wizard"},
	{"SSH_CONNECTION, DISPLAY, WAYLAND_DISPLAY", "whether the wizard opens pages itself or only shows the links"},
}

var manFiles = [][2]string{
	{".env, .env.local, .env.development", "dotenv files read from the working folder up to the git root; --env-file names another; the key is saved to .env (mode 0600)"},
	{".gitignore", "gets /.env and /.env.lock lines when the key is saved, so git does not commit them"},
	{".env.lock", "the advisory lock beside each .env that saves take in turn (mode 0600, kept)"},
	{".openai-setup-ignore", "at the work-tree root: test keys and samples the history scan must not report (a fingerprint, path:line or commit:path:line per line)"},
	{"~/.bashrc, ~/.zshrc, ~/.profile and other start-up files", "read (never written) to find an exported OPENAI_API_KEY that would shadow .env"},
}

var manExamples = `openai-setup
    the full-screen wizard
pass show openai | openai-setup --with-key
    save a key from a password manager (stdin, never an argument)
openai-setup doctor
    what is wrong with my key?
openai-setup doctor --json | jq '.checks[] | select(.status=="fail")'
    failed checks, for a script
printf '%s' "$NEW_KEY" | openai-setup rotate --with-key
    replace a leaked key everywhere it is set`

// newManCmd prints the man page: the flags as "-v, --verbose value", and
// EXIT STATUS, ENVIRONMENT, FILES and EXAMPLES sections.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "Print the man page",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), manPage(cmd.Root()))
			return err
		},
	}
}

func manPage(root *cobra.Command) string {
	m := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(root.Long)
	m.Root = *mango.NewCommand(root.Name(), "", "")
	addManFlags(&m.Root, root.LocalNonPersistentFlags())
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		sub := mango.NewCommand(c.Name(), c.Short, c.Use)
		addManFlags(sub, c.Flags())
		_ = m.Root.AddCommand(sub)
	}
	var status strings.Builder
	for _, d := range exitCodeDocs {
		fmt.Fprintf(&status, "%d  %s\n", d.Code, d.Meaning)
	}
	m.WithSection("Exit Status", strings.TrimSpace(status.String()))
	m.WithSection("Environment", pairs(manEnvironment))
	m.WithSection("Files", pairs(manFiles))
	m.WithSection("Examples", manExamples)
	return m.Build(roff.NewDocument())
}

// addManFlags adds flags the way mango prints "-x --name" right: as
// non-pflag flags whose long name carries its second dash.
func addManFlags(c *mango.Command, fs *pflag.FlagSet) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "-" + f.Name
		if v := flagValueName(f); v != "" {
			name += " " + v
		}
		short := f.Shorthand
		if short != "" {
			short += "," // "-v, --verbose"
		}
		_ = c.AddFlag(mango.Flag{Name: name, Short: short, Usage: flagUsage(f)})
	})
}

func pairs(rows [][2]string) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s: %s\n", r[0], r[1])
	}
	return strings.TrimSpace(b.String())
}
