package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/provision"
	"github.com/setupkit/openai-setup/rotate"
)

// textSink prints rotate's steps as they happen, numbered. Every line goes
// through scrub with both keys.
type textSink struct {
	a           *app
	o           *rotateOptions
	w           io.Writer
	s           reportStyles
	sess        *rotate.Session
	keys        []apikey.Key
	newKey      apikey.Key
	step        int
	open        bool // open dashboard pages in a browser (the key is typed at a terminal)
	planShown   bool // the plan already listed the line changes
	written     []string
	rev         rotate.Revocation
	deleted     *rotate.Receipt // what --revoke deleted
	made        *rotate.Created // what --create-key made
	replacedAll bool            // every .env holding the old key holds the new one
	waiting     bool
	countdown   *countdown
}

func newTextSink(o *rotateOptions) *textSink {
	return &textSink{a: o.app, o: o, w: o.app.styled(o.app.Out, o.app.OutTTY), s: newReportStyles()}
}

// scrub takes both keys out of s and makes what is left safe for the
// terminal: paths, .env text and server messages are outside text.
func (t *textSink) scrub(s string) string { return termtext.Safe(apikey.Scrub(s, t.keys...)) }

// line prints one indented, scrubbed line.
func (t *textSink) line(format string, args ...any) {
	fmt.Fprintln(t.w, "   "+t.scrub(fmt.Sprintf(format, args...)))
}

// para prints one scrubbed paragraph, indented, wrapped to the terminal.
func (t *textSink) para(text string) { t.markedPara("", text) }

// markedPara is para after a styled mark, which is ours and not scrubbed.
func (t *textSink) markedPara(mark, text string) {
	fmt.Fprintln(t.w, "   "+mark+wrapIndent(t.scrub(text), 3+ansi.StringWidth(mark), 3, t.a.termWidth()))
}

func (t *textSink) heading(title string) {
	t.step++
	if t.step > 1 {
		fmt.Fprintln(t.w)
	}
	fmt.Fprintln(t.w, t.s.heading.Render(fmt.Sprintf("%d. %s", t.step, title)))
}

func (t *textSink) mark(ok bool, text string) {
	m := t.s.fail.Render("[✗] ")
	if ok {
		m = t.s.pass.Render("[✓] ")
	}
	fmt.Fprintln(t.w, "   "+m+t.scrub(text))
}

func (t *textSink) check(r checks.Result) {
	fmt.Fprintf(t.w, "   %s %s  %s\n", t.s.mark(r.Status), t.s.id.Render(r.ID), t.scrub(r.Summary))
	if (r.Status == checks.Fail || r.Status == checks.Warn) && r.Fix != "" {
		t.line("      fix: %s", r.Fix)
	}
}

// newFP is the new key's fingerprint, or a placeholder before it is known.
func (t *textSink) newFP() string {
	if t.newKey.IsZero() {
		return "the new key"
	}
	return t.newKey.Fingerprint()
}

func (t *textSink) where(path string, line int) string { return placeName(t.a, path, line) }

func (t *textSink) openPage(url string) {
	if !t.open {
		return
	}
	if err := t.a.OpenURL(url); err != nil {
		t.line("(%v)", err)
	}
}

func (t *textSink) began(s *rotate.Session) {
	t.sess = s
	t.keys = append(t.keys, s.Old())
	fmt.Fprintf(t.w, "Rotating %s (%s)\n\n", s.Old().Fingerprint(), oldKeyLabel(s))
	t.heading("Where the current key is")
	for _, p := range placeRows(t.a, s.Places()) {
		t.line("%-24s %s", p.where, p.what)
	}
	switch {
	case len(s.Places().Files) == 0 && len(s.Places().Unread) > 0:
		t.line("No .env file rotate could read holds it: nothing for rotate to write; the file(s) not read whole above may still hold it.")
	case len(s.Places().Files) == 0:
		t.line("No .env file here holds it: nothing for rotate to write (it looks in .env, .env.local and .env.development from here up to the git root).")
	}
}

func (t *textSink) oldChecked(c rotate.OldCheck, skipped bool) {
	t.heading("Is the current key still working?")
	if skipped {
		t.line("not checked (--skip-checks)")
		return
	}
	t.check(c.Auth)
	switch c.State {
	case rotate.KeyValid:
		t.line("It still works: it keeps working until you revoke it in step 7, so nothing breaks in between.")
	case rotate.KeyRevoked:
		t.line("The API already rejects it: it was revoked, or OpenAI disabled it after finding it leaked")
		t.line("(look for an \"API Key Disabled\" email). Replacing it is exactly what to do: going on.")
	default:
		t.line("Could not tell whether it still works (see above): going on; the new key is checked next.")
	}
}

func (t *textSink) createGuide() {
	t.open = !t.o.NoBrowser
	t.heading("The new key")
	t.line("Create it at %s: \"Create new secret key\", in the same project as the old one,", rotate.KeysURL)
	t.line("named so you will recognise it later (e.g. myapp-%s). It is shown once: copy it.", time.Now().Format("2006-01"))
	t.openPage(rotate.KeysURL)
	fmt.Fprintln(t.w)
}

func (t *textSink) created(c rotate.Created, err error) {
	t.heading("The new key")
	if err != nil {
		return // end says why nothing was made
	}
	t.made = &c
	t.keys = append(t.keys, c.Key)
	t.line("%s", receiptLine(madeReceipt(c)))
	t.line("in project %q (%s), the old key's project, through the Admin API", c.Project.Name, c.Project.ID)
}

func (t *textSink) newChecked(key apikey.Key, rep checks.Report) {
	t.keys, t.newKey = append(t.keys, key), key
	if t.step < 3 {
		t.heading("The new key")
	}
	if t.made != nil {
		t.line("%s (%s): its key, shown once by the API and never printed here", key.Fingerprint(), key.Kind().Label())
	} else {
		t.line("%s, from standard input", key.Fingerprint())
	}
	for _, r := range rep.Results {
		t.check(r)
	}
}

func (t *textSink) rechecked(baseURL string, rep checks.Report) {
	t.line("Checked again at the regional host %s (%s):", baseURL, setBaseURLFlag)
	for _, r := range rep.Results {
		t.check(r)
	}
}

func (t *textSink) note(text string) { t.markedPara(t.s.warn.Render("[!] "), text) }

func (t *textSink) extraPlanned(what string, changes []lineChange) {
	t.line("Dry run: %s would be written too:", what)
	for _, c := range changes {
		t.line("%s", c.String())
	}
}

func (t *textSink) extraWritten(what string, changes []lineChange, err error) {
	for _, c := range changes {
		t.line("%s", c.String())
	}
	if err != nil {
		t.mark(false, fmt.Sprintf("%s not written: %v (the key is in place)", what, err))
		return
	}
	t.mark(true, what+" written")
}

func (t *textSink) leakUsage(line string, ok bool) {
	if ok {
		t.para(line)
		return
	}
	t.note(line)
}

func (t *textSink) planned(plan []rotate.FileResult) {
	t.heading("Replacing the key in .env files")
	for _, r := range plan {
		for _, c := range r.Changes {
			t.line("%s", toLineChange(t.where(r.Path, 0), c).String())
		}
	}
	t.planShown = true
}

func (t *textSink) replaced(results []rotate.FileResult, err error) {
	if !t.planShown {
		title := "Replacing the key in .env files"
		if t.o.DryRun {
			title = "Dry run: these lines would change (nothing written)"
		}
		t.heading(title)
		switch {
		case len(results) == 0 && err == nil && len(t.sess.Places().Unread) > 0:
			t.line("No .env file rotate could read holds the old key: nothing to write (see step 5 for the file(s) not read whole).")
		case len(results) == 0 && err == nil:
			t.line("No .env file holds the old key: nothing to write.")
		}
	}
	for _, r := range results {
		for _, c := range r.Changes {
			if !t.planShown {
				t.line("%s", toLineChange(t.where(r.Path, 0), c).String())
			}
		}
		if r.Err != nil {
			t.mark(false, fileErrorText(t.a, r, " or pass --force"))
		}
		if r.Written {
			t.written = append(t.written, t.where(r.Path, 0))
		}
		for _, td := range r.Left {
			t.markedPara(t.s.warn.Render("[!] "), todoText(t.a, td, t.sess.Old().Fingerprint(), t.newFP()))
		}
	}
	t.replacedAll = err == nil && !t.o.DryRun
	if err == nil && !t.o.DryRun && len(results) > 0 {
		t.mark(true, fmt.Sprintf("%d file(s) now hold the new key: %s (written atomically; nothing else in them changed)", len(t.written), strings.Join(t.written, ", ")))
	}
}

func (t *textSink) todos(todos []rotate.Todo, newKey apikey.Key) {
	title := "Shell start-up files and this shell"
	if slices.ContainsFunc(todos, func(td rotate.Todo) bool { return td.Kind == rotate.TodoUnread }) {
		title += ", and files rotate could not read"
	}
	t.heading(title)
	if !slices.ContainsFunc(todos, func(td rotate.Todo) bool { return !td.InFile() }) {
		t.line("None holds the old key: nothing to do.")
	}
	startup := false
	for _, td := range todos {
		if td.InFile() {
			continue // said under step 4
		}
		t.para(todoText(t.a, td, t.sess.Old().Fingerprint(), newKey.Fingerprint()))
		startup = startup || td.Kind != rotate.TodoEnvironment && td.Kind != rotate.TodoUnread
	}
	if startup {
		t.para("rotate cannot edit these for you: a program cannot change its parent shell, and a start-up file is yours.")
	}
}

func (t *textSink) history(r checks.Result) {
	t.heading("Git history")
	advice := historyAdvice(r)
	for _, p := range advice {
		t.para(p)
	}
	switch {
	case len(advice) > 0:
	case r.Status == checks.Skip:
		t.line("%s", r.Summary)
	case r.Status == checks.Pass:
		t.line("The old key is in no commit: %s.", r.Summary)
	default:
		t.check(r)
	}
}

// receiptWords name what --revoke deletes.
var receiptWords = map[string]string{rotate.DeletedKey: "project API key", rotate.DeletedServiceAccount: "service account"}

func (t *textSink) revokedByAPI(r rotate.Receipt, err error) {
	t.heading("Revoke the old key")
	if err != nil {
		return // end says why nothing was deleted
	}
	t.deleted = &r
	t.line("Deleted through the Admin API: %s.", receiptText(r))
}

func (t *textSink) revokeGuide() {
	t.heading("Revoke the old key")
	if n := len(t.sess.Places().Unread); n > 0 {
		t.para(fmt.Sprintf("Every .env rotate could read that held it now has the new key; %d file(s) could not be read whole and may still hold it (step 5): check them before you revoke it.", n))
	} else {
		t.line("Every .env that held it now has the new key, so revoking it breaks nothing that reads them.")
	}
	if len(t.sess.Places().Environment) > 0 {
		t.line("(Apps started from this shell still use the old key until you open a new terminal: step 5.)")
	}
	t.line("Before you revoke it, put the new key where rotate cannot look:")
	for _, u := range unseenPlaces {
		t.line("  [ ] %s", u)
	}
	for _, p := range revokeSteps(t.sess.Old()) {
		t.para(p)
	}
	t.openPage(rotate.KeysURL)
}

func (t *textSink) notWaiting(rev rotate.Revocation, why string) {
	t.rev = rev
	old := t.sess.Old().Fingerprint()
	switch {
	case rev == rotate.RevokedAlready:
		t.heading("Revoke the old key")
		t.line("Nothing to do: the API already rejects %s (step 2).", old)
		t.line("If you did not revoke it yourself, check your email for an \"API Key Disabled\" notice and look at")
		t.line("%s for other keys that may have leaked the same way.", rotate.KeysURL)
	case t.o.DryRun:
		t.heading("Revoke the old key")
		t.line("Dry run: do not revoke %s yet. Run rotate without --dry-run; it then guides the revocation.", old)
	default:
		t.line("Not waiting for the revocation (%s). Once you revoked %s, this checks it (api.auth must", why, old)
		t.line("fail with invalid_api_key; nothing is saved):  printf '%%s' \"$OLD_KEY\" | openai-setup --with-key --dry-run --no-spend")
	}
}

func (t *textSink) waitStarted(interval, wait time.Duration) {
	t.waiting = true
	t.line("Waiting up to %s for the API to reject it (checking every %s; Ctrl+C stops waiting, the new key is saved).", roundWait(wait), roundWait(interval))
	if errIsTerminal(t.a) {
		t.countdown = startCountdown(t.a.Err, time.Now().Add(wait))
	}
}

func (t *textSink) polled(p rotate.Poll) {
	if t.countdown != nil {
		t.countdown.set(p)
		return
	}
	fmt.Fprintf(t.a.Err, "openai-setup: check %d of the old key: %s (%s left)\n", p.Attempt, pollWords(p, false), clock(p.Remaining))
}

func (t *textSink) waitEnded(rev rotate.Revocation) {
	t.rev = rev
	if t.countdown != nil {
		t.countdown.stop()
		t.countdown = nil
	}
	if rev == rotate.RevokedNow {
		t.mark(true, "Revoked: the API now rejects the old key "+t.sess.Old().Fingerprint()+" (invalid_api_key).")
	}
}

// end says how the rotation ended: the summary line, or why it stopped.
func (t *textSink) end(err error) error {
	if err == nil {
		t.done()
		return nil
	}
	if errors.Is(err, rotate.ErrInterrupted) && !t.replacedAll {
		fmt.Fprintln(t.w)
		t.line("Interrupted before the .env files were written: the old key %s is still configured.", t.sess.Old().Fingerprint())
	} else if errors.Is(err, rotate.ErrInterrupted) {
		fmt.Fprintln(t.w)
		t.line("Stopped waiting. The .env files already hold the new key; revoke %s at %s if you have not.", t.sess.Old().Fingerprint(), rotate.KeysURL)
	} else if msg := t.failText(err); msg != "" {
		fmt.Fprintln(t.w)
		fmt.Fprintln(t.w, t.s.fail.Render("[✗] ")+t.scrub(msg))
	}
	for _, l := range madeUndo(t.o, t.made, t.replacedAll, t.written) {
		t.para(l)
	}
	return rotateExit(err)
}

// madeUndo says, when a rotation stopped after --create-key made a service
// account and before every file held its key, what exists now and how to
// delete it; nothing otherwise.
func madeUndo(o *rotateOptions, made *rotate.Created, replaced bool, written []string) []string {
	if made == nil || replaced || o.admin == nil {
		return nil
	}
	where := "saved nowhere"
	if len(written) > 0 {
		where = "saved in " + strings.Join(written, ", ")
	}
	return append([]string{"What exists now: " + receiptLine(madeReceipt(*made))},
		serviceAccountUndo(o.admin.Base, made.Project, made.Account, made.Key.Fingerprint(), where)...)
}

// madeReceipt is the receipt of the service account --create-key made.
func madeReceipt(c rotate.Created) provision.Receipt {
	return provision.Receipt{Action: "created", Object: "service_account", ID: c.Account.ID, Name: c.Account.Name}
}

// done is the last line of a rotation that went through.
func (t *textSink) done() {
	how := map[rotate.Revocation]string{rotate.RevokedNow: "the old key is revoked",
		rotate.RevokedAlready: "the old key was already rejected", rotate.NotWaited: "revoke the old key now"}[t.rev]
	if t.o.DryRun || t.newKey.IsZero() {
		return
	}
	if t.deleted != nil && t.rev == rotate.NotWaited {
		how = "the old key was deleted through the Admin API (not confirmed: no wait)"
	}
	if n := len(t.sess.Places().Unread); n > 0 {
		how += fmt.Sprintf("; %d file(s) could not be read and may still hold the old key: check them by hand (step 5)", n)
	}
	fmt.Fprintln(t.w)
	fmt.Fprintln(t.w, t.s.pass.Render("Rotated: ")+t.scrub(fmt.Sprintf("%s replaces %s in %d file(s); %s.", t.newKey.Fingerprint(), t.sess.Old().Fingerprint(), len(t.written), how)))
}

// failText says, in one paragraph, why the rotation stopped at err.
func (t *textSink) failText(err error) string {
	var old string
	if t.sess != nil {
		old = t.sess.Old().Fingerprint()
	}
	switch {
	case errors.Is(err, rotate.ErrNoKey):
		return "No OpenAI key is configured here (environment, .env files up to the git root, shell start-up files), so there is nothing to rotate. To save a key: printf '%s' \"$KEY\" | openai-setup --with-key"
	case errors.Is(err, rotate.ErrSameKey):
		return "The new key is the key being replaced (" + old + "). Create a new secret key at " + rotate.KeysURL + " and pass that one." + otherKeysHint(t.sess)
	case errors.Is(err, rotate.ErrNewKeyFailed):
		return "The new key failed a check, so nothing was changed: fix the [✗] line above and run rotate again. The old key is untouched and still configured."
	case errors.Is(err, rotate.ErrDeclined):
		return "Nothing was changed: the old key is still configured and still works."
	case errors.As(err, new(*refusedError)):
		return err.Error() + ". The old key is still in place everywhere; do not revoke it yet."
	case errors.Is(err, rotate.ErrCreateRefused), errors.Is(err, rotate.ErrCreateFailed):
		return fmt.Sprintf("No new key: %s. Nothing was changed: the old key %s is still configured.", err, old)
	case errors.Is(err, rotate.ErrRefused):
		return "Nothing was written: every file is planned before any is changed, and the file(s) above were refused. The old key is still in place everywhere; do not revoke it yet."
	case errors.Is(err, rotate.ErrPartial):
		return fmt.Sprintf("Only some files were updated (%s hold the new key); the [✗] file(s) still hold the old key. Fix them and run rotate again with --old %s. Do not revoke the old key yet.", strings.Join(t.written, ", "), old)
	case errors.Is(err, rotate.ErrStillValid):
		return fmt.Sprintf("The old key %s still works after %s: revoke it now at %s. Until then anyone holding it can use it. The .env files already hold the new key.", old, roundWait(t.o.Wait), rotate.KeysURL)
	case errors.Is(err, rotate.ErrRevokeRefused): // the reason names the page
		return fmt.Sprintf("Not revoked through the API: %s. The .env files already hold the new key.", err)
	case errors.Is(err, rotate.ErrRevokeFailed):
		return fmt.Sprintf("Not revoked through the API: %s. The .env files already hold the new key; %s works until it is revoked at %s.", err, old, rotate.KeysURL)
	case errors.Is(err, rotate.ErrRevokeUnknown):
		return fmt.Sprintf("Could not tell whether %s is revoked: the API gave no clear answer (network trouble?). Check that it is gone at %s.", old, rotate.KeysURL)
	}
	return ""
}

// countdown redraws "waiting for the revocation: 1:23 left · check 3: still
// works" on a terminal's stderr once a second.
type countdown struct {
	mu   sync.Mutex
	last rotate.Poll
	quit chan struct{}
	wg   sync.WaitGroup
}

func startCountdown(w io.Writer, deadline time.Time) *countdown {
	c := &countdown{quit: make(chan struct{})}
	c.wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			c.mu.Lock()
			state := pollWords(c.last, true)
			c.mu.Unlock()
			fmt.Fprintf(w, "\r\033[K   waiting for the revocation: %s left · %s", clock(time.Until(deadline)), state)
			select {
			case <-c.quit:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	})
	return c
}

func (c *countdown) set(p rotate.Poll) {
	c.mu.Lock()
	c.last = p
	c.mu.Unlock()
}

func (c *countdown) stop() {
	close(c.quit)
	c.wg.Wait()
}
