package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// The admin-key route as plain prompts (Options.Provision): the admin key,
// the plan's fields as questions, the plan (read calls only), a yes before
// anything is made, a receipt line per change as it is made, then Save and
// the new key's checks. The words are the full-screen route's.

// accProv is the admin-key route's state in the accessible run.
type accProv struct {
	opts     *ProvisionOptions
	admin    apikey.Key
	fields   ProvisionFields
	ran      bool // a run made something: it is never run again
	found    []string
	receipts []Receipt
	result   ProvisionResult
	deleted  bool
}

// provisionSteps is how many prompts the route counts ("Step i of N"):
// Admin key, Plan, Create, Save, Check.
const provisionSteps = 5

// provisionPages are the route's pages after Welcome; Save (in
// accessible.go) checks the key once it is saved, as the full screen does.
func (a *accessible) provisionPages() []page {
	a.prov = &accProv{opts: a.opts.Provision, fields: a.opts.Provision.Fields}
	n := provisionSteps
	return []page{
		func() (Outcome, bool, error) { return Outcome{}, false, a.adminKeyPage(1, n) },
		func() (Outcome, bool, error) { return Outcome{}, false, a.planPage(2, n) },
		func() (Outcome, bool, error) { return a.runPage(3, n) },
		func() (Outcome, bool, error) { return a.save(4, n) },
	}
}

// adminKeyPage takes OPENAI_ADMIN_KEY from the environment, offered by its
// fingerprint, or an admin key read without echo.
func (a *accessible) adminKeyPage(i, n int) error {
	po := a.prov.opts
	a.say("")
	a.say("Step %d of %d: Your admin key", i, n)
	if po.Refusal != "" {
		a.say("Refused: %s", sentence(po.Refusal))
		a.say("Nothing was sent. Choose another way on Welcome.")
		return errBack
	}
	a.say("With an admin key (sk-admin-…) openai-setup makes the project, a service account and its API key for you, through the Admin API. Only organization owners can create one, at %s.", po.AdminKeysURL)
	a.say("It stays hidden, is never written to any file, and is shown only as its fingerprint. Nothing is made until you confirm the plan.")
	if po.EnvProblem != "" {
		a.say("Warning: %s", sentence(po.EnvProblem))
	}
	if env := po.EnvKey; !env.IsZero() {
		a.say("OPENAI_ADMIN_KEY in this shell's environment: %s.", env.Fingerprint())
		for {
			ans, err := a.ask("Press Enter to use it, or type p to paste another admin key: ")
			if err != nil {
				return err
			}
			if ans == "" {
				a.prov.admin = env
				return nil
			}
			if strings.EqualFold(ans, "p") {
				break
			}
			a.say("Press Enter, or type p, back or q.")
		}
	}
	return a.pasteAdminKey()
}

// pasteAdminKey reads the admin key without echo until it is one admin key.
func (a *accessible) pasteAdminKey() error {
	m := Model{prov: provisioning{opts: a.prov.opts}}
	for {
		raw, err := a.readPasted("admin key", "openai-setup provision with OPENAI_ADMIN_KEY set", func() {
			a.say("Paste your admin key and press Enter. It is not shown as you type.")
		})
		if err != nil {
			return err
		}
		cleaned := cleanedInput(raw)
		if why := m.adminProblem(cleaned); why != "" {
			a.say("Refused: %s", why)
			continue
		}
		a.say("Got an admin key: %s.", apikey.Fingerprint(cleaned))
		a.prov.admin = apikey.New(cleaned)
		return nil
	}
}

// planPage asks the fields, shows the plan (read calls only) and asks
// before anything is made; n asks the fields again.
func (a *accessible) planPage(i, n int) error {
	p := a.prov
	for {
		a.say("")
		a.say("Step %d of %d: What to make", i, n)
		a.say("With the admin key %s. Press Enter to keep the value in brackets, type another, or type - to leave a field out.", p.admin.Fingerprint())
		f, err := a.askFields(p.fields)
		if err != nil {
			return err
		}
		p.fields = f
		a.say("Reading your organization (nothing is changed)…")
		plan, err := ProvisionPlan{}, errors.New("planning is not available")
		if p.opts.Plan != nil {
			plan, err = p.opts.Plan(a.ctx, p.admin, f)
		}
		if err != nil {
			if a.ctx.Err() != nil {
				return a.ctx.Err()
			}
			a.say("Refused: %s", sentence(err.Error()))
			a.say("Nothing was made. Change a field, or type back to use another admin key.")
			continue
		}
		a.say("What will be made:")
		for _, l := range plan.Lines {
			a.say("  * %s", l)
		}
		for _, l := range plan.Notes {
			a.say("  Note: %s", l)
		}
		a.say("Nothing is made until you say yes. Each change is then listed as it is made.")
		if ok, err := a.yes("Make these? [Y/n]: "); err != nil || ok {
			return err
		}
	}
}

// yes asks a [Y/n] question; n and back say no.
func (a *accessible) yes(prompt string) (bool, error) {
	for {
		ans, err := a.ask(prompt)
		switch {
		case errors.Is(err, errBack), err == nil && strings.EqualFold(ans, "n"):
			return false, nil
		case err != nil:
			return false, err
		case ans == "" || strings.EqualFold(ans, "y"):
			return true, nil
		}
		a.say("Type y or n.")
	}
}

// askFields asks each field with its value in brackets; back goes to the
// previous field, and from the first one to the admin key.
func (a *accessible) askFields(f ProvisionFields) (ProvisionFields, error) {
	vals := []*string{&f.Project, &f.Name, &f.Budget, &f.AlertEmail, &f.Expires}
	names := []string{"Project", "Key name", "Budget (US dollars a month, e.g. 20)", "Alert e-mail (needs a budget)", "Expires (e.g. 90d)"}
	empty := []string{"the folder's name", "none", "none", "none", "never"}
	for i := 0; i < len(vals); {
		ans, err := a.ask(fmt.Sprintf("%s [%s]: ", names[i], orDefault(*vals[i], empty[i])))
		switch {
		case errors.Is(err, errBack) && i == 0:
			return f, errBack
		case errors.Is(err, errBack):
			i--
			continue
		case err != nil:
			return f, err
		case keyShaped.MatchString(ans):
			a.say("That looks like a key, not a name: it was not put in the field.")
			continue
		case ans == "-":
			*vals[i] = ""
		case ans != "":
			*vals[i] = ans
		}
		i++
	}
	return f, nil
}

// runPage makes the changes, printing each as it is made; a run that made
// something is never run again (back from Save comes here).
func (a *accessible) runPage(i, n int) (Outcome, bool, error) {
	p := a.prov
	a.say("")
	if p.ran {
		if p.result.Err == nil {
			a.say("Step %d of %d: Your key %s is made; it is not made twice.", i, n, p.result.Key.Fingerprint())
			return Outcome{}, false, nil
		}
		a.say("Step %d of %d: Not finished", i, n)
		return a.afterFailure()
	}
	a.say("Step %d of %d: Making your key… each change is listed as it is made.", i, n)
	p.found, p.receipts, p.result = nil, nil, ProvisionResult{}
	res := a.makeIt()
	p.result = res
	if res.Err == nil {
		p.ran = true
		a.key, a.unsaved = res.Key, true
		a.say("Your key is made.")
		a.say("New key %s (%s): the API showed it once, and it is not saved yet.", res.Key.Fingerprint(), res.Key.Kind().Label())
		for _, l := range res.Notes {
			a.say("Warning: %s", l)
		}
		return Outcome{}, false, nil
	}
	if a.ctx.Err() != nil {
		return Outcome{}, false, a.ctx.Err()
	}
	a.say("Not finished: %s", sentence(res.Err.Error()))
	if len(p.receipts) == 0 {
		a.say("Nothing was made. Change the plan or the admin key.")
		return Outcome{}, false, errBack
	}
	p.ran = true
	if !res.Key.IsZero() {
		a.key, a.unsaved = res.Key, true
	}
	a.say("What exists now: the receipts above.")
	for _, r := range p.receipts {
		if r.Action == "created" && r.Object == "project" {
			a.say("Projects cannot be deleted, only archived (at %s); making a key again with the same project name reuses it.", p.opts.ProjectsURL)
		}
	}
	return a.afterFailure()
}

// makeIt runs ProvisionOptions.Run, printing each event as it arrives.
func (a *accessible) makeIt() ProvisionResult {
	p := a.prov
	run, admin, f := p.opts.Run, p.admin, p.fields
	st, first := startStream(a.ctx, 1, 16, func(ctx context.Context, send func(provEvent)) {
		res := ProvisionResult{Err: errors.New("making keys is not available")}
		if run != nil {
			res = run(ctx, admin, f, func(e ProvisionEvent) { send(provEvent{event: e}) })
		}
		send(provEvent{done: true, result: res})
	})
	for msg := first(); ; msg = st.next()() {
		switch m := msg.(type) {
		case streamItem[provEvent]:
			e := m.value
			if e.done {
				return e.result
			}
			if e.event.Found != "" {
				p.found = append(p.found, e.event.Found)
				a.say("  found project %s", e.event.Found)
			}
			if r := e.event.Receipt; r != nil {
				p.receipts = append(p.receipts, *r)
				a.say("  %s", receiptWords(*r))
			}
		case streamEnd[provEvent]:
			return ProvisionResult{Err: errors.New("the run stopped before it said how it ended")}
		}
	}
}

// receiptWords is one change as a line: "created project myapp (proj_1)".
func receiptWords(r Receipt) string {
	return r.Action + " " + r.Object + " " + r.Name + " (" + r.ID + ")"
}

// afterFailure offers what the full screen does after a failed run that
// made something: delete the service account, save the key anyway, quit.
func (a *accessible) afterFailure() (Outcome, bool, error) {
	p := a.prov
	for {
		del := p.result.AccountID != "" && !p.deleted && p.opts.Delete != nil
		save := !a.key.IsZero()
		var opts []string
		if del {
			a.say("The service account %s holds the key %s, saved nowhere.", p.result.AccountName, p.result.Key.Fingerprint())
			opts = append(opts, "d to delete it (its key stops working)")
		}
		if save {
			opts = append(opts, "s to save the key anyway")
		}
		if len(opts) == 0 {
			a.say("")
			a.say("No key was saved: what exists now is in the receipts above.")
			return Outcome{Quit: true}, true, nil
		}
		ans, err := a.ask("Type " + strings.Join(opts, ", ") + ", or q to quit: ")
		if err != nil && !errors.Is(err, errBack) {
			return Outcome{}, false, err
		}
		switch {
		case err == nil && del && strings.EqualFold(ans, "d"):
			a.deleteAccount()
			continue
		case err == nil && save && strings.EqualFold(ans, "s"):
			return Outcome{}, false, nil
		}
		a.say("Type one of the letters, or q.")
	}
}

// deleteAccount deletes the service account the failed run made.
func (a *accessible) deleteAccount() {
	p := a.prov
	a.say("Deleting the service account %s…", p.result.AccountName)
	r, err := p.opts.Delete(a.ctx, p.admin, p.result.ProjectID, p.result.AccountID)
	if err != nil {
		a.say("Not deleted: %s", sentence(err.Error()))
		return
	}
	p.receipts = append(p.receipts, r)
	p.deleted = true
	a.say("  %s", receiptWords(r))
	a.say("The service account %s is deleted: its key no longer works.", p.result.AccountName)
	// The key stopped working with its service account: nothing to save.
	a.key, a.unsaved = apikey.Key{}, false
}

// provisionChecks checks the new key once it is saved (step i of n), as
// the full screen does, and returns the failures. A quit here only skips
// the checks: the key is saved.
func (a *accessible) provisionChecks(i, n int) []checks.Result {
	a.say("")
	a.say("Step %d of %d: Check it against the API.", i, n)
	a.results = nil
	free := false
	if a.opts.RunFreeChecks != nil && !a.opts.NoSpend {
		a.say("One check (model access) sends the smallest real request, which costs under a cent; the others are free.")
		for {
			ans, err := a.ask("Press Enter to run every check, or type n to run them without the paid one: ")
			if errors.Is(err, errBack) {
				a.say("The key is saved; press Enter or type n.")
				continue
			}
			if err != nil {
				a.say("Checks skipped.")
				return nil
			}
			if ans == "" || strings.EqualFold(ans, "n") {
				free = ans != ""
				break
			}
			a.say("Press Enter, or type n or q.")
		}
	}
	run := a.prov.opts.RunChecks
	if run == nil {
		return nil
	}
	a.say("Checking %s against the API…", a.key.Fingerprint())
	want := map[string]bool{}
	for _, s := range a.opts.Checks {
		want[s.ID] = true
	}
	key := a.key
	st, first := startStream(a.ctx, 1, len(a.opts.Checks)+16, func(ctx context.Context, send func(provCheck)) {
		run(ctx, key, free,
			func(r checks.Result) { send(provCheck{result: r, isResult: true}) },
			func(w string) { send(provCheck{wait: w}) })
	})
	for msg := first(); ; msg = st.next()() {
		switch m := msg.(type) {
		case streamItem[provCheck]:
			switch c := m.value; {
			case c.isResult && (len(want) == 0 || want[c.result.ID]):
				a.results = append(a.results, c.result)
				a.sayResult(c.result)
			case !c.isResult && c.wait != "":
				a.say("Warning: %s", c.wait)
			}
		case streamEnd[provCheck]:
			return a.failures()
		}
	}
}

// provisionQuit ends the route with the new key saved nowhere: what was
// made is listed, as the full screen's quit does.
func (a *accessible) provisionQuit() Outcome {
	a.say("Quit without saving the new key %s. The API showed it once: it is lost now, and what was made stays:", a.key.Fingerprint())
	for _, f := range a.prov.found {
		a.say("  found project %s", f)
	}
	for _, r := range a.prov.receipts {
		a.say("  %s", receiptWords(r))
	}
	return Outcome{Quit: true, QuitUnsaved: true}
}
