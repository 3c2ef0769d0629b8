package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/envfile"
)

// lineChange is one line that a save changes, with any key already shown as
// its fingerprint.
type lineChange struct {
	File   string         `json:"file"`
	Action envfile.Action `json:"action"`
	Line   int            `json:"line,omitempty"`
	Old    string         `json:"old,omitempty"`
	New    string         `json:"new,omitempty"`
}

func (c lineChange) String() string {
	where := c.File
	if c.Line > 0 {
		where = fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	switch c.Action {
	case envfile.Added:
		return fmt.Sprintf("+ %s  (%s, added)", c.New, where)
	case envfile.Replaced:
		return fmt.Sprintf("~ %s → %s  (%s)", c.Old, c.New, where)
	case envfile.RemovedDuplicate:
		return fmt.Sprintf("- %s  (%s, a later duplicate)", c.Old, where)
	}
	return fmt.Sprintf("= %s  (%s, already there)", c.New, where)
}

// savePlan is what a save would change.
type savePlan struct {
	Changes []lineChange `json:"changes"`
	Notes   []string     `json:"notes,omitempty"`
	// Link is the file the key goes to when the .env is a symbolic link;
	// Outside is true when that file lies outside the repository (or,
	// outside one, the .env's folder).
	Link    string `json:"link_target,omitempty"`
	Outside bool   `json:"link_outside,omitempty"`
	// envSum and ignSum identify the .env and .gitignore bytes the plan
	// was made from (envfile.Sum).
	envSum, ignSum string
}

func (p savePlan) lines() []string {
	var out []string
	for _, c := range p.Changes {
		out = append(out, c.String())
	}
	return append(out, p.Notes...)
}

// saveReport is what a save did.
type saveReport struct {
	Files    []string     `json:"files"`
	Changes  []lineChange `json:"changes"`
	Warnings []string     `json:"warnings,omitempty"`
}

func (r saveReport) files() []string    { return r.Files }
func (r saveReport) warnings() []string { return r.Warnings }
func (r saveReport) lines() []string {
	var out []string
	for _, c := range r.Changes {
		out = append(out, c.String())
	}
	return out
}

func writeSaveText(w io.Writer, rep checks.Report, plan savePlan, saved *saveReport, saveErr error, dryRun bool) {
	s := newReportStyles()
	fmt.Fprintln(w)
	switch {
	case !rep.OK():
		fmt.Fprintln(w, s.fail.Render("Not saved:")+" a check failed, so nothing was written.")
	case saveErr != nil:
		fmt.Fprintln(w, s.fail.Render("Not saved: ")+show(saveErr.Error(), rep))
		if saved == nil || len(saved.Files) == 0 {
			fmt.Fprintln(w, "Nothing was changed on disk.")
			break
		}
		fmt.Fprintln(w, "Written before the failure: "+show(strings.Join(saved.Files, ", "), rep))
		for _, l := range saved.lines() {
			fmt.Fprintln(w, "  "+show(l, rep))
		}
	case dryRun && !plan.changesAnything():
		fmt.Fprintln(w, s.heading.Render("Dry run: nothing would change")+" (the key is already saved this way; nothing written)")
		for _, n := range plan.Notes {
			fmt.Fprintln(w, "  "+show(n, rep))
		}
	case dryRun:
		fmt.Fprintln(w, s.heading.Render("Dry run: these lines would change (nothing written)"))
		for _, l := range plan.lines() {
			fmt.Fprintln(w, "  "+show(l, rep))
		}
	default:
		fmt.Fprintln(w, s.heading.Render("Saved")+" "+rep.Key.Fingerprint())
		for _, l := range saved.lines() {
			fmt.Fprintln(w, "  "+show(l, rep))
		}
		for _, warn := range saved.Warnings {
			fmt.Fprintln(w, s.warn.Render("  ! ")+show(warn, rep))
		}
	}
}

func writeWithKeyJSON(w io.Writer, rep checks.Report, plan savePlan, saved *saveReport, saveErr error, dryRun bool) error {
	type saveJSON struct {
		Saved   bool         `json:"saved"`
		DryRun  bool         `json:"dry_run"`
		Error   string       `json:"error,omitempty"`
		Changes []lineChange `json:"changes"`
		Files   []string     `json:"files,omitempty"`
		Notes   []string     `json:"notes,omitempty"`
		Link    string       `json:"link_target,omitempty"`
		Outside bool         `json:"link_outside,omitempty"`
	}
	out := struct {
		jsonReport
		Save saveJSON `json:"save"`
	}{}
	out.jsonReport = buildJSONReport(rep)
	s := saveJSON{DryRun: dryRun, Changes: plan.Changes, Notes: plan.Notes, Link: plan.Link, Outside: plan.Outside}
	if saveErr != nil {
		s.Error = saveErr.Error()
		if saved != nil {
			s.Files = saved.Files // written before the failure
		}
	}
	if saved != nil && saveErr == nil {
		s.Saved, s.Changes, s.Files, s.Notes = true, saved.Changes, saved.Files, saved.Warnings
	}
	if s.Changes == nil {
		s.Changes = []lineChange{}
	}
	out.Save = s
	out.OK = out.OK && saveErr == nil
	return writeJSON(w, out)
}

// changesAnything reports whether saving would change a byte on disk.
func (p savePlan) changesAnything() bool {
	for _, c := range p.Changes {
		if c.Action != "unchanged" {
			return true
		}
	}
	return false
}
