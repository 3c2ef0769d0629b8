package main

import (
	"fmt"
	"io"

	"github.com/setupkit/openai-setup/checks"
)

// lineChange is one line that a save changes, with any key already shown as
// its fingerprint.
type lineChange struct {
	File   string `json:"file"`
	Action string `json:"action"` // added, replaced, removed, unchanged
	Line   int    `json:"line,omitempty"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}

func (c lineChange) String() string {
	where := c.File
	if c.Line > 0 {
		where = fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	switch c.Action {
	case "added":
		return fmt.Sprintf("+ %s  (%s, added)", c.New, where)
	case "replaced":
		return fmt.Sprintf("~ %s → %s  (%s)", c.Old, c.New, where)
	case "removed":
		return fmt.Sprintf("- %s  (%s, a later duplicate)", c.Old, where)
	}
	return fmt.Sprintf("= %s  (%s, already there)", c.New, where)
}

// savePlan is what a save would change.
type savePlan struct {
	Changes []lineChange `json:"changes"`
	Notes   []string     `json:"notes,omitempty"`
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
		fmt.Fprintln(w, "Nothing was changed on disk.")
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
	}
	out := struct {
		jsonReport
		Save saveJSON `json:"save"`
	}{}
	out.jsonReport = buildJSONReport(rep)
	s := saveJSON{DryRun: dryRun, Changes: plan.Changes, Notes: plan.Notes}
	if saveErr != nil {
		s.Error = saveErr.Error()
	}
	if saved != nil && saveErr == nil {
		s.Saved, s.Changes, s.Files = true, saved.Changes, saved.Files
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
