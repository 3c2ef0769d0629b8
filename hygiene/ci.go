package hygiene

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/ciworkflows"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
)

// ciCheck judges env.ci: how the GitHub Actions workflows of the work tree
// get OPENAI_API_KEY.
func ciCheck(inv discover.Inventory) checks.Result {
	root := inv.GitRoot
	if root == "" {
		root = inv.Dir
	}
	return ciJudge(root, ciworkflows.Scan(root))
}

// ciJudge turns the scan into env.ci's result: a key written into a
// workflow fails; any other value that is no secret, and a job that a
// fork's pull request can run with the key, warn. Every finding is listed
// by file and line, never with its value.
func ciJudge(root string, rep ciworkflows.Report) checks.Result {
	r := checks.Result{ID: checks.EnvCI}
	var literals, forks, gated []ciworkflows.Finding
	for _, f := range rep.Findings {
		switch f.Kind {
		case ciworkflows.ForkExposure:
			forks = append(forks, f)
		case ciworkflows.ForkGated:
			gated = append(gated, f)
		default:
			literals = append(literals, f)
		}
		if f.Kind != ciworkflows.ForkGated {
			r.Findings = append(r.Findings, checks.Finding{Path: filepath.Join(root, filepath.FromSlash(f.File)), Line: f.Line, Note: ciNote(f)})
		}
	}
	for _, g := range gated {
		r.Detail = append(r.Detail, ciForkSummary(g)+": safe only while that environment has required reviewers (Settings → Environments)")
	}
	for _, u := range rep.Unread {
		r.Detail = append(r.Detail, "could not check "+u.File+": "+u.Why)
	}
	switch {
	case len(literals) > 0:
		r.Status, r.Code, r.Summary = checks.Warn, checks.CodeCILiteral, ciLiteralSummary(literals)
		fix := checks.FixFor(checks.CodeCILiteral, "")
		if rep.Failing() {
			r.Status, fix = checks.Fail, checks.FixFor(checks.CodeCILiteral, "key")
		}
		r.Fix = fix.Fill("name", ciFixName(literals)).Do
		if len(forks) > 0 {
			r = r.WithWarning(checks.CodeCIForkExposure, ciForksSummary(forks), checks.FixFor(checks.CodeCIForkExposure, "").Do)
		}
	case len(forks) > 0:
		r.Status, r.Code, r.Summary, r.Fix = checks.Warn, checks.CodeCIForkExposure, ciForksSummary(forks), checks.FixFor(checks.CodeCIForkExposure, "").Do
	case len(rep.Files) == 0 && len(rep.Unread) == 0:
		r.Status, r.Summary = checks.Pass, "no GitHub Actions workflows in this work tree"
	case ciChecked(rep) == 0:
		r.Status, r.Summary = checks.Skip, "skipped: no workflow under "+ciworkflows.Dir+" could be checked ("+ciUnreadList(rep)+")"
	default:
		r.Status, r.Summary = checks.Pass, ciPassSummary(rep, gated)
	}
	return r
}

// ciKindText says what stands where a literal finding points.
func ciKindText(k ciworkflows.Kind) string {
	switch k {
	case ciworkflows.KeyLiteral:
		return "a key written into the file"
	case ciworkflows.ConfigVariable:
		return "a configuration variable (vars.), which GitHub neither encrypts nor masks in logs"
	case ciworkflows.Input:
		return "a workflow input, which is not a secret: GitHub does not mask it"
	}
	return "a plain value written into the file, not a secret (fine only for a dummy key)"
}

// ciPlace is "file:line (where)".
func ciPlace(f ciworkflows.Finding) string {
	s := f.File + ":" + strconv.Itoa(f.Line)
	if f.Where != "" {
		s += " (" + f.Where + ")"
	}
	return s
}

// ciNote is one finding's line under the result (the path and line come
// first on their own).
func ciNote(f ciworkflows.Finding) string {
	if f.Kind == ciworkflows.ForkExposure {
		return ciForkText(f)
	}
	s := ciKindText(f.Kind)
	if f.Name != "" {
		s = f.Name + ": " + s
	}
	if f.Where != "" {
		s += " (" + f.Where + ")"
	}
	return s
}

// ciLiteralSummary names the first finding, a key written into a workflow
// when there is one (that is what fails).
func ciLiteralSummary(fs []ciworkflows.Finding) string {
	first := fs[0]
	if i := slices.IndexFunc(fs, func(f ciworkflows.Finding) bool { return f.Kind == ciworkflows.KeyLiteral }); i >= 0 {
		first = fs[i]
	}
	name := first.Name
	if name == "" {
		name = openai.EnvAPIKey
	}
	s := name + " at " + ciPlace(first) + " is " + ciKindText(first.Kind)
	if first.Kind == ciworkflows.KeyLiteral && first.Name == "" {
		s = "a key is written into " + ciPlace(first)
	}
	return s + ciMore(len(fs))
}

// ciForkSummary says which job a fork's pull request can run with the key.
func ciForkSummary(f ciworkflows.Finding) string {
	return fmt.Sprintf("%s of %s runs on pull_request_target %s (line %d)%s", f.Where, f.File, ciForkWith(f), f.Line, ciForkNote(f))
}

// ciForkText is ciForkSummary under a finding's own path and line.
func ciForkText(f ciworkflows.Finding) string {
	return f.Where + " runs on pull_request_target " + ciForkWith(f) + ciForkNote(f)
}

func ciForkWith(f ciworkflows.Finding) string {
	if f.Name == "" {
		return "with every secret"
	}
	return "with " + f.Name
}

func ciForkNote(f ciworkflows.Finding) string {
	if f.Note == "" {
		return ""
	}
	return ": " + f.Note
}

func ciForksSummary(fs []ciworkflows.Finding) string {
	return ciForkSummary(fs[0]) + "; a fork's pull request can run it with the key" + ciMore(len(fs))
}

func ciMore(n int) string {
	if n > 1 {
		return fmt.Sprintf(" (and %d more, listed below)", n-1)
	}
	return ""
}

// ciFixName is the name the fix's line assigns: the first finding's, when
// it is one.
func ciFixName(fs []ciworkflows.Finding) string {
	for _, f := range fs {
		if f.Name != "" && f.Where != "" && !strings.HasPrefix(f.Where, "run of ") {
			return f.Name
		}
	}
	return openai.EnvAPIKey
}

// ciChecked counts the workflow files read and understood.
func ciChecked(rep ciworkflows.Report) int {
	unread := map[string]bool{}
	for _, u := range rep.Unread {
		unread[u.File] = true
	}
	n := 0
	for _, f := range rep.Files {
		if !unread[f] {
			n++
		}
	}
	return n
}

func ciUnreadList(rep ciworkflows.Report) string {
	var parts []string
	for _, u := range rep.Unread {
		parts = append(parts, u.File+": "+u.Why)
	}
	return strings.Join(parts, "; ")
}

func ciPassSummary(rep ciworkflows.Report, gated []ciworkflows.Finding) string {
	s := countFiles(ciChecked(rep), "workflow") + " checked"
	if len(rep.Mentioning) == 0 {
		s += ", none mentions " + openai.EnvAPIKey
	} else {
		s += ": " + openai.EnvAPIKey + " is never written into one or taken from a variable or input"
		if rep.FromSecrets > 0 {
			s += fmt.Sprintf(" (%d %s it from a secret)", rep.FromSecrets, ciPlural(rep.FromSecrets, "place takes", "places take"))
		}
	}
	if len(gated) > 0 {
		s += fmt.Sprintf("; %d pull_request_target %s the key behind an environment (see details)", len(gated), ciPlural(len(gated), "job gets", "jobs get"))
	}
	if len(rep.Unread) > 0 {
		s += "; could not check " + ciUnreadList(rep)
	}
	return s
}

func ciPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
