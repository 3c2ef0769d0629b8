package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/usage"
	"github.com/spf13/cobra"
)

// usageOptions are the flags of `openai-setup usage`.
type usageOptions struct {
	app          *app
	admin        adminFlags
	Since, Until string
	By           string
	Project      string
	Key          string
	JSON, CSV    bool
	now          func() time.Time
}

// newUsageCmd builds `openai-setup usage`. runF replaces usageRun in
// flag-parsing tests.
func newUsageCmd(a *app, runF func(*usageOptions) error) *cobra.Command {
	opts := &usageOptions{app: a, now: time.Now}
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Show what the API cost, per project, model, key or line item (needs an admin key)",
		Long: `usage shows the organization's spend over a period of UTC days (both ends included; default: this calendar month), the period of the same length just before it, and per group: dollars, share, tokens and requests. Amounts are summed exactly from the API's costs; usage shows up minutes late, so an empty today is normal.

--by project (default), model (taken from the line item), key (named from each project's key listing; this folder's key is marked) or line-item. --key sk-proj-…abcd (a fingerprint as doctor and keys print it, never a whole key) shows one key: dollars per day and requests and tokens per hour.

At a terminal it opens a full-screen view (tab: grouping, ←/→: period, ↑/↓ and enter: only that row's project, model or key, esc: back, q: quit); with --key, or when only stdout is a terminal, it prints text; piped, or with --json, one JSON document (schema_version 1); --csv one line per group. There is no API for a prepaid balance: see ` + openai.BillingURL + `.

It needs an admin key (sk-admin-…, read-only is enough, with the api.usage.read permission), which only organization owners can create, at ` + openai.AdminKeysURL + `. It is read from $` + openai.EnvAdminKey + `, from standard input with --admin-key-stdin, or typed at a hidden prompt.`,
		Example: `  OPENAI_ADMIN_KEY=… openai-setup usage
  openai-setup usage --since 7d --by model
  openai-setup usage --since 2026-11-01 --until 2026-11-30 --csv > november.csv
  openai-setup usage --key sk-proj-…Ab3d --since 7d`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("usage takes no arguments (got %d); give a period with --since and --until", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return usageRun(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Since, "since", "", "first UTC day, YYYY-MM-DD, or Nd for the last N days including today (default: the 1st of this month)")
	fs.StringVar(&opts.Until, "until", "", "last UTC day, YYYY-MM-DD (default: today)")
	fs.StringVar(&opts.By, "by", string(usage.ByProject), "group by project, model, key or line-item")
	fs.StringVar(&opts.Project, "project", "", "only this project (its name or proj_… id)")
	fs.StringVar(&opts.Key, "key", "", "only this key, by its fingerprint (sk-proj-…abcd)")
	fs.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (schema_version 1)")
	fs.BoolVar(&opts.CSV, "csv", false, "print a CSV header and one line per group")
	cmd.MarkFlagsMutuallyExclusive("json", "csv")
	opts.admin.add(cmd)
	return cmd
}

// usageRequest is a checked command line.
type usageRequest struct {
	period usage.Period
	by     usage.By
}

func (o *usageOptions) check() (usageRequest, error) {
	by, ok := usage.ParseBy(o.By)
	if !ok {
		return usageRequest{}, usagef("--by %q: choose project, model, key or line-item", o.By)
	}
	p, err := usage.ParsePeriod(o.Since, o.Until, o.now())
	if err != nil {
		return usageRequest{}, usagef("%v", err)
	}
	if looksLikeKey(o.Project) {
		return usageRequest{}, usagef("a key was given to --project, which takes a project name or proj_… id; nothing was sent")
	}
	if o.Key != "" {
		if _, _, ok := admin.VisibleEnds(o.Key); !ok {
			return usageRequest{}, usagef("--key takes a key's fingerprint as doctor and keys print it (sk-proj-…abcd: its start and last four characters)")
		}
	}
	return usageRequest{period: p, by: by}, nil
}

func usageRun(parent context.Context, o *usageOptions) error {
	req, err := o.check()
	if err != nil {
		return err
	}
	s, err := openAdmin(o.app, o.admin, false, nil)
	if errors.Is(err, errNoAdminKey) {
		return errNoUsageAdminKey
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(parent, s.Timeout)
	defer cancel()
	res, err := fetchUsage(ctx, s, o, req)
	if parent.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	if o.interactive() {
		return runUsageTUI(parent, o.app, usageTUIOptions(parent, s, res, req.by))
	}
	rep := res.data.Report(req.by, o.now())
	switch {
	case o.JSON || (!o.CSV && !o.app.OutTTY):
		return writeJSON(o.app.Out, usageJSONDoc(rep, res))
	case o.CSV:
		return writeUsageCSV(o.app.Out, rep)
	}
	writeUsageText(o.app.styled(o.app.Out, true), rep, res, o.app.termWidth())
	return nil
}

// errNoUsageAdminKey says how to get an admin key that can read usage.
var errNoUsageAdminKey = errors.New("no admin key: set " + openai.EnvAdminKey + " or pipe one in with --admin-key-stdin; only organization owners can create one, at " +
	openai.AdminKeysURL + ", and a read-only one is enough")

// explainUsageError names the permission a key without usage access lacks,
// and says what was fetched when a fetch stopped part-way.
func (s *adminSession) explainUsageError(err error) error {
	if missingUsageScope(err) {
		return fmt.Errorf("this admin key lacks the api.usage.read permission: create one that has it (read-only is enough) at %s", openai.AdminKeysURL)
	}
	if fe := asFetchError(err); fe != nil {
		return fmt.Errorf("no totals shown, as they would be partial: %d of %d %s buckets had come in when this stopped it: %w",
			fe.Fetched, fe.Want, strings.TrimPrefix(fe.Path, "/organization/"), s.explainAdminError(fe.Err))
	}
	return s.explainAdminError(err)
}
