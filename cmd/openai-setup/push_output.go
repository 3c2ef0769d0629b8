package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/push"
)

// pushJSON is push --json's schema, version 1. Add fields; never rename or
// remove one without bumping schema_version.
type pushJSON struct {
	SchemaVersion int            `json:"schema_version"`
	OK            bool           `json:"ok"`
	Target        string         `json:"target"`
	Name          string         `json:"name"`
	Where         string         `json:"where,omitempty"`
	Key           *pushJSONKey   `json:"key"`
	DryRun        bool           `json:"dry_run"`
	Commands      [][]string     `json:"commands"` // argv; the key is on stdin, never here
	Pushed        bool           `json:"pushed"`
	Verified      bool           `json:"verified"`
	Error         *pushJSONError `json:"error"`
	Notes         []string       `json:"notes,omitempty"`
	Checks        []jsonCheck    `json:"checks"`
}

type pushJSONKey struct {
	Fingerprint string `json:"fingerprint"`
	Source      string `json:"source,omitempty"`
}

type pushJSONError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
	Output  string `json:"output,omitempty"` // the CLI's own words, scrubbed
}

func buildPushJSON(rep checks.Report, key apikey.Key, res push.Result, dryRun bool) pushJSON {
	sc := func(s string) string { return apikey.Scrub(scrub(s, rep), key) }
	out := pushJSON{
		SchemaVersion: 1, OK: rep.OK() && res.Err == nil, Target: res.Target, Name: res.Name, Where: res.Where,
		DryRun: dryRun, Commands: res.Commands, Pushed: res.Pushed, Verified: res.Verified, Notes: res.Notes,
		Checks: []jsonCheck{},
	}
	if out.Commands == nil {
		out.Commands = [][]string{}
	}
	if !key.IsZero() {
		out.Key = &pushJSONKey{Fingerprint: key.Fingerprint(), Source: rep.KeySource}
	}
	if e := res.Err; e != nil {
		out.Error = &pushJSONError{Code: e.Code, Message: sc(e.Msg), Fix: sc(e.Fix), Output: sc(e.Output)}
	}
	for _, r := range rep.Results {
		out.Checks = append(out.Checks, toJSONCheck(r, sc))
	}
	return out
}

// writePushText prints the push after the checks: the commands, what
// happened, and what to do next.
func writePushText(w io.Writer, key apikey.Key, res push.Result, dryRun bool) {
	s := newReportStyles()
	fmt.Fprintln(w)
	heading := "Push to " + res.Target
	if res.Where != "" {
		heading = "Push to " + res.Where
	}
	fmt.Fprintln(w, s.heading.Render(heading))
	if len(res.Commands) > 0 {
		if dryRun {
			fmt.Fprintln(w, "Would run:")
		}
		for i, argv := range res.Commands {
			fmt.Fprintf(w, "  $ %s\n", commandLine(argv, i == 0))
		}
	}
	if e := res.Err; e != nil {
		fmt.Fprintf(w, "%s %s\n", s.fail.Render("[✗]"), apikey.Scrub(e.Msg, key))
		if e.Fix != "" {
			fmt.Fprintf(w, "    Fix: %s\n", apikey.Scrub(e.Fix, key))
		}
		if e.Output != "" {
			fmt.Fprintf(w, "    %s said:\n", toolOf(res))
			for _, line := range strings.Split(apikey.Scrub(e.Output, key), "\n") {
				fmt.Fprintf(w, "      %s\n", line)
			}
		}
		if !res.Pushed {
			fmt.Fprintln(w, "Nothing was pushed.")
		}
		return
	}
	if dryRun {
		fmt.Fprintf(w, "%s %s is installed and logged in. Nothing was pushed (--dry-run).\n", s.pass.Render("[✓]"), toolOf(res))
		return
	}
	fmt.Fprintf(w, "%s Pushed %s (%s) to %s, and %s\n", s.pass.Render("[✓]"), res.Name, key.Fingerprint(), res.Where, verifiedWords(res))
	for _, n := range res.Notes {
		fmt.Fprintf(w, "    %s\n", n)
	}
}

func toolOf(res push.Result) string {
	if res.Target == "github" {
		return "gh"
	}
	return res.Target
}

// verifiedWords says how the push was confirmed, per target.
func verifiedWords(res push.Result) string {
	if res.Target == "github" {
		return "gh secret list shows it with a fresh update time."
	}
	return "the value read back matches the key."
}
