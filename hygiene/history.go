package hygiene

import (
	"context"
	"fmt"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/history"
	"github.com/setupkit/openai-setup/internal/gitcli"
	"github.com/setupkit/openai-setup/internal/openai"
)

// histRewriteHelp says how history could be purged; doctor never runs it.
const histRewriteHelp = "removing the key from the files does not remove it from history: to purge it, list the key in a file and run " +
	"`git filter-repo --replace-text FILE` (or `bfg --replace-text FILE`), force-push every branch and have collaborators re-clone; " +
	"revoking the key is what makes you safe"

// historyCheck scans the repository's whole history (see package history)
// for OpenAI keys. It is bounded by ctx: when the deadline hits, git is
// killed and the result says how far it got.
func historyCheck(ctx context.Context, inv discover.Inventory, dir string) checks.Result {
	root := gitcli.FindRoot(dir)
	if root == "" {
		return checks.Skipped(checks.GitHistory, "", "skipped: not in a git repository")
	}
	inUse, _ := apikey.Clean(inv.Key.Reveal())
	scan, err := history.Scan(ctx, root, history.Workers(), apikey.New(inUse))
	if err != nil && !scan.Incomplete && len(scan.Found) == 0 {
		return gitSkip(checks.GitHistory, err)
	}
	r := histResult(scan, inUse, histConfigured(inv))
	if err != nil && !scan.Incomplete {
		r.Detail = append(r.Detail, "the scan stopped early ("+err.Error()+"); more keys may be further back")
	}
	return r
}

// histConfigured maps each configured key (cleaned) to where it is set, so
// a leaked key that is still configured somewhere can be named.
func histConfigured(inv discover.Inventory) map[string]string {
	m := map[string]string{}
	for i := range inv.Sources {
		s := &inv.Sources[i]
		if s.Name != openai.EnvAPIKey || s.Value.IsZero() {
			continue
		}
		if k, _ := apikey.Clean(s.Value.Reveal()); m[k] == "" {
			m[k] = s.Where()
		}
	}
	return m
}

// histResult turns a scan into the git.history result.
func histResult(scan history.Result, inUse string, configured map[string]string) checks.Result {
	r := checks.Result{ID: checks.GitHistory, Data: checks.Counts{"ignored": scan.Ignored}}
	progress := fmt.Sprintf("%d of %d commits", scan.Scanned, scan.Total)
	var inUseKey *history.Finding
	for i := range scan.Found {
		k := &scan.Found[i]
		f := checks.Finding{
			Commit:      histShort(k.Commit),
			Path:        k.Path,
			Line:        k.Line,
			Fingerprint: k.Key.Fingerprint(),
			InUse:       inUse != "" && k.Key.Reveal() == inUse,
		}
		if others := k.Commits - 1; others > 0 {
			f.Note = fmt.Sprintf("first added here; also in %d other commit(s)", others)
		}
		if where := configured[k.Key.Reveal()]; where != "" && !f.InUse {
			f.Note = discover.JoinNotes(f.Note, "still configured in "+where)
		}
		if f.InUse {
			inUseKey = k
		}
		r.Findings = append(r.Findings, f)
	}
	if scan.Ignored > 0 {
		r.Detail = append(r.Detail, fmt.Sprintf("%d key-shaped value(s) skipped: placeholders, or listed in %s", scan.Ignored, history.IgnoreFile))
	}
	switch {
	case len(scan.Found) == 0 && scan.Incomplete:
		r.Status, r.Code = checks.Warn, "scan_incomplete"
		r.Summary = "stopped at the time limit after " + progress + ": no key in those"
		r.Fix = "run `openai-setup doctor --check git.history --timeout 5m` to scan the whole history"
		return r
	case len(scan.Found) == 0:
		r.Status = checks.Pass
		if scan.Total == 0 {
			r.Summary = "no commits yet"
		} else {
			r.Summary = fmt.Sprintf("no OpenAI key in %d commit(s) of any branch, tag or stash", scan.Total)
		}
		if scan.Ignored > 0 {
			r.Summary += fmt.Sprintf(" (%d placeholder or listed key(s) skipped)", scan.Ignored)
		}
		return r
	}
	r.Code, r.URL = "leaked", openai.APIKeysURL
	if inUseKey != nil {
		r.Status = checks.Fail
		r.Summary = fmt.Sprintf("the key in use (%s) is in commit %s (%s)", inUseKey.Key.Fingerprint(), histShort(inUseKey.Commit), inUseKey.Path)
		if n := len(scan.Found) - 1; n > 0 {
			r.Summary += fmt.Sprintf(", and %d other key(s) are in history", n)
		}
		r.Fix = "revoke it at " + openai.APIKeysURL + " and switch to a new key (`openai-setup rotate` does both); " + histRewriteHelp
	} else {
		first := scan.Found[0]
		r.Status = checks.Warn
		r.Summary = fmt.Sprintf("%d OpenAI key(s) in history, not the one in use: first in commit %s (%s)", len(scan.Found), histShort(first.Commit), first.Path)
		r.Fix = "revoke each at " + openai.APIKeysURL + " if it still exists (anyone with a clone has it); " + histRewriteHelp +
			"; a test key or sample that never worked can be listed by fingerprint in " + history.IgnoreFile + " at the repository root"
	}
	if scan.Incomplete {
		r.Detail = append(r.Detail, "the scan stopped at the time limit after "+progress+"; more keys may be further back")
	}
	return r
}

// histShort abbreviates a commit id the way people quote it.
func histShort(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}
