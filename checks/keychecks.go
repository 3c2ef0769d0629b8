package checks

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
)

// kcKeysURL is the dashboard page where keys are created.
const kcKeysURL = openai.APIKeysURL

// keyJudges judge each local key check from the inventory alone.
var keyJudges = map[string]func(discover.Inventory) Result{
	KeyFound:   kcFound,
	KeyFormat:  kcFormat,
	KeySources: kcSources,
}

// keyChecks runs the local key checks want accepts, in catalog order.
func keyChecks(inv discover.Inventory, want func(id string) bool) []Result {
	var out []Result
	for _, id := range IDs(GroupKey) {
		if want(id) {
			out = append(out, keyJudges[id](inv))
		}
	}
	return out
}

func kcFound(inv discover.Inventory) Result {
	r := Result{ID: KeyFound}
	if !inv.Key.IsZero() {
		r.Status = Pass
		r.Summary = fmt.Sprintf("OPENAI_API_KEY from %s: %s (%s)", inv.KeySource.Where(), inv.Key.Fingerprint(), inv.Key.Kind().Label())
		return r
	}
	f := fixes[CodeNoKey].Fill("env_file", filepath.Join(inv.Dir, ".env"))
	r.Status, r.Code, r.URL, r.Fix = Fail, CodeNoKey, f.URL, f.Do
	if inv.KeySource != nil && inv.KeySource.Kind == discover.SourceEnvironment {
		r.Summary = "OPENAI_API_KEY is set but empty in the environment, and dotenv loaders will not override a set variable"
		fix := "run `unset OPENAI_API_KEY`"
		if same, _ := inv.StartupFor(openai.EnvAPIKey); len(same) > 0 {
			fix += " and delete the empty export at " + same[0].Where()
		}
		r.Fix = fix + "; then " + strings.TrimPrefix(r.Fix, "run ")
		return r
	}
	r.Summary = "no OPENAI_API_KEY in the environment"
	if len(inv.DotenvFiles) > 0 {
		r.Summary += " or in " + strconv.Itoa(len(inv.DotenvFiles)) + " dotenv file(s)"
	} else {
		r.Summary += " or in a dotenv file"
	}
	_, differ := inv.StartupFor(openai.EnvAPIKey)
	for _, s := range differ {
		if strings.HasPrefix(s.Note, "not in this shell") {
			r.Summary += "; " + s.Where() + " exports one, but this shell has not loaded it"
			r.Fix = "open a new terminal (or run `source " + s.Path + "`) and run doctor again; or " + r.Fix
			break
		}
	}
	if slices.ContainsFunc(inv.Sources, func(s discover.Source) bool { return s.Name == "OPENAI_API_KEY_PATH" && s.Wins }) {
		r.Summary += "; OPENAI_API_KEY_PATH is set, but the current SDKs ignore it"
	}
	return kcFoundUnread(r, inv)
}

// kcCleanWhat describes each cleaning code for a summary.
var kcCleanWhat = map[string]string{
	apikey.CodeWhitespace:   "spaces or a line break around it",
	apikey.CodeQuoted:       "quotes that are part of the value",
	apikey.CodeBearerPrefix: `"Bearer " in front (the SDKs add it themselves)`,
	apikey.CodeAssignment:   `"OPENAI_API_KEY=" inside the value`,
}

// kcCleanOrder ranks cleaning codes, most telling first.
var kcCleanOrder = []string{apikey.CodeAssignment, apikey.CodeBearerPrefix, apikey.CodeQuoted, apikey.CodeWhitespace}

func kcFormat(inv discover.Inventory) Result {
	r := Result{ID: KeyFormat}
	if inv.Key.IsZero() {
		return Skipped(KeyFormat, "", "skipped: no key found (see key.found)")
	}
	cleaned, codes := apikey.Clean(inv.Key.Reveal())
	v := apikey.Validate(cleaned)
	if len(codes) > 0 {
		slices.SortFunc(codes, func(a, b string) int { return slices.Index(kcCleanOrder, a) - slices.Index(kcCleanOrder, b) })
		var what []string
		for _, c := range codes {
			what = append(what, kcCleanWhat[c])
		}
		r.Status, r.Code = Fail, Code(codes[0])
		r.Summary = fmt.Sprintf("the key from %s has %s: an app would send those bytes and get 401", inv.KeySource.Where(), strings.Join(what, " and "))
		r.Fix = kcEditFix(inv)
		if v.Severity != apikey.OK {
			r.Detail = append(r.Detail, "even after cleaning: "+v.Message)
		}
		return r
	}
	switch v.Severity {
	case apikey.OK:
		r.Status = Pass
		r.Summary = fmt.Sprintf("%s looks right: a %s, %d characters", inv.Key.Fingerprint(), v.Kind.Label(), len(cleaned))
	case apikey.Warning:
		r.Status, r.Code = Warn, Code(v.Code)
		r.Summary = v.Message
		r.Fix = "if the API checks fail, copy the key again from " + kcKeysURL
	default:
		r.Status, r.Code, r.URL = Fail, Code(v.Code), kcKeysURL
		r.Summary = fmt.Sprintf("the key from %s (%s) is not usable: %s", inv.KeySource.Where(), inv.Key.Fingerprint(), v.Message)
		r.Fix = kcValidationFix(v, inv)
		if v.Code == apikey.CodeAzureKey && azureBase(inv.BaseURL.Value) {
			// An Azure key for an Azure endpoint: a setup doctor does not check.
			r.Status, r.URL = Warn, ""
			r.Summary = fmt.Sprintf("the key from %s (%s) is an Azure OpenAI key, for the Azure endpoint in OPENAI_BASE_URL", inv.KeySource.Where(), inv.Key.Fingerprint())
			r.Fix = fixes[CodeAzureEndpoint].Do
		}
	}
	return r
}

// azureBase reports whether a base URL is an Azure OpenAI endpoint.
func azureBase(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	return err == nil && openai.IsAzureHost(u.Hostname())
}

// kcEditFix names exactly where to correct a mangled key.
func kcEditFix(inv discover.Inventory) string {
	const bare = "so the value is the bare key (no quotes, spaces, Bearer or OPENAI_API_KEY= inside); `openai-setup` saves it cleanly"
	s := inv.KeySource
	switch {
	case s == nil:
		return "set OPENAI_API_KEY " + bare
	case s.Kind == discover.SourceInput:
		return "paste only the key itself"
	case s.Kind == discover.SourceEnvironment:
		if same, _ := inv.StartupFor(openai.EnvAPIKey); len(same) > 0 {
			return "edit " + same[0].Path + " line " + strconv.Itoa(same[0].Line) + " " + bare + ", then open a new terminal"
		}
		return "fix where your shell sets OPENAI_API_KEY (no start-up file doctor reads sets it: check your terminal, IDE or direnv) " + bare
	}
	return "edit " + s.Path + " line " + strconv.Itoa(s.Line) + " " + bare
}

// kcValidationFix is the next step for a key of the wrong shape.
func kcValidationFix(v apikey.Verdict, inv discover.Inventory) string {
	where := "OPENAI_API_KEY"
	if s := inv.KeySource; s != nil && s.Kind != discover.SourceInput && s.Kind != discover.SourceEnvironment {
		where = "OPENAI_API_KEY in " + s.Path + " line " + strconv.Itoa(s.Line)
	}
	switch v.Code {
	case apikey.CodeAdminKey:
		return "admin keys only work on /v1/organization endpoints: create a project key at " + kcKeysURL + " for " + where + " (keep the admin key in OPENAI_ADMIN_KEY)"
	case apikey.CodeNotOpenAI:
		return "put an OpenAI key in " + where + " (create one at " + kcKeysURL + "), or use that provider's own variable"
	case apikey.CodeAzureKey:
		return "an Azure key works only with its Azure resource: put a key from " + kcKeysURL + " in " + where + " for OpenAI, and keep the Azure key in AZURE_OPENAI_API_KEY (with AZURE_OPENAI_ENDPOINT)"
	case apikey.CodeTwoKeys:
		return "keep one key in " + where + ": the value holds two (a doubled paste); if you are unsure which is current, replace it with a new key from " + kcKeysURL
	case apikey.CodeTruncated, apikey.CodeBadChars:
		return "copy the whole key again into " + where + "; the dashboard shows a key only once, so if it is lost create a new one at " + kcKeysURL + " (or run `openai-setup`)"
	}
	return "replace " + where + " with a key from " + kcKeysURL + " (or run `openai-setup`)"
}

// kcCompared are the names whose sources must agree.
var kcCompared = []string{openai.EnvAPIKey, openai.EnvBaseURL, openai.EnvOrgID, openai.EnvProjectID}

// kcSources compares the sources, then adds dotenv files holding a key that
// start with a byte-order mark (see kcAddBOM) and files not read whole.
func kcSources(inv discover.Inventory) Result {
	return kcSourcesUnread(kcAddBOM(kcAgree(inv), kcBOMFiles(inv)), inv)
}

// kcAgree reports sources that disagree, legacy names and a .env node
// dotenv would not read.
func kcAgree(inv discover.Inventory) Result {
	r := Result{ID: KeySources}
	var codes []Code
	var summaries, fixes []string
	add := func(code Code, summary, fix string) {
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
		summaries = append(summaries, summary)
		if fix != "" {
			fixes = append(fixes, fix)
		}
	}
	for _, name := range kcCompared {
		if sum, fix, detail := kcConflict(inv, name); sum != "" {
			add(CodeConflict, sum, fix)
			r.Detail = append(r.Detail, detail...)
		}
	}
	for _, s := range inv.Sources {
		repl, legacy := discover.Legacy[s.Name]
		if !legacy {
			continue
		}
		where := s.Where()
		add(CodeLegacyVariable, fmt.Sprintf("%s is set in %s, but the current OpenAI SDKs ignore it", s.Name, where),
			fmt.Sprintf("rename %s to %s in %s", s.Name, repl, where))
	}
	if sum, fix := kcShadowed(inv); sum != "" {
		add(CodeShadowed, sum, fix)
	}
	if len(codes) == 0 {
		n := 0
		for _, s := range inv.Sources {
			if s.Name == openai.EnvAPIKey {
				n++
			}
		}
		r.Status = Pass
		switch n {
		case 0:
			r.Summary = "no OPENAI_API_KEY anywhere, so nothing can disagree"
		case 1:
			r.Summary = "one source sets OPENAI_API_KEY"
		default:
			r.Summary = strconv.Itoa(n) + " sources set OPENAI_API_KEY and agree"
		}
		return r
	}
	order := []Code{CodeConflict, CodeLegacyVariable, CodeShadowed}
	slices.SortFunc(codes, func(a, b Code) int { return slices.Index(order, a) - slices.Index(order, b) })
	r.Status, r.Code = Warn, codes[0]
	summary, more := firstAndMore(summaries)
	r.Summary, r.Detail = summary, append(r.Detail, more...)
	r.Fix = strings.Join(fixes, "; ")
	return r
}

// kcConflict reports sources of name that disagree: a summary, the exact fix
// and one detail line per source.
func kcConflict(inv discover.Inventory, name string) (summary, fix string, detail []string) {
	var list []*discover.Source
	var winner *discover.Source
	values := map[string]bool{}
	for i := range inv.Sources {
		s := &inv.Sources[i]
		if s.Name != name || s.Dynamic || s.Empty {
			continue
		}
		list = append(list, s)
		values[s.Comparable()] = true
		if s.Wins {
			winner = s
		}
	}
	if len(values) < 2 {
		return "", "", nil
	}
	show := func(s *discover.Source) string {
		if name == openai.EnvAPIKey {
			return s.Value.Fingerprint()
		}
		return s.Plain
	}
	for _, s := range list {
		line := fmt.Sprintf("%s in %s: %s", name, s.Where(), show(s))
		if s.Wins {
			line += " (wins)"
		}
		if s.Note != "" {
			line += " — " + s.Note
		}
		detail = append(detail, line)
	}
	if winner == nil { // only start-up files disagree with each other
		summary = fmt.Sprintf("%s is set to different values in start-up files; none is in this shell's environment", name)
		return summary, "keep one export of " + name + " and delete the others", detail
	}
	var losers []*discover.Source
	var loserText []string
	for _, s := range list {
		if s != winner && s.Kind != discover.SourceStartupFile && s.Comparable() != winner.Comparable() {
			losers = append(losers, s)
			loserText = append(loserText, s.Where()+" ("+show(s)+")")
		}
	}
	same, differ := inv.StartupFor(name)
	if len(losers) > 0 {
		summary = fmt.Sprintf("%s from %s (%s) wins over %s", name, winner.Where(), show(winner), strings.Join(loserText, ", "))
		if winner.Kind == discover.SourceEnvironment {
			fix = "if the file's value is the right one, run `unset " + name + "`"
			if len(same) > 0 {
				fix += " and delete the export at " + same[0].Where() + " (or every new terminal brings it back)"
			} else {
				fix += " and find where your shell sets it (no start-up file doctor reads does: check your terminal, IDE or direnv)"
			}
			fix += "; if the environment's value is right, update " + losers[0].Where() + " to match"
			if name == openai.EnvAPIKey {
				fix += " (`openai-setup` does it)"
			}
		} else {
			fix = "make the files agree: apps that load only .env (python-dotenv, node dotenv) get a different value than Next.js or Vite; edit or delete " + name + " at " + losers[0].Where()
		}
		return summary, fix, detail
	}
	// Only start-up files disagree with the winner: a stale export.
	s := differ[0]
	summary = fmt.Sprintf("%s exports a different %s (%s) than this shell has (%s)", s.Where(), name, show(s), show(winner))
	fix = "the shell has not re-read " + s.Path + " since it changed: open a new terminal to use its value, or delete line " + strconv.Itoa(s.Line) + " if it is stale"
	return summary, fix, detail
}

// kcShadowed reports when node dotenv would read a different file than the
// winning dotenv source: node reads only the working directory's .env.
func kcShadowed(inv discover.Inventory) (summary, fix string) {
	w := inv.KeySource
	if w == nil || w.Kind != discover.SourceDotenv || inv.Dir == "" {
		return "", ""
	}
	dotEnv := filepath.Join(inv.Dir, ".env")
	if w.Path == dotEnv {
		return "", ""
	}
	for _, s := range inv.Sources {
		if s.Name == openai.EnvAPIKey && s.Path == dotEnv {
			return "", "" // ./.env has a key too: conflict covers a difference
		}
	}
	summary = fmt.Sprintf("the key comes from %s, but node dotenv reads only %s, which has no OPENAI_API_KEY", w.Where(), dotEnv)
	if filepath.Base(w.Path) == ".env" {
		summary += " (python-dotenv finds it by walking up)"
	}
	fix = "put OPENAI_API_KEY in " + dotEnv + " as well, or load the file explicitly: dotenv.config({ path: '" + w.Path + "' })"
	return summary, fix
}
