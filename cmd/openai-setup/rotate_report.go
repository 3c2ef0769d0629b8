package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/rotate"
)

// rotateJSON is rotate --json's document, schema version 1. Add fields;
// never rename or remove one without bumping schema_version.
type rotateJSON struct {
	SchemaVersion int               `json:"schema_version"`
	OK            bool              `json:"ok"`
	DryRun        bool              `json:"dry_run"`
	Error         string            `json:"error,omitempty"` // no_key, same_key, new_key_failed, replace_failed, still_valid, unknown, interrupted
	OldKey        *rotateOldKeyJSON `json:"old_key,omitempty"`
	Places        struct {
		Dotenv      []rotatePlaceJSON `json:"dotenv"`
		Startup     []rotatePlaceJSON `json:"startup"`
		Environment []string          `json:"environment"`
		Others      []rotatePlaceJSON `json:"others"` // a different key: not touched
	} `json:"places"`
	NewKey     *rotateNewKeyJSON     `json:"new_key,omitempty"`
	Files      []rotateFileJSON      `json:"files"`
	History    *jsonCheck            `json:"history,omitempty"`
	Revocation *rotateRevocationJSON `json:"revocation,omitempty"`
}

type rotateOldKeyJSON struct {
	Fingerprint string         `json:"fingerprint"`
	State       rotate.Outcome `json:"state"` // before the rotation: revoked, still_valid, unknown
	Check       *jsonCheck     `json:"check,omitempty"`
}

type rotateNewKeyJSON struct {
	Fingerprint string      `json:"fingerprint"`
	Checks      []jsonCheck `json:"checks"`
}

type rotateRevocationJSON struct {
	URL      string `json:"url"`
	Waited   bool   `json:"waited"`
	Outcome  string `json:"outcome"` // revoked, still_valid, unknown, already_revoked, not_waited
	Attempts int    `json:"attempts,omitempty"`
	Note     string `json:"note,omitempty"`
}

type rotatePlaceJSON struct {
	Path        string `json:"path,omitempty"`
	Line        int    `json:"line,omitempty"`
	Name        string `json:"name,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Tracked     bool   `json:"tracked,omitempty"`
	Dynamic     bool   `json:"dynamic,omitempty"`
}

type rotateFileJSON struct {
	Path    string       `json:"path"`
	Tracked bool         `json:"tracked"`
	Written bool         `json:"written"`
	Error   string       `json:"error,omitempty"`
	Changes []lineChange `json:"changes"`
}

// rotatePrinter prints rotate's steps as they happen (text), or collects
// them into one JSON document. Every line goes through scrub with both keys.
type rotatePrinter struct {
	a         *app
	w         io.Writer
	json      bool
	open      bool // open dashboard pages in a browser (interactive runs)
	s         reportStyles
	keys      []apikey.Key
	doc       rotateJSON
	step      int
	planShown bool // the interactive plan already listed the line changes
}

func newRotatePrinter(a *app, jsonOut bool) *rotatePrinter {
	rp := &rotatePrinter{a: a, json: jsonOut, s: newReportStyles()}
	rp.w = a.styled(a.Out, a.OutTTY)
	if jsonOut {
		rp.w = io.Discard
	}
	rp.doc.SchemaVersion = 1
	rp.doc.Places.Dotenv, rp.doc.Places.Startup, rp.doc.Places.Others = []rotatePlaceJSON{}, []rotatePlaceJSON{}, []rotatePlaceJSON{}
	rp.doc.Places.Environment, rp.doc.Files = []string{}, []rotateFileJSON{}
	return rp
}

func (rp *rotatePrinter) scrub(s string) string { return apikey.Scrub(s, rp.keys...) }

// line prints one indented, scrubbed line.
func (rp *rotatePrinter) line(format string, args ...any) {
	fmt.Fprintln(rp.w, "   "+rp.scrub(fmt.Sprintf(format, args...)))
}

func (rp *rotatePrinter) heading(title string) {
	rp.step++
	if rp.step > 1 {
		fmt.Fprintln(rp.w)
	}
	fmt.Fprintln(rp.w, rp.s.heading.Render(fmt.Sprintf("%d. %s", rp.step, title)))
}

func (rp *rotatePrinter) fail(msg string) {
	fmt.Fprintln(rp.w)
	fmt.Fprintln(rp.w, rp.s.fail.Render("[✗] ")+rp.scrub(msg))
}

// finish writes the JSON document (when asked) and passes err through.
func (rp *rotatePrinter) finish(err error) error {
	if !rp.json {
		return err
	}
	rp.doc.OK = err == nil
	if werr := writeJSON(rp.a.Out, rp.doc); werr != nil {
		return werr
	}
	return err
}

// where names a place for people: see placeName.
func (rp *rotatePrinter) where(path string, line int) string { return placeName(rp.a, path, line) }

// para prints one scrubbed paragraph, indented, wrapped to the terminal.
func (rp *rotatePrinter) para(text string) {
	fmt.Fprintln(rp.w, "   "+wrapIndent(rp.scrub(text), 3, 3, rp.a.termWidth()))
}

func (rp *rotatePrinter) check(r checks.Result) {
	fmt.Fprintf(rp.w, "   %s %s  %s\n", rp.s.mark(r.Status), rp.s.id.Render(r.ID), rp.scrub(r.Summary))
	if r.Status == checks.Fail || r.Status == checks.Warn {
		if r.Fix != "" {
			rp.line("      fix: %s", r.Fix)
		}
	}
}

func toJSONCheck(r checks.Result, scrub func(string) string) jsonCheck {
	c := jsonCheck{ID: r.ID, Status: r.Status, Code: string(r.Code), Summary: scrub(r.Summary), Fix: scrub(r.Fix),
		URL: r.URL, RequestID: r.RequestID, DurationMS: r.Duration.Milliseconds(), Findings: r.Findings}
	for _, d := range r.Detail {
		c.Detail = append(c.Detail, scrub(d))
	}
	return c
}

func (rp *rotatePrinter) stepPlaces(inv discover.Inventory, p rotate.Places) {
	old := p.Old
	label := "the key apps here use"
	if ks := inv.KeySource; ks == nil || !old.Equal(apikey.New(cleanedValue(ks.Value))) {
		label = "chosen with --old"
	}
	fmt.Fprintf(rp.w, "Rotating %s (%s)\n\n", old.Fingerprint(), label)
	rp.heading("Where the current key is")
	for _, f := range p.Files {
		for _, l := range f.Lines {
			note := ""
			if f.Tracked {
				note = "  (git tracks this file: needs --force)"
			}
			rp.line("%-24s %s=%s%s", rp.where(l.Path, l.Line), l.Name, old.Fingerprint(), note)
			rp.doc.Places.Dotenv = append(rp.doc.Places.Dotenv, rotatePlaceJSON{Path: l.Path, Line: l.Line, Name: l.Name, Fingerprint: old.Fingerprint(), Tracked: f.Tracked})
		}
	}
	for _, l := range p.Startup {
		what := l.Name + "=" + old.Fingerprint()
		switch {
		case l.Dynamic:
			what = l.Name + "=$(…)  (computed: the environment's old key likely comes from here)"
		case l.Name == "":
			what = "a line holding " + old.Fingerprint()
		}
		rp.line("%-24s %s  (shell start-up file: you edit it, step 5)", rp.where(l.Path, l.Line), what)
		rp.doc.Places.Startup = append(rp.doc.Places.Startup, rotatePlaceJSON{Path: l.Path, Line: l.Line, Name: l.Name, Fingerprint: old.Fingerprint(), Dynamic: l.Dynamic})
	}
	for _, n := range p.Environment {
		rp.line("%-24s %s=%s  (this shell's environment)", "environment", n, old.Fingerprint())
		rp.doc.Places.Environment = append(rp.doc.Places.Environment, n)
	}
	for _, s := range p.Others {
		w := "environment"
		if s.Path != "" {
			w = rp.where(s.Path, s.Line)
		}
		rp.line("%-24s %s=%s  (a different key: not touched)", w, s.Name, s.Value.Fingerprint())
		rp.doc.Places.Others = append(rp.doc.Places.Others, rotatePlaceJSON{Path: s.Path, Line: s.Line, Name: s.Name, Fingerprint: s.Value.Fingerprint()})
	}
	if len(p.Files) == 0 {
		rp.line("No .env file here holds it: nothing for rotate to write (it looks in .env, .env.local and .env.development from here up to the git root).")
	}
	rp.doc.OldKey = &rotateOldKeyJSON{Fingerprint: old.Fingerprint(), State: rotate.Unknown}
}

func cleanedValue(k apikey.Key) string {
	c, _ := apikey.Clean(k.Reveal())
	return c
}

func (rp *rotatePrinter) stepOldSkipped() {
	rp.heading("Is the current key still working?")
	rp.line("not checked (--skip-checks)")
}

func (rp *rotatePrinter) stepOld(auth checks.Result, state rotate.Outcome) {
	rp.heading("Is the current key still working?")
	rp.check(auth)
	c := toJSONCheck(auth, rp.scrub)
	rp.doc.OldKey.Check, rp.doc.OldKey.State = &c, state
	switch state {
	case rotate.StillValid:
		rp.line("It still works: it keeps working until you revoke it in step 7, so nothing breaks in between.")
	case rotate.Revoked:
		rp.line("The API already rejects it: it was revoked, or OpenAI disabled it after finding it leaked")
		rp.line("(look for an \"API Key Disabled\" email). Replacing it is exactly what to do: going on.")
	default:
		rp.line("Could not tell whether it still works (see above): going on; the new key is checked next.")
	}
}

func (rp *rotatePrinter) guideCreate(noBrowser bool) {
	rp.open = !noBrowser
	rp.heading("The new key")
	rp.line("Create it at %s: \"Create new secret key\", in the same project as the old one,", rotate.KeysURL)
	rp.line("named so you will recognise it later (e.g. myapp-%s). It is shown once: copy it.", time.Now().Format("2006-01"))
	rp.openPage(rotate.KeysURL)
	fmt.Fprintln(rp.w)
}

func (rp *rotatePrinter) openPage(url string) {
	if !rp.open {
		return
	}
	if err := rp.a.OpenURL(url); err != nil {
		rp.line("(%v)", err)
	}
}

func (rp *rotatePrinter) stepNew(rep checks.Report, key apikey.Key) {
	if rp.step < 3 {
		rp.heading("The new key")
	}
	rp.line("%s, from standard input", key.Fingerprint())
	checksJSON := []jsonCheck{}
	for _, r := range rep.Results {
		rp.check(r)
		checksJSON = append(checksJSON, toJSONCheck(r, rp.scrub))
	}
	rp.doc.NewKey = &rotateNewKeyJSON{key.Fingerprint(), checksJSON}
}

func (rp *rotatePrinter) stepReplace(p rotate.Places, results []rotate.FileResult, err error, o *rotateOptions) {
	title := "Replacing the key in .env files"
	if o.DryRun {
		title = "Dry run: these lines would change (nothing written)"
	}
	if !rp.planShown {
		rp.heading(title)
	}
	if len(results) == 0 && err == nil {
		rp.line("No .env file holds the old key: nothing to write.")
	}
	for _, r := range results {
		fj := rotateFileJSON{Path: r.Path, Tracked: r.Tracked, Written: r.Written, Changes: []lineChange{}}
		for _, c := range r.Changes {
			lc := toLineChange(rp.where(r.Path, 0), c)
			fj.Changes = append(fj.Changes, lc)
			if !rp.planShown {
				rp.line("%s", lc.String())
			}
		}
		if r.Err != nil {
			fj.Error = rp.scrub(fileErrorText(rp.a, r, " or pass --force"))
			fmt.Fprintln(rp.w, "   "+rp.s.fail.Render("[✗] ")+fj.Error)
		}
		rp.doc.Files = append(rp.doc.Files, fj)
	}
	switch {
	case err != nil && errors.Is(err, rotate.ErrRefused):
		rp.fail("Nothing was written: every file is planned before any is changed, and the file(s) above were refused. The old key is still in place everywhere; do not revoke it yet.")
	case err != nil:
		var done []string
		for _, r := range results {
			if r.Written {
				done = append(done, rp.where(r.Path, 0))
			}
		}
		rp.fail(fmt.Sprintf("Only some files were updated (%s hold the new key); the [✗] file(s) still hold the old key. Fix them and run rotate again with --old %s. Do not revoke the old key yet.",
			strings.Join(done, ", "), p.Old.Fingerprint()))
	case !o.DryRun && len(results) > 0:
		var done []string
		for _, r := range results {
			done = append(done, rp.where(r.Path, 0))
		}
		fmt.Fprintln(rp.w, "   "+rp.s.pass.Render("[✓] ")+rp.scrub(fmt.Sprintf("%d file(s) now hold the new key: %s (written atomically; nothing else in them changed)", len(done), strings.Join(done, ", "))))
	}
}

func (rp *rotatePrinter) stepStartup(p rotate.Places, newKey apikey.Key) {
	rp.heading("Shell start-up files and this shell")
	todo := startupTodo(rp.a, p, newKey.Fingerprint())
	if len(todo) == 0 {
		rp.line("None holds the old key: nothing to do.")
	}
	for _, t := range todo {
		rp.para(t)
	}
	if len(p.Startup) > 0 {
		rp.para("rotate cannot edit these for you: a program cannot change its parent shell, and a start-up file is yours.")
	}
}

func (rp *rotatePrinter) stepHistory(r checks.Result) {
	rp.heading("Git history")
	c := toJSONCheck(r, rp.scrub)
	rp.doc.History = &c
	advice := historyAdvice(r)
	for _, p := range advice {
		rp.para(p)
	}
	switch {
	case len(advice) > 0:
	case r.Status == checks.Skip:
		rp.line("%s", r.Summary)
	case r.Status == checks.Pass:
		rp.line("The old key is in no commit: %s.", r.Summary)
	default:
		rp.check(r)
	}
}

func (rp *rotatePrinter) revocation(outcome string, waited bool, note string) {
	rp.doc.Revocation = &rotateRevocationJSON{URL: rotate.KeysURL, Waited: waited, Outcome: outcome, Note: note}
}

func (rp *rotatePrinter) stepRevokeDryRun(old apikey.Key) {
	rp.heading("Revoke the old key")
	rp.line("Dry run: do not revoke %s yet. Run rotate without --dry-run; it then guides the revocation.", old.Fingerprint())
	rp.revocation("not_waited", false, "dry run")
}

func (rp *rotatePrinter) stepRevokeAlready(old apikey.Key) {
	rp.heading("Revoke the old key")
	rp.line("Nothing to do: the API already rejects %s (step 2).", old.Fingerprint())
	rp.line("If you did not revoke it yourself, check your email for an \"API Key Disabled\" notice and look at")
	rp.line("%s for other keys that may have leaked the same way.", rotate.KeysURL)
	rp.revocation("already_revoked", false, "")
	rp.done(old, "the old key was already rejected")
}

func (rp *rotatePrinter) stepRevokeGuide(old apikey.Key, p rotate.Places) {
	rp.heading("Revoke the old key")
	rp.line("Every .env that held it now has the new key, so revoking it breaks nothing that reads them.")
	if len(p.Environment) > 0 {
		rp.line("(Apps started from this shell still use the old key until you open a new terminal: step 5.)")
	}
	for _, p := range revokeSteps(old) {
		rp.para(p)
	}
	rp.openPage(rotate.KeysURL)
}

func (rp *rotatePrinter) stepNoWait(old apikey.Key, why string) {
	rp.line("Not waiting for the revocation (%s). Once you revoked %s, this checks it (api.auth must", why, old.Fingerprint())
	rp.line("fail with invalid_api_key; nothing is saved):  printf '%%s' \"$OLD_KEY\" | openai-setup --with-key --dry-run --no-spend")
	rp.revocation("not_waited", false, why)
	rp.done(old, "revoke the old key now")
}

// wait polls the old key, showing a count-down on a terminal and one line
// per poll otherwise (stderr, so stdout stays the report).
func (rp *rotatePrinter) wait(ctx context.Context, req checks.APIRequest, interval, wait time.Duration) (rotate.Outcome, error) {
	rp.line("Waiting up to %s for the API to reject it (checking every %s; Ctrl+C stops waiting, the new key is saved).", roundWait(wait), roundWait(interval))
	tty := errIsTerminal(rp.a)
	var mu sync.Mutex
	var last rotate.Poll
	deadline := time.Now().Add(wait)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if tty {
		wg.Go(func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				mu.Lock()
				state := pollWords(last.State, last.Attempt)
				mu.Unlock()
				fmt.Fprintf(rp.a.Err, "\r\033[K   waiting for the revocation: %s left · %s", clock(time.Until(deadline)), state)
				select {
				case <-stop:
					fmt.Fprint(rp.a.Err, "\r\033[K")
					return
				case <-t.C:
				}
			}
		})
	}
	attempts := 0
	outcome, err := rotate.WaitRevoked(ctx, req, interval, wait, func(p rotate.Poll) {
		mu.Lock()
		last, attempts = p, p.Attempt
		mu.Unlock()
		if !tty {
			fmt.Fprintf(rp.a.Err, "openai-setup: check %d of the old key: %s (%s left)\n", p.Attempt, pollWords(p.State, 0), clock(p.Remaining))
		}
	})
	close(stop)
	wg.Wait()
	rp.revocation(string(outcome), true, "")
	rp.doc.Revocation.Attempts = attempts
	return outcome, err
}

func pollWords(state rotate.Outcome, attempt int) string {
	prefix := ""
	if attempt > 0 {
		prefix = fmt.Sprintf("check %d: ", attempt)
	}
	switch state {
	case rotate.StillValid:
		return prefix + "still works"
	case rotate.Revoked:
		return prefix + "rejected (revoked)"
	case "":
		return "checking…"
	}
	return prefix + "no clear answer (network?)"
}

// roundWait shows a duration to the second, or as is below one.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return d
	}
	return d.Round(time.Second)
}

func clock(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func (rp *rotatePrinter) stepWaitInterrupted(old apikey.Key) {
	rp.doc.Error = "interrupted"
	fmt.Fprintln(rp.w)
	rp.line("Stopped waiting. The .env files already hold the new key; revoke %s at %s if you have not.", old.Fingerprint(), rotate.KeysURL)
}

func (rp *rotatePrinter) stepOutcome(old apikey.Key, outcome rotate.Outcome, wait time.Duration) {
	switch outcome {
	case rotate.Revoked:
		fmt.Fprintln(rp.w, "   "+rp.s.pass.Render("[✓] ")+rp.scrub("Revoked: the API now rejects the old key "+old.Fingerprint()+" (invalid_api_key)."))
		rp.done(old, "the old key is revoked")
	case rotate.StillValid:
		rp.doc.Error = "still_valid"
		rp.fail(fmt.Sprintf("The old key %s still works after %s: revoke it now at %s. Until then anyone holding it can use it. The .env files already hold the new key.",
			old.Fingerprint(), roundWait(wait), rotate.KeysURL))
	default:
		rp.doc.Error = "unknown"
		rp.fail(fmt.Sprintf("Could not tell whether %s is revoked: the API gave no clear answer (network trouble?). Check that it is gone at %s.", old.Fingerprint(), rotate.KeysURL))
	}
}

func (rp *rotatePrinter) done(old apikey.Key, how string) {
	if rp.doc.NewKey == nil {
		return
	}
	n := 0
	for _, f := range rp.doc.Files {
		if f.Written {
			n++
		}
	}
	fmt.Fprintln(rp.w)
	fmt.Fprintln(rp.w, rp.s.pass.Render("Rotated: ")+rp.scrub(fmt.Sprintf("%s replaces %s in %d file(s); %s.", rp.doc.NewKey.Fingerprint, old.Fingerprint(), n, how)))
}

// stepPlan shows the line changes before asking to write them; stepReplace
// then reports only the outcome under the same heading.
func (rp *rotatePrinter) stepPlan(plan []rotate.FileResult) {
	rp.heading("Replacing the key in .env files")
	for _, r := range plan {
		for _, c := range r.Changes {
			rp.line("%s", toLineChange(rp.where(r.Path, 0), c).String())
		}
	}
	rp.planShown = true
}
