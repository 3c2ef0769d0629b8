package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// hyperfineRun is the part of a hyperfine --export-json result we read.
type hyperfineRun struct {
	Command string    `json:"command"`
	Mean    float64   `json:"mean"`
	Median  float64   `json:"median"`
	Min     float64   `json:"min"`
	Max     float64   `json:"max"`
	Times   []float64 `json:"times"`
}

// readHyperfine returns the result named name (hyperfine's --command-name),
// or the first one when name is empty.
func readHyperfine(r io.Reader, name string) (hyperfineRun, error) {
	var doc struct {
		Results []hyperfineRun `json:"results"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return hyperfineRun{}, fmt.Errorf("hyperfine json: %w", err)
	}
	for _, res := range doc.Results {
		if name == "" || res.Command == name {
			return res, nil
		}
	}
	return hyperfineRun{}, fmt.Errorf("hyperfine json: no result named %q", name)
}

// doctorCheck is one check of doctor --json (schema_version 1).
type doctorCheck struct {
	ID       string   `json:"id"`
	Status   string   `json:"status"`
	Code     string   `json:"code"`
	Summary  string   `json:"summary"`
	Detail   []string `json:"detail"`
	Findings []struct {
		Fingerprint string `json:"fingerprint"`
		Commit      string `json:"commit"`
		Path        string `json:"path"`
	} `json:"findings"`
}

type doctorReport struct {
	SchemaVersion int           `json:"schema_version"`
	OK            bool          `json:"ok"`
	Checks        []doctorCheck `json:"checks"`
}

func readDoctor(r io.Reader) (doctorReport, error) {
	var rep doctorReport
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return rep, fmt.Errorf("doctor json: %w", err)
	}
	if rep.SchemaVersion != 1 {
		return rep, fmt.Errorf("doctor json: schema_version %d, want 1", rep.SchemaVersion)
	}
	return rep, nil
}

func (rep doctorReport) check(id string) (doctorCheck, bool) {
	for _, c := range rep.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return doctorCheck{}, false
}

// stopDetail is the detail line saying the scan stopped early, or "".
func (c doctorCheck) stopDetail() string {
	for _, d := range c.Detail {
		if strings.Contains(d, "time limit") {
			return d
		}
	}
	if c.Code == "scan_incomplete" {
		return c.Summary
	}
	return ""
}

// incomplete reports whether a git.history result says the scan stopped at
// the time budget: the scan_incomplete code when nothing was found, or a
// detail line when keys were found before the budget ran out.
func (c doctorCheck) incomplete() bool {
	if c.Code == "scan_incomplete" {
		return true
	}
	for _, d := range c.Detail {
		if strings.Contains(d, "time limit") {
			return true
		}
	}
	return false
}

// notPassing lists "id:status:code" for every check that did not pass.
func (rep doctorReport) notPassing() []string {
	var out []string
	for _, c := range rep.Checks {
		if c.Status != "pass" {
			out = append(out, c.ID+":"+c.Status+":"+c.Code)
		}
	}
	return out
}

// gitleaksFinding is the part of a gitleaks JSON report entry we read.
type gitleaksFinding struct {
	RuleID string `json:"RuleID"`
	Secret string `json:"Secret"`
	Commit string `json:"Commit"`
	File   string `json:"File"`
}

func readGitleaks(r io.Reader) ([]gitleaksFinding, error) {
	var fs []gitleaksFinding
	if err := json.NewDecoder(r).Decode(&fs); err != nil {
		return nil, fmt.Errorf("gitleaks json: %w", err)
	}
	return fs, nil
}

// manifestEntry is one line of the generator's manifest.
type manifestEntry struct {
	Format, Fingerprint, Branch, Path, Key string
	Removed                                bool
}

func readManifest(r io.Reader) ([]manifestEntry, error) {
	var out []manifestEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("manifest: want 7 fields, got %d", len(f))
		}
		removed, err := strconv.Atoi(f[4])
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		out = append(out, manifestEntry{Format: f[0], Fingerprint: f[1], Branch: f[2], Removed: removed >= 0, Path: f[5], Key: f[6]})
	}
	return out, sc.Err()
}

// historyComparison says which planted keys each scanner found.
type historyComparison struct {
	Planted         int
	DoctorFound     int // distinct keys doctor reported
	DoctorPlanted   int // of the planted keys
	GitleaksRan     bool
	GitleaksUnique  int // distinct secrets gitleaks reported, any rule
	GitleaksPlanted int
	DoctorMissed    []string // planted keys gitleaks found and doctor did not, as format/fingerprint
	GitleaksMissed  []string // planted keys gitleaks did not find, as format in path
	GitleaksRules   []string // rule ids of gitleaks' findings of planted keys, counted
	NoneDoctor      int      // sk-None- keys doctor found
	NoneGitleaks    int
	NonePlanted     int
	Incomplete      bool
	Code            string
}

// compareHistory matches doctor's findings (fingerprints) and gitleaks'
// (raw secrets) against the planted keys. gitleaks may be nil when it did
// not run.
func compareHistory(man []manifestEntry, doc doctorReport, gl []gitleaksFinding, gitleaksRan bool) (historyComparison, error) {
	c := historyComparison{Planted: len(man), GitleaksRan: gitleaksRan}
	hist, ok := doc.check("git.history")
	if !ok {
		return c, fmt.Errorf("doctor json: no git.history check")
	}
	c.Incomplete, c.Code = hist.incomplete(), hist.Code
	doctorFP := map[string]bool{}
	for _, f := range hist.Findings {
		doctorFP[f.Fingerprint] = true
	}
	c.DoctorFound = len(doctorFP)
	secrets := map[string]bool{}
	ruleOf := map[string]string{}
	for _, f := range gl {
		secrets[f.Secret] = true
		if ruleOf[f.Secret] == "" {
			ruleOf[f.Secret] = f.RuleID
		}
	}
	c.GitleaksUnique = len(secrets)
	for _, m := range man {
		byDoctor := doctorFP[m.Fingerprint]
		byGitleaks := secrets[m.Key]
		if m.Format == formatNone {
			c.NonePlanted++
			if byDoctor {
				c.NoneDoctor++
			}
			if byGitleaks {
				c.NoneGitleaks++
			}
		}
		if byDoctor {
			c.DoctorPlanted++
		}
		if byGitleaks {
			c.GitleaksPlanted++
			c.GitleaksRules = append(c.GitleaksRules, ruleOf[m.Key])
		}
		if byGitleaks && !byDoctor {
			c.DoctorMissed = append(c.DoctorMissed, m.Format+"/"+m.Fingerprint)
		}
		if !byGitleaks && gitleaksRan {
			c.GitleaksMissed = append(c.GitleaksMissed, m.Format+" in "+m.Path)
		}
	}
	return c, nil
}

// Covers is the history target's key half: every planted key gitleaks
// found, plus every sk-None- key.
func (c historyComparison) Covers() bool {
	return len(c.DoctorMissed) == 0 && c.NoneDoctor == c.NonePlanted
}

// writeKV prints the comparison as key=value lines for the shell script.
func (c historyComparison) writeKV(w io.Writer) {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	list := func(s []string) string {
		if len(s) == 0 {
			return "-"
		}
		return strings.Join(compactCount(s), ",")
	}
	fmt.Fprintf(w, "planted=%d\ndoctor_found=%d\ndoctor_planted=%d\ndoctor_none=%d\nnone_planted=%d\n",
		c.Planted, c.DoctorFound, c.DoctorPlanted, c.NoneDoctor, c.NonePlanted)
	fmt.Fprintf(w, "gitleaks_ran=%s\ngitleaks_unique=%d\ngitleaks_planted=%d\ngitleaks_none=%d\n",
		yes(c.GitleaksRan), c.GitleaksUnique, c.GitleaksPlanted, c.NoneGitleaks)
	fmt.Fprintf(w, "doctor_missed=%s\ngitleaks_missed=%s\ngitleaks_rules=%s\ncovers=%s\nincomplete=%s\ncode=%s\n",
		list(c.DoctorMissed), list(c.GitleaksMissed), list(c.GitleaksRules), yes(c.Covers()), yes(c.Incomplete), orDash(c.Code))
}

// compactCount turns [a a b] into [a×2 b], keeping first-seen order.
func compactCount(s []string) []string {
	n := map[string]int{}
	var order []string
	for _, x := range s {
		if n[x] == 0 {
			order = append(order, x)
		}
		n[x]++
	}
	out := slices.Clone(order)
	for i, x := range order {
		if n[x] > 1 {
			out[i] = fmt.Sprintf("%s×%d", x, n[x])
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func openRead[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}
