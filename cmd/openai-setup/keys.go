package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/spf13/cobra"
)

// keysOptions are the flags of `openai-setup keys`.
type keysOptions struct {
	app     *app
	admin   adminFlags
	Project string
	JSON    bool
}

// newKeysCmd builds `openai-setup keys`. runF replaces keysRun in
// flag-parsing tests.
func newKeysCmd(a *app, runF func(*keysOptions) error) *cobra.Command {
	opts := &keysOptions{app: a}
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "List every project's API keys (needs an admin key), and show which one this folder uses",
		Long: `keys lists the API keys of every project in your organization, or of one with --project: name, the key as the dashboard shows it, owner (a user's e-mail or a service account's name), when it was created and last used. The key this folder's OPENAI_API_KEY holds is marked, matched by its visible start and last four characters; when several keys show the same ends, keys says so instead of guessing.

It needs an admin key (sk-admin-…, read-only is enough), which only organization owners can create, at ` + openai.AdminKeysURL + `. It is read from $` + openai.EnvAdminKey + `, from standard input with --admin-key-stdin, or typed at a hidden prompt; never from an argument or a file, and it is never written anywhere or printed beyond its fingerprint.`,
		Example: `  OPENAI_ADMIN_KEY=… openai-setup keys
  pass show openai-admin | openai-setup keys --admin-key-stdin --project "my app"
  openai-setup keys --json | jq '.keys[] | select(.last_used_at == null)'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("keys takes no arguments (got %d); name a project with --project", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return keysRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Project, "project", "", "only this project (its name or proj_… id)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (schema_version 1)")
	opts.admin.add(cmd)
	return cmd
}

func keysRun(parent context.Context, o *keysOptions) error {
	if looksLikeKey(o.Project) {
		return usagef("a key was given to --project, which takes a project name or proj_… id; nothing was sent")
	}
	s, err := openAdmin(o.app, o.admin, false, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(parent, s.Timeout)
	defer cancel()
	rows, err := listKeyRows(ctx, s, o.Project)
	if parent.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	folder := matchThisFolder(rows, s.Inventory.Key)
	if o.JSON {
		return writeJSON(o.app.Out, keysJSON{SchemaVersion: 1, Keys: jsonRows(rows)})
	}
	if o.app.OutTTY {
		writeKeysTable(o.app.styled(o.app.Out, true), rows, folder, o.app.termWidth())
		return nil
	}
	writeKeysTSV(o.app.Out, rows)
	return nil
}

// looksLikeKey catches a key pasted where a project name goes, so it is
// neither sent nor echoed.
func looksLikeKey(s string) bool {
	return strings.HasPrefix(s, "sk-") || strings.Contains(s, apikey.Marker) ||
		apikey.KindOf(s) == apikey.KindOther || len(apikey.FindAll(s)) > 0
}

// keyRow is one listed key and the project it belongs to.
type keyRow struct {
	Project admin.Project
	Key     admin.ProjectAPIKey
	Folder  folderMatch
}

// listKeyRows lists the keys of every active project, or of the one named.
func listKeyRows(ctx context.Context, s *adminSession, project string) ([]keyRow, error) {
	projects, err := s.Client.Projects(ctx)
	if err != nil {
		return nil, s.explainAdminError(err)
	}
	if project != "" {
		projects, err = pickProject(projects, project)
		if err != nil {
			return nil, err
		}
	}
	return listProjectKeys(ctx, s, projects, nil)
}

// pickProject finds a project by exact id, else by exact name.
func pickProject(all []admin.Project, want string) ([]admin.Project, error) {
	var byName []admin.Project
	for _, p := range all {
		if p.ID == want {
			return []admin.Project{p}, nil
		}
		if p.Name == want {
			byName = append(byName, p)
		}
	}
	switch len(byName) {
	case 0:
		return nil, fmt.Errorf("no active project has the name or id %q (%d projects listed); openai-setup keys without --project lists them all", want, len(all))
	case 1:
		return byName, nil
	}
	ids := make([]string, len(byName))
	for i, p := range byName {
		ids[i] = p.ID
	}
	return nil, fmt.Errorf("%d projects are named %q; name one by its id: %s", len(byName), want, strings.Join(ids, ", "))
}
