package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/provision"
)

// provisionReport prints what provision does as it goes (text), or one
// JSON document at the end (--json).
type provisionReport struct {
	app     *app
	session *adminSession
	req     provision.Request
	json    bool
	envFile string // as shown to the user
	base    string // the API base URL the admin key went to

	out     provision.Outcome
	saved   *saveReport
	rep     *checks.Report
	elapsed time.Duration
	notes   []string // the regional base-URL offer: said, or what it wrote
	baseErr error    // writing the OPENAI_BASE_URL line failed
}

var receiptObjects = map[string]string{
	"project": "project", "service_account": "service account",
	"spend_limit": "spend limit", "spend_alert": "spend alert",
}

// receipt prints one change as it is made: what, name, id.
func (p *provisionReport) receipt(r provision.Receipt) {
	if !p.json {
		fmt.Fprintln(p.app.Out, receiptLine(r))
	}
}

// found says which existing project is used (not a change, so no receipt).
func (p *provisionReport) found(pr admin.Project) {
	if !p.json {
		fmt.Fprintf(p.app.Out, "%-7s %-15s %s (%s)\n", "found", "project", termtext.Safe(pr.Name), termtext.Safe(pr.ID))
	}
}

func receiptLine(r provision.Receipt) string {
	return fmt.Sprintf("%-7s %-15s %s (%s)", r.Action, receiptObjects[r.Object], termtext.Safe(r.Name), termtext.Safe(r.ID))
}

func (p *provisionReport) progress() func(string) {
	return func(s string) { fmt.Fprintln(p.app.Err, s) }
}

// announceKey says which key was made and which guard-rails are missing.
func (p *provisionReport) announceKey() {
	if p.json {
		return
	}
	fmt.Fprintf(p.app.Out, "New key: %s (%s), shown once by the API and never printed here\n", p.out.Key.Fingerprint(), p.out.Key.Kind().Label())
	for _, n := range p.out.Notes {
		fmt.Fprintf(p.app.Out, "Note: %s; set it at %s\n", n, openai.LimitsURL)
	}
}

func (p *provisionReport) announceSaved() {
	if p.json {
		return
	}
	fmt.Fprintf(p.app.Out, "Saved %s in %s\n", openai.EnvAPIKey, p.envFile)
	for _, l := range p.saved.lines() {
		fmt.Fprintln(p.app.Out, "  "+l)
	}
	for _, w := range p.saved.Warnings {
		fmt.Fprintln(p.app.Out, "  ! "+w)
	}
}

func (p *provisionReport) dryRun() error {
	if p.json {
		return p.writeJSON(nil)
	}
	w := p.app.Out
	fmt.Fprintln(w, "Dry run: nothing was changed. A real run would:")
	for _, l := range p.out.Plan {
		fmt.Fprintln(w, "  - "+termtext.Safe(l))
	}
	fmt.Fprintf(w, "  - save the new key as %s in %s, with .gitignore covering it, then check it\n", openai.EnvAPIKey, p.envFile)
	for _, n := range p.out.Notes {
		fmt.Fprintln(w, "Note: "+termtext.Safe(n))
	}
	fmt.Fprintln(w, "Note: read calls cannot tell a read-only admin key; one fails at the first write, before anything is made.")
	return nil
}

func (p *provisionReport) done() error {
	if p.json {
		return p.writeJSON(nil)
	}
	p.writeChecks()
	p.writeNotes()
	fmt.Fprintf(p.app.Out, "\nDone: %s is saved in %s and passed the checks above.\n", p.out.Key.Fingerprint(), p.envFile)
	return nil
}

func (p *provisionReport) writeChecks() {
	if p.rep == nil {
		return
	}
	w := p.app.styled(p.app.Out, p.app.OutTTY)
	fmt.Fprintln(w)
	writeTextReport(w, *p.rep, textOptions{Width: p.app.termWidth(), Elapsed: p.elapsed, Dir: p.app.Dir, Home: p.app.Home, KeyLabel: "the new service account's key"})
}

// writeNotes prints the regional base-URL offer's words.
func (p *provisionReport) writeNotes() {
	for _, n := range p.notes {
		fmt.Fprintln(p.app.Out, wrapIndent(n, 0, 0, p.app.termWidth()))
	}
}

// fail reports err and what exists now. Nothing made: err as it is (one
// line). Something made: the receipts, how to undo them, and at a terminal
// an offer to delete the service account.
func (p *provisionReport) fail(err error) error {
	interrupted := errors.Is(err, errInterrupted)
	ret := errSilent
	if interrupted {
		ret = errInterrupted
	}
	if p.json {
		if jerr := p.writeJSON(err); jerr != nil {
			return jerr
		}
		return ret
	}
	p.writeChecks()
	p.writeNotes()
	if len(p.out.Receipts) == 0 {
		if interrupted {
			fmt.Fprintln(p.app.Err, "Interrupted: nothing was created.")
		}
		return err
	}
	w := p.app.Out
	fmt.Fprintf(w, "\nNot finished: %s\n", err)
	for _, l := range p.whatExists() {
		fmt.Fprintln(w, l)
	}
	if !interrupted && p.app.InTTY && p.out.Account.ID != "" {
		p.offerDelete()
	}
	return ret
}

// whatExists lists what this run made and how to delete it.
func (p *provisionReport) whatExists() []string {
	o := p.out
	lines := []string{"What exists now:"}
	for _, r := range o.Receipts {
		lines = append(lines, "  "+receiptLine(r))
	}
	if o.ProjectCreated {
		lines = append(lines, "Projects cannot be deleted, only archived (at "+openai.ProjectsURL+"); running provision again with the same --project reuses it.")
	}
	if o.Account.ID != "" {
		where := "saved nowhere"
		if p.saved != nil {
			where = "saved in " + p.envFile
		}
		lines = append(lines, serviceAccountUndo(p.base, o.Project, o.Account, o.Key.Fingerprint(), where)...)
	}
	return lines
}

// serviceAccountUndo says which key a service account made here holds,
// where that key is, and how to delete the account (the page, or the
// Admin API call with the admin key from the environment).
func serviceAccountUndo(base string, project admin.Project, acc admin.ServiceAccount, keyFP, where string) []string {
	u := strings.TrimRight(base, "/") + "/organization/projects/" + project.ID + "/service_accounts/" + acc.ID
	return []string{
		fmt.Sprintf("The service account %s (%s) holds the key %s, %s. To delete it (its key stops working), open the project %q under %s, or run:",
			termtext.Safe(acc.Name), acc.ID, keyFP, where, termtext.Safe(project.Name), openai.ProjectsURL),
		fmt.Sprintf("  curl -X DELETE -H \"Authorization: Bearer $%s\" %s", openai.EnvAdminKey, termtext.ShellQuote(u)),
	}
}

// offerDelete asks (default no) whether to delete the service account just made.
func (p *provisionReport) offerDelete() {
	a, acc := p.app, p.out.Account
	fmt.Fprintf(a.Err, "Delete the service account %s you just made (its key stops working)? [y/N] ", termtext.Safe(acc.Name))
	line, _ := bufio.NewReader(a.In).ReadString('\n')
	if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
		fmt.Fprintln(a.Err, "Kept.")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), p.session.Timeout)
	defer cancel()
	if err := p.session.Client.DeleteServiceAccount(ctx, p.out.Project.ID, acc.ID); err != nil {
		fmt.Fprintf(a.Err, "Not deleted: %s\n", p.session.explainAdminError(err))
		return
	}
	r := provision.Receipt{Action: "deleted", Object: "service_account", ID: acc.ID, Name: acc.Name}
	p.out.Receipts = append(p.out.Receipts, r)
	fmt.Fprintln(a.Out, receiptLine(r))
}
