package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
)

const usBase = "https://us.api.openai.com/v1"

func regionalResults() []checks.Result {
	return []checks.Result{
		{ID: checks.KeyFormat, Status: checks.Pass, Summary: "project key, well formed"},
		{ID: checks.APIAuth, Status: checks.Fail, Code: checks.CodeRegionalHostname,
			Summary: "key " + goodFP + " was recognised, but api.openai.com is the wrong host for its project's region (HTTP 401 incorrect regional hostname)",
			Fix:     "the key's project keeps its data in a region: set OPENAI_BASE_URL=" + usBase + " (or --base-url), as the API asks"},
		{ID: checks.APIModel, Status: checks.Skip, Summary: "skipped: api.auth failed"},
	}
}

// regionalOptions are fakes whose RegionalBaseURL knows usBase, and whose
// WriteBaseURL records its calls and answers with err.
func regionalOptions(f *fakes, writes *[][2]string, err error) Options {
	opts := f.options()
	opts.RegionalBaseURL = func(r checks.Result) string {
		if r.Code == checks.CodeRegionalHostname && strings.Contains(r.Fix, usBase) {
			return usBase
		}
		return ""
	}
	opts.WriteBaseURL = func(path, u string) (SaveReport, error) {
		*writes = append(*writes, [2]string{path, u})
		if err != nil {
			return SaveReport{}, err
		}
		f.mu.Lock()
		f.results = passResults() // the checks against the new base URL pass
		f.mu.Unlock()
		return SaveReport{Files: []string{path}, Lines: []string{"+ OPENAI_BASE_URL=" + u + "  (" + path + ":1, added)"}}, nil
	}
	return opts
}

func TestRegionalFixWritesAndChecksAgain(t *testing.T) {
	f := &fakes{results: regionalResults()}
	var writes [][2]string
	m := toChecks(t, newTest(t, regionalOptions(f, &writes, nil)), goodKey)
	s := flat(screen(m))
	for _, want := range []string{"the API recognised the key, but this is the wrong host", "Press w to write OPENAI_BASE_URL=" + usBase + " to .env"} {
		if !strings.Contains(s, want) {
			t.Errorf("checks screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "rejected") {
		t.Errorf("a recognised key is called rejected:\n%s", s)
	}
	if !m.activeKeys().Fix.Enabled() {
		t.Fatal("w is not enabled")
	}
	m, _ = keys(t, m, "w")
	if len(writes) != 1 || writes[0] != [2]string{".env", usBase} {
		t.Fatalf("WriteBaseURL calls = %v", writes)
	}
	if f.runs != 2 {
		t.Errorf("checks ran %d times, want again after the write", f.runs)
	}
	s = flat(screen(m))
	if !strings.Contains(s, "Wrote OPENAI_BASE_URL="+usBase+" to .env; the checks below use "+usBase) || !strings.Contains(s, "Every check passed") {
		t.Errorf("after w:\n%s", s)
	}
	if m.activeKeys().Fix.Enabled() {
		t.Error("w still offered after the fix")
	}
	m, _ = keys(t, m, "enter", "enter")
	if m.cur().stage != stageDone || !strings.Contains(flat(doneText(m)), "set OPENAI_BASE_URL="+usBase+" in .env") {
		t.Errorf("Done:\n%s", doneText(m))
	}
}

// A regional failure alone is saved with plain enter (no "save" typed), and
// the Save screen says the key was recognised.
func TestRegionalSavesWithEnter(t *testing.T) {
	f := &fakes{results: regionalResults()}
	var writes [][2]string
	m := toChecks(t, newTest(t, regionalOptions(f, &writes, nil)), goodKey)
	m, _ = keys(t, m, "enter")
	s := flat(screen(m))
	if m.keyRejected() || strings.Contains(s, "Type save") || !strings.Contains(s, "The failure is outside the key: the API recognised the key") {
		t.Fatalf("save screen:\n%s", s)
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageDone || len(f.saved) != 1 || len(writes) != 0 {
		t.Errorf("stage %v, saved %v, writes %v", m.cur().stage, f.saved, writes)
	}
}

func TestRegionalFixWriteFails(t *testing.T) {
	f := &fakes{results: regionalResults()}
	var writes [][2]string
	m := toChecks(t, newTest(t, regionalOptions(f, &writes, errors.New("git tracks .env, so a key written there would be committed"))), goodKey)
	m, _ = keys(t, m, "w")
	s := flat(screen(m))
	if f.runs != 1 || !strings.Contains(s, "Could not write OPENAI_BASE_URL="+usBase+" to .env: Git tracks .env") {
		t.Errorf("runs %d; screen:\n%s", f.runs, s)
	}
	if !m.activeKeys().Fix.Enabled() {
		t.Error("w is not offered again after a failed write")
	}
}

// No offer without the command's say-so, for another failure, or in rotate.
func TestRegionalNotOffered(t *testing.T) {
	var writes [][2]string
	f := &fakes{results: failResults()}
	m := toChecks(t, newTest(t, regionalOptions(f, &writes, nil)), goodKey)
	if strings.Contains(screen(m), "Press w") || m.activeKeys().Fix.Enabled() {
		t.Errorf("offered for invalid_api_key:\n%s", screen(m))
	}
	_, _ = keys(t, m, "w")
	if len(writes) != 0 {
		t.Error("w wrote without an offer")
	}
	f = &fakes{results: regionalResults()}
	opts := regionalOptions(f, &writes, nil)
	opts.RegionalBaseURL = func(checks.Result) string { return "" } // a host that is not OpenAI's
	m = toChecks(t, newTest(t, opts), goodKey)
	if strings.Contains(screen(m), "Press w") {
		t.Errorf("offered without a base URL:\n%s", screen(m))
	}
}

// flat is s with every run of white space one space, so a test can look for
// a sentence wherever the screen wrapped it.
