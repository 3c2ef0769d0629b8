package checks

import (
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// kcUnreadWhere names the first file discovery did not read whole and why,
// with "(and N more: see detail)" when there are others; more holds their
// lines. ok is false when every file was read whole.
func kcUnreadWhere(inv discover.Inventory) (first string, more []string, ok bool) {
	if len(inv.UnreadFiles) == 0 {
		return "", nil, false
	}
	var lines []string
	for _, f := range inv.UnreadFiles {
		lines = append(lines, f.Path+" ("+f.Why+")")
	}
	first, more = firstAndMore(lines)
	for i := range more {
		more[i] = "also not read whole: " + more[i]
	}
	return first, more, true
}

// kcUnreadFix is what to do about the first file not read whole.
func kcUnreadFix(inv discover.Inventory) string {
	f := inv.UnreadFiles[0]
	c := ""
	switch f.Outcome {
	case envfile.ReadSpecial:
		c = "special"
	case envfile.ReadFailed:
		c = "failed"
	}
	return fixFor(CodeUnreadFile, c).Fill("path", f.Path, "quoted", termtext.ShellQuote(f.Path)).Do
}

// kcFoundUnread turns key.found's "no key" failure r into a warning when a
// file was not read whole: a key may be there, so "no key" is not certain.
func kcFoundUnread(r Result, inv discover.Inventory) Result {
	where, more, ok := kcUnreadWhere(inv)
	if !ok {
		return r
	}
	r.Detail = append([]string{r.Summary + " that doctor read", "if there is no key there either: " + r.Fix}, more...)
	r.Status, r.Code, r.URL = Warn, CodeUnreadFile, ""
	r.Summary = "no OPENAI_API_KEY found, but doctor did not read all of " + where + ", so a key there would be missed"
	r.Fix = kcUnreadFix(inv)
	return r
}

// kcSourcesUnread adds files not read whole to key.sources' result r when a
// key was found (key.found reports them otherwise).
func kcSourcesUnread(r Result, inv discover.Inventory) Result {
	where, more, ok := kcUnreadWhere(inv)
	if !ok {
		return r
	}
	if inv.Key.IsZero() {
		if r.Status == Pass {
			r.Summary = "no OPENAI_API_KEY in the files doctor read, so nothing can disagree (see key.found)"
		}
		return r
	}
	summary := "doctor did not read all of " + where + ": an OPENAI_* setting there is not compared, so the key above may not be the one every app gets"
	return r.WithWarning(CodeUnreadFile, summary, kcUnreadFix(inv), more...)
}
