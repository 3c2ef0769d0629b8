package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
)

// withKeyChecks are doctor's key and API checks, run on a key from stdin.
var withKeyChecks = append([]string{checks.KeyFormat}, checks.ProbeIDs()...)

// withKeyRun is the scripted path: read one key from stdin, clean it, check
// it, and save it only when no check failed. Nothing written means nothing
// changed on disk.
func withKeyRun(ctx context.Context, o *setupOptions) error {
	a := o.app
	envPath, err := withKeyTarget(o)
	if err != nil {
		return err
	}
	key, cleaned, err := readKey(a)
	if err != nil {
		return err
	}
	if len(cleaned) > 0 && !o.JSON {
		fmt.Fprintf(a.Err, "openai-setup: removed %s around the key\n", strings.Join(cleanedWords(cleaned), ", "))
	}

	only := withKeyChecks
	if o.SkipChecks {
		only = []string{checks.KeyFormat} // local only: no network call
	}
	start := time.Now()
	rep := checkWithProgress(a, o.JSON, only, func(onResult func(checks.Result)) checks.Report {
		return checks.Run(ctx, o.checkOptions(key, only, onResult))
	})
	if ctx.Err() != nil {
		return errInterrupted
	}
	if o.SkipChecks {
		rep.BaseURL, rep.BaseFrom = "", ""
	}
	rep, offer, regional, hint := withKeyRegional(ctx, o, key, only, envPath, rep)
	if ctx.Err() != nil {
		return errInterrupted
	}

	var plan savePlan
	var saved *saveReport
	var saveErr error
	denied := true
	if rep.OK() {
		plan, saveErr = planSave(a, envPath, key, o.Force)
		var deny *denyStep
		if saveErr == nil && o.AgentsDeny {
			if deny, saveErr = planAgentsDeny(a, envPath, rep.Inventory); deny != nil {
				plan.Changes = append(plan.Changes, deny.changes...)
			}
		}
		if saveErr == nil && regional {
			plan.Changes = append(plan.Changes, lineChange{File: display(a, envPath), Action: "added", New: offer.Line()})
		}
		if saveErr == nil && !o.DryRun {
			// The deny rules go in under the .env's lock, after the key.
			r, ok, err := saveKeyWith(a, envPath, key, o.Force, nil, deny)
			saved, saveErr, denied = &r, err, ok || err != nil
			if err == nil && regional {
				saveErr = saveBaseURL(ctx, a, offer, o.Force, envPath, saved)
			}
		}
	}
	if hint != "" {
		plan.Notes = append(plan.Notes, hint)
	}

	if o.JSON {
		if err := writeWithKeyJSON(a.Out, rep, plan, saved, saveErr, o.DryRun); err != nil {
			return err
		}
	} else {
		w := a.styled(a.Out, a.OutTTY)
		writeTextReport(w, rep, textOptions{Width: a.termWidth(), Elapsed: time.Since(start), Dir: a.Dir, Home: a.Home, KeyLabel: "from standard input"})
		writeSaveText(w, rep, plan, saved, saveErr, o.DryRun)
		if hint != "" {
			fmt.Fprintln(w, wrapIndent(show(hint, rep), 0, 0, a.termWidth()))
		}
	}
	if !rep.OK() || saveErr != nil || !denied {
		return errSilent
	}
	return nil
}

// withKeyRegional is the regional base-URL offer for a key the API sent
// to its project's regional host: with --set-base-url the key is checked
// again there (regional: the line is saved with the key); otherwise hint
// says the line.
func withKeyRegional(ctx context.Context, o *setupOptions, key apikey.Key, only []string, envPath string, rep checks.Report) (_ checks.Report, offer regionalOffer, regional bool, hint string) {
	offer, ok := findRegionalOffer(rep)
	switch {
	case !ok:
		return rep, offer, false, ""
	case !o.SetBaseURL || offer.blocker() != "":
		return rep, offer, false, offer.hint(display(o.app, envPath))
	}
	bo := *o
	bo.BaseURL = offer.URL
	rep = checkWithProgress(o.app, o.JSON, only, func(onResult func(checks.Result)) checks.Report {
		return checks.Run(ctx, bo.checkOptions(key, only, onResult))
	})
	return rep, offer, true, ""
}

// withKeyTarget checks --env-file before anything is read or checked: the
// absolute path to save to, or a usage error saying what to change. Nobody
// is there to confirm creating a missing folder, so that is an error too.
func withKeyTarget(o *setupOptions) (string, error) {
	path, err := targetPath(o.app, o.EnvFile)
	if err != nil {
		return "", usagef("--env-file: %v", err)
	}
	return path, nil
}

// readKey reads stdin (hidden when it is a terminal), rejects input that is
// not one key, and cleans what people paste around keys.
func readKey(a *app) (apikey.Key, []string, error) {
	var raw string
	if a.InTTY {
		fmt.Fprint(a.Err, "Paste your OpenAI API key (input hidden), then Enter: ")
		s, err := a.ReadSecret()
		fmt.Fprintln(a.Err)
		if err != nil {
			return apikey.Key{}, nil, fmt.Errorf("could not read the key from the terminal: %w", err)
		}
		raw = s
	} else {
		// Read a bounded amount, so `</dev/zero` cannot hang or fill memory,
		// yet enough to say how big a mistaken input was.
		b, err := io.ReadAll(io.LimitReader(a.In, maxStdinRead+1))
		if err != nil {
			return apikey.Key{}, nil, fmt.Errorf("could not read the key from standard input: %w", err)
		}
		if err := inputSizeError(len(b)); err != nil {
			return apikey.Key{}, nil, err
		}
		raw = string(b)
	}
	if err := apikey.CheckInput(raw); err != nil {
		return apikey.Key{}, nil, usagef("--with-key: %v", err)
	}
	cleaned, codes := apikey.Clean(raw)
	if cleaned == "" {
		return apikey.Key{}, nil, usagef("--with-key: no key on standard input; pipe it in: printf '%%s' \"$KEY\" | openai-setup --with-key")
	}
	return apikey.New(cleaned), codes, nil
}

// maxStdinRead is how much of standard input --with-key reads at most.
const maxStdinRead = 64 << 10

// inputSizeError refuses input longer than a key can be, saying its size.
func inputSizeError(n int) error {
	switch {
	case n > maxStdinRead:
		return usagef("--with-key: input is over %d bytes; the limit is %d bytes. Pipe in only the key", maxStdinRead, apikey.MaxInput)
	case n > apikey.MaxInput:
		return usagef("--with-key: input is %d bytes; the limit is %d bytes. Pipe in only the key", n, apikey.MaxInput)
	}
	return nil
}

func cleanedWords(codes []string) []string {
	words := map[string]string{
		apikey.CodeWhitespace: "whitespace", apikey.CodeQuoted: "quotes",
		apikey.CodeBearerPrefix: `"Bearer "`, apikey.CodeAssignment: `"OPENAI_API_KEY="`,
	}
	var out []string
	for _, c := range codes {
		out = append(out, words[c])
	}
	return slices.Compact(out)
}

// saveBaseURL writes the regional OPENAI_BASE_URL line next to the key
// just saved and adds it to rep.
func saveBaseURL(ctx context.Context, a *app, offer regionalOffer, force bool, envPath string, rep *saveReport) error {
	wctx, cancel := context.WithTimeout(ctx, saveTimeout)
	defer cancel()
	changes, err := writeBaseURL(wctx, a, offer, force, envPath)
	rep.Changes = append(rep.Changes, changes...)
	if err == nil {
		rep.Warnings = append(rep.Warnings, "the API sent this key to its project's regional host, and it checked out there: "+offer.Line()+" is saved with it")
	}
	return err
}
