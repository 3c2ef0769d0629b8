package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/spf13/cobra"
)

// rotateOptions are rotate's flags plus the app it runs in.
type rotateOptions struct {
	app        *app
	WithKey    bool
	Old        string
	DryRun     bool
	Force      bool
	SkipChecks bool
	NoSpend    bool
	JSON       bool
	NoBrowser  bool
	Accessible bool
	BaseURL    string
	Model      string
	Timeout    time.Duration
	Wait       time.Duration
	Interval   time.Duration
}

// newRotateCmd builds `openai-setup rotate`. runF replaces rotateRun in
// flag-parsing tests.
func newRotateCmd(a *app, plainErrors *bool, runF func(*rotateOptions) error) *cobra.Command {
	opts := &rotateOptions{app: a}
	cmd := &cobra.Command{
		Use:   "rotate",
		Short: "Replace the key in every .env that holds it, then confirm the old key is revoked",
		Long: `rotate replaces the OpenAI key in use with a new one, in the order that keeps your apps working and leaves no copy of the old key behind:

  1. find every place the current key is set, as doctor does
  2. check the current key (a revoked or leak-disabled key is fine: replacing it is the fix)
  3. check the new key (pasted in the wizard, or stdin with --with-key; never an argument)
  4. replace the old key in every .env that holds it (in the wizard: the files you tick)
  5. name the shell start-up lines you must edit yourself
  6. say whether the old key is in git history, and how history could be rewritten
  7. guide revoking the old key, then re-test it until the API rejects it (--wait)

In a terminal rotate is a full-screen wizard (esc stops the wait for the revocation); --accessible (or ACCESSIBLE=1, TERM=dumb) asks line by line instead. The key rotated is the one apps here use (the one doctor marks "used"); --old picks another key doctor lists. Keys are only ever shown as fingerprints, like sk-proj-…Ab3d.`,
		Example: `  # scripted: the new key on stdin, wait up to 2 minutes for you to revoke the old one
  pass show openai-new | openai-setup rotate --with-key

  # see what would change, write nothing
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --dry-run

  # replace now, revoke later
  printf '%s' "$NEW_KEY" | openai-setup rotate --with-key --wait 0`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				if len(apikey.FindAll(strings.Join(args, " "))) > 0 {
					return usagef("rotate takes no arguments, and a key must never be one: it is now in your shell history. Pipe the new key in: printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key")
				}
				return usagef("rotate takes no arguments (got %q); the new key is read from standard input", apikey.Scrub(args[0]))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			*plainErrors = opts.JSON
			if runF != nil {
				return runF(opts)
			}
			return rotateRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.WithKey, "with-key", false, "read the new key from standard input (for scripts; no prompt)")
	f.StringVar(&opts.Old, "old", "", "rotate this key instead of the one in use: its fingerprint (sk-proj-…Ab3d) or last four characters")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the line changes, write nothing, do not wait for revocation")
	f.BoolVar(&opts.Force, "force", false, "write .env files even though git tracks them")
	f.BoolVar(&opts.SkipChecks, "skip-checks", false, "make no network call: no key check, no revocation wait")
	f.BoolVar(&opts.NoSpend, "no-spend", false, "make no paid request when checking the new key")
	f.BoolVar(&opts.JSON, "json", false, "print one JSON document on stdout (needs --with-key)")
	f.BoolVar(&opts.NoBrowser, "no-browser", false, "never open a browser; show the links only")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line prompts instead of full-screen (also ACCESSIBLE=1 or TERM=dumb)")
	f.StringVar(&opts.BaseURL, "base-url", "", "API base URL (default $OPENAI_BASE_URL, else "+checks.DefaultBaseURL+")")
	f.StringVar(&opts.Model, "model", checks.DefaultModel, "model to check the new key's access to")
	f.DurationVar(&opts.Timeout, "timeout", checks.DefaultTimeout, "bound on each round of checks")
	f.DurationVar(&opts.Wait, "wait", rotate.DefaultWait, "how long to wait for the old key's revocation; 0 does not wait")
	f.DurationVar(&opts.Interval, "poll-interval", rotate.DefaultInterval, "time between two checks of the old key while waiting")
	_ = f.MarkHidden("poll-interval")
	return cmd
}

// rotateRun runs the seven steps, printing each as it goes (or one JSON
// document at the end). It stops before writing anything when a check on
// the new key fails or a file would be refused, and never guides revoking
// the old key unless every .env holding it has the new one.
func rotateRun(ctx context.Context, o *rotateOptions) error {
	a := o.app
	switch {
	case o.Wait < 0:
		return usagef("--wait must be 0 (do not wait) or positive")
	case o.Interval <= 0:
		return usagef("--poll-interval must be positive")
	case o.Timeout <= 0:
		return usagef("--timeout must be positive")
	case o.JSON && !o.WithKey:
		return usagef("--json goes with --with-key: printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key --json")
	case !o.WithKey && !a.InTTY:
		return usagef("no terminal to ask for the new key: pipe it in with printf '%%s' \"$NEW_KEY\" | openai-setup rotate --with-key")
	}

	rp := newRotatePrinter(a, o.JSON)
	doc := &rp.doc
	doc.DryRun = o.DryRun

	// 1. Where the current key lives.
	inv := discover.Run(discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ})
	old, err := chooseOldKey(inv, o.Old)
	if err != nil {
		return err
	}
	if old.IsZero() {
		rp.fail("No OpenAI key is configured here (environment, .env files up to the git root, shell start-up files), so there is nothing to rotate. To save a key: printf '%s' \"$KEY\" | openai-setup --with-key")
		doc.Error = "no_key"
		return rp.finish(errSilent)
	}
	rp.keys = append(rp.keys, old)
	places := rotate.Find(ctx, inv, old)
	if !o.WithKey && !o.DryRun && a.OutTTY && !plainPrompts(a, o.Accessible) {
		return rotateWizard(ctx, o, inv, places)
	}
	rp.stepPlaces(inv, places)

	// 2. The current key.
	var oldState rotate.Outcome = rotate.Unknown
	var pollReq *checks.APIRequest
	if o.SkipChecks {
		rp.stepOldSkipped()
	} else {
		pr := probeOld(ctx, o, inv, old, false)
		if ctx.Err() != nil {
			return errInterrupted
		}
		oldState, pollReq = pr.state, pr.req
		rp.stepOld(pr.auth, oldState)
	}

	// 3. The new key.
	if !o.WithKey {
		rp.guideCreate(o.NoBrowser)
	}
	newKey, cleaned, err := readKey(a)
	if err != nil {
		return err
	}
	if len(cleaned) > 0 && !o.JSON {
		fmt.Fprintf(a.Err, "openai-setup: removed %s around the new key\n", strings.Join(cleanedWords(cleaned), ", "))
	}
	if newKey.Equal(old) {
		rp.fail("The new key is the key being replaced (" + old.Fingerprint() + "). Create a new secret key at " + rotate.KeysURL + " and pass that one." + otherKeysHint(inv, old))
		doc.Error = "same_key"
		return rp.finish(usageError{errSilent})
	}
	rp.keys = append(rp.keys, newKey)
	only := withKeyChecks
	if o.SkipChecks {
		only = []string{checks.KeyFormat}
	}
	so := &setupOptions{app: a, BaseURL: o.BaseURL, Model: o.Model, NoSpend: o.NoSpend, Timeout: o.Timeout}
	newRep := checks.Run(ctx, so.checkOptions(newKey, only, nil))
	if ctx.Err() != nil {
		return errInterrupted
	}
	rp.stepNew(newRep, newKey)
	if !newRep.OK() {
		rp.fail("The new key failed a check, so nothing was changed: fix the [✗] line above and run rotate again. The old key is untouched and still configured.")
		doc.Error = "new_key_failed"
		return rp.finish(errSilent)
	}

	// 4. Replace in every .env: at a terminal, show the plan and ask first.
	if !o.WithKey && !o.DryRun && len(places.Files) > 0 {
		plan, planErr := rotate.Replace(ctx, places, newKey, rotate.Options{Force: o.Force, DryRun: true})
		if planErr == nil {
			rp.stepPlan(plan)
			if !confirm(a, fmt.Sprintf("Write the new key to these %d file(s)? [Y/n] ", len(places.Files))) {
				rp.fail("Nothing was changed: the old key is still configured and still works.")
				doc.Error = "declined"
				return rp.finish(errSilent)
			}
		}
	}
	results, repErr := rotate.Replace(ctx, places, newKey, rotate.Options{Force: o.Force, DryRun: o.DryRun})
	rp.stepReplace(places, results, repErr, o)
	if repErr != nil {
		doc.Error = "replace_failed"
		return rp.finish(errSilent)
	}

	// 5. Shell start-up files and this shell's environment.
	rp.stepStartup(places, newKey)

	// 6. Git history (local, no network).
	hist := checks.Run(ctx, checks.Options{
		Discover: discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ},
		Key:      old, Timeout: o.Timeout, Only: []string{checks.GitHistory},
	})
	if ctx.Err() != nil {
		return errInterrupted
	}
	rp.stepHistory(resultFor(hist, checks.GitHistory))

	// 7. Revoke the old key and confirm it.
	if o.DryRun {
		rp.stepRevokeDryRun(old)
		return rp.finish(nil)
	}
	if oldState == rotate.Revoked {
		rp.stepRevokeAlready(old)
		return rp.finish(nil)
	}
	rp.stepRevokeGuide(old, places)
	if why := noWaitReason(o, pollReq); why != "" {
		rp.stepNoWait(old, why)
		return rp.finish(nil)
	}
	outcome, err := rp.wait(ctx, *pollReq, o.Interval, o.Wait)
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		rp.stepWaitInterrupted(old)
		_ = rp.finish(nil)
		return errInterrupted
	}
	rp.stepOutcome(old, outcome, o.Wait)
	if outcome != rotate.Revoked {
		return rp.finish(errSilent)
	}
	return rp.finish(nil)
}

// oldProbe is what the API (and, when asked, git history) says about the
// old key, and the request that re-tests it while waiting for its
// revocation (nil when it cannot be sent).
type oldProbe struct {
	auth, history checks.Result
	state         rotate.Outcome
	req           *checks.APIRequest
}

// probeOld checks the old key's authentication, and its git history with
// withHistory, both at once.
func probeOld(ctx context.Context, o *rotateOptions, inv discover.Inventory, old apikey.Key, withHistory bool) oldProbe {
	a := o.app
	only := []string{checks.APIAuth}
	if withHistory {
		only = append(only, checks.GitHistory)
	}
	rep := checks.Run(ctx, checks.Options{
		Discover: discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ},
		Key:      old, BaseURL: o.BaseURL, Timeout: o.Timeout, Client: a.NewClient(o.Timeout),
		Only: only,
	})
	p := oldProbe{auth: resultFor(rep, checks.APIAuth), history: resultFor(rep, checks.GitHistory)}
	p.state = rotate.StateOf(p.auth)
	if p.auth.Status != checks.Skip && rep.BaseURL != "" {
		p.req = &checks.APIRequest{BaseURL: rep.BaseURL, Key: old, OrgID: inv.OrgID.Value, ProjectID: inv.ProjectID.Value,
			Client: a.NewClient(min(o.Timeout, 10*time.Second))}
	}
	return p
}

// chooseOldKey picks the key to rotate: the one apps here use, or the one
// --old names among the keys discovery found.
func chooseOldKey(inv discover.Inventory, want string) (apikey.Key, error) {
	keys := rotate.Keys(inv)
	if want == "" {
		if len(keys) == 0 {
			return apikey.Key{}, nil
		}
		return keys[0], nil
	}
	want = strings.TrimSpace(want)
	var match []apikey.Key
	for _, k := range keys {
		fp := k.Fingerprint()
		if fp == want || strings.ReplaceAll(fp, "…", "...") == want || len(want) == 4 && strings.HasSuffix(k.Reveal(), want) {
			match = append(match, k)
		}
	}
	var list []string
	for _, k := range keys {
		list = append(list, k.Fingerprint())
	}
	found := "no key is configured here"
	if len(list) > 0 {
		found = "the keys configured here are " + strings.Join(list, ", ")
	}
	switch len(match) {
	case 0:
		return apikey.Key{}, usagef("--old %s matches no configured key; %s", apikey.Scrub(want), found)
	case 1:
		return match[0], nil
	}
	return apikey.Key{}, usagef("--old %s matches %d keys; give the whole fingerprint: %s", want, len(match), found)
}

// otherKeysHint names the other configured keys when the "new" key is the
// one in use: a rotation stopped half-way is resumed with --old.
func otherKeysHint(inv discover.Inventory, inUse apikey.Key) string {
	var fps []string
	for _, k := range rotate.Keys(inv) {
		if !k.Equal(inUse) {
			fps = append(fps, k.Fingerprint())
		}
	}
	if len(fps) == 0 {
		return ""
	}
	return " If you are finishing an earlier rotation, name the key to replace: --old " + fps[0] + " (other keys configured here: " + strings.Join(fps, ", ") + ")."
}

// noWaitReason says why the revocation is not waited for, or "".
func noWaitReason(o *rotateOptions, req *checks.APIRequest) string {
	switch {
	case o.SkipChecks:
		return "--skip-checks makes no network call"
	case o.Wait == 0:
		return "--wait 0"
	case req == nil:
		return "the old key could not be sent to the API (see step 2)"
	}
	return ""
}

// resultFor returns the result with id, or a skip.
func resultFor(rep checks.Report, id string) checks.Result {
	for _, r := range rep.Results {
		if r.ID == id {
			return r
		}
	}
	return checks.Result{ID: id, Status: checks.Skip, Summary: "not run"}
}

// errIsTerminal reports whether stderr is a terminal, for the count-down.
func errIsTerminal(a *app) bool {
	f, ok := a.Err.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// confirm asks a yes/no question on stderr and reads the answer from stdin;
// Enter means yes, anything starting with n means no.
func confirm(a *app, question string) bool {
	fmt.Fprint(a.Err, question)
	line, _ := bufio.NewReader(a.In).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return !strings.HasPrefix(answer, "n")
}
