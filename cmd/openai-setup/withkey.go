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
var withKeyChecks = []string{checks.KeyFormat, checks.NetReach, checks.APIAuth, checks.APIPermissions, checks.APIModel, checks.APIBilling, checks.APIRateLimit}

// withKeyRun is the scripted path: read one key from stdin, clean it, check
// it, and save it only when no check failed. Nothing written means nothing
// changed on disk.
func withKeyRun(ctx context.Context, o *setupOptions) error {
	a := o.app
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
	rep := checks.Run(ctx, o.checkOptions(key, only, nil))
	if ctx.Err() != nil {
		return errInterrupted
	}
	if o.SkipChecks {
		rep.BaseURL, rep.BaseFrom = "", ""
	}

	var plan savePlan
	var saved *saveReport
	var saveErr error
	denied := true
	if rep.OK() {
		plan, saveErr = planSave(a, o.EnvFile, key, o.Force)
		var deny *denyStep
		if saveErr == nil && o.AgentsDeny {
			if deny, saveErr = planAgentsDeny(a, o.EnvFile, rep.Inventory); deny != nil {
				plan.Changes = append(plan.Changes, deny.changes...)
			}
		}
		if saveErr == nil && !o.DryRun {
			r, err := saveKey(a, o.EnvFile, key, o.Force)
			saved, saveErr = &r, err
			if err == nil && deny != nil {
				denied = deny.apply(a, saved)
			}
		}
	}

	if o.JSON {
		if err := writeWithKeyJSON(a.Out, rep, plan, saved, saveErr, o.DryRun); err != nil {
			return err
		}
	} else {
		w := a.styled(a.Out, a.OutTTY)
		writeTextReport(w, rep, textOptions{Width: a.termWidth(), Elapsed: time.Since(start), Dir: a.Dir, Home: a.Home, KeyLabel: "from standard input"})
		writeSaveText(w, rep, plan, saved, saveErr, o.DryRun)
	}
	if !rep.OK() || saveErr != nil || !denied {
		return errSilent
	}
	return nil
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
		b, err := io.ReadAll(io.LimitReader(a.In, apikey.MaxInput+1))
		if err != nil {
			return apikey.Key{}, nil, fmt.Errorf("could not read the key from standard input: %w", err)
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
