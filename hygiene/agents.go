package hygiene

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/agents"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
)

// agentsShellCaveat is true of every deny rule and ignore file: they stop
// an agent's file tools, not a shell command it runs.
const agentsShellCaveat = "these stop the agents' file tools only: a shell command such as `cat .env` run by the agent still reads the file"

// agentsCheck judges env.agents: whether the coding agents this work tree
// shows can read the dotenv files holding a key, and whether a known key
// is already in one of their transcripts of this work tree.
func agentsCheck(ctx context.Context, inv discover.Inventory, o discover.Options, left []leftover) checks.Result {
	root := inv.GitRoot
	if root == "" {
		root = inv.Dir
	}
	getenv := agentsGetenv(o)
	audit := agents.Check(agents.Options{Root: root, Files: dotenvKeyFiles(inv), Getenv: getenv})
	scan := agents.ScanTranscripts(ctx, agents.TranscriptOptions{Root: root, Getenv: getenv, Keys: agentsKnownKeys(inv, left)})

	r := checks.Result{ID: checks.EnvAgents, Status: checks.Pass, Summary: agentsPassSummary(audit, scan)}
	r.Detail = append(r.Detail, audit.Notes...)
	if f := agentsTranscriptResult(scan, true); f != nil {
		r = *f
	}
	if lines := agentsFixLines(audit); len(lines) > 0 {
		r = r.WithWarning(checks.CodeAgentReadable, agentsReadableSummary(audit),
			strings.Join(lines, "; ")+"; "+agentsShellCaveat)
	}
	if f := agentsTranscriptResult(scan, false); f != nil {
		r = r.WithWarning(f.Code, f.Summary, f.Fix, f.Detail...)
		r.Findings = append(r.Findings, f.Findings...)
	}
	if scan.Incomplete {
		r = r.WithWarning(checks.CodeScanIncomplete,
			fmt.Sprintf("the transcript scan stopped early (%s) after %d of %d files, newest first; older transcripts were not read", scan.Why, scan.Scanned, scan.Files),
			"run `openai-setup doctor --check "+checks.EnvAgents+" --timeout 60s` to give it longer")
	}
	return r
}

// agentsGetenv looks names up in the environment doctor was given, with
// the home folder doctor was told about when the environment lacks one.
func agentsGetenv(o discover.Options) func(string) string {
	getenv := discover.Getenv(o.Environ)
	return func(k string) string {
		if v := getenv(k); v != "" || k != "HOME" {
			return v
		}
		return o.Home // the home folder doctor was told about
	}
}

// agentsKnownKeys are the keys to look for: every configured
// OPENAI_API_KEY and OPENAI_ADMIN_KEY (current), and the keys in leftover
// temporary files of interrupted writes that are configured nowhere (old).
func agentsKnownKeys(inv discover.Inventory, left []leftover) []agents.Known {
	var known []agents.Known
	current := map[string]bool{}
	addCurrent := func(raw string) {
		if k, _ := apikey.Clean(raw); k != "" && !current[k] {
			current[k] = true
			known = append(known, agents.Known{Key: apikey.New(k), Current: true})
		}
	}
	for _, s := range inv.Sources {
		if s.Name == openai.EnvAPIKey && !s.Value.IsZero() {
			addCurrent(s.Value.Reveal())
		}
	}
	if !inv.Key.IsZero() {
		addCurrent(inv.Key.Reveal())
	}
	if !inv.AdminKey.IsZero() {
		addCurrent(inv.AdminKey.Reveal())
	}
	for _, l := range left {
		for _, k := range l.Keys {
			if s := k.Reveal(); !current[s] && apikey.Validate(s).Kind != apikey.KindOther {
				current[s] = true // once
				known = append(known, agents.Known{Key: k})
			}
		}
	}
	return known
}

// agentsTranscriptResult is the agent_transcript finding for the hits on
// current keys (fail) or on old keys only (warn), nil when there are none.
func agentsTranscriptResult(scan agents.TranscriptScan, current bool) *checks.Result {
	var hits []agents.Hit
	for _, h := range scan.Hits {
		if h.Current == current {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	r := &checks.Result{ID: checks.EnvAgents, Code: checks.CodeAgentTranscript, URL: openai.APIKeysURL}
	files := map[string]bool{}
	var where []string
	for _, h := range hits {
		r.Findings = append(r.Findings, checks.Finding{Path: h.Path, Line: h.Line, Fingerprint: h.Key.Fingerprint(), InUse: h.Current,
			Note: h.Agent.Name() + " transcript"})
		if !files[h.Path] {
			files[h.Path] = true
			where = append(where, h.Path)
		}
	}
	first := hits[0]
	loc := first.Path + ":" + strconv.Itoa(first.Line)
	if len(hits) > 1 {
		loc += fmt.Sprintf(" (and %d more)", len(hits)-1)
	}
	del := "delete " + strings.Join(where, ", ") + " (the transcript keeps the key as it was read)"
	if current {
		r.Status = checks.Fail
		r.Summary = fmt.Sprintf("the key %s, configured now, is in %s's transcript of this work tree: %s", first.Key.Fingerprint(), first.Agent.Name(), loc)
		r.Fix = "treat it as leaked: run `openai-setup rotate`, then " + del
	} else {
		r.Status = checks.Warn
		r.Summary = fmt.Sprintf("an old key %s (configured nowhere now) is in %s's transcript of this work tree: %s", first.Key.Fingerprint(), first.Agent.Name(), loc)
		r.Fix = "make sure that key is revoked on the API keys page, then " + del
	}
	return r
}

// agentsFixLines are the exact lines to add, one per agent and dotenv file.
func agentsFixLines(a agents.Audit) []string {
	var lines []string
	codex := false
	for _, e := range a.Uncovered() {
		switch {
		case e.Agent == agents.Codex:
			codex = true
		case e.Agent == agents.Claude:
			lines = append(lines, fmt.Sprintf("add %q to permissions.deny in %s (`openai-setup --with-key --agents-deny` adds it when it saves a key)", e.Add, e.Into))
		case e.Add != "":
			lines = append(lines, fmt.Sprintf("add the line %s to %s", e.Add, e.Into))
		default:
			lines = append(lines, fmt.Sprintf("%s cannot exclude %s, which is outside the work tree: keep the key out of files %s can reach", e.Agent.Name(), e.File, e.Agent.Name()))
		}
	}
	if codex {
		lines = append(lines, "Codex has no deny mechanism: keep the key outside the work tree (export OPENAI_API_KEY from your shell start-up file) and delete it from "+
			strings.Join(agentsFilesOf(a, agents.Codex), ", "))
	}
	return lines
}

func agentsFilesOf(a agents.Audit, agent agents.Agent) []string {
	var files []string
	for _, e := range a.Uncovered() {
		if e.Agent == agent {
			files = append(files, e.File)
		}
	}
	return files
}

// agentsReadableSummary names, per agent, the dotenv files it can read.
func agentsReadableSummary(a agents.Audit) string {
	var parts []string
	distinct := map[string]bool{}
	for _, s := range a.Agents {
		var names []string
		for _, f := range agentsFilesOf(a, s.Agent) {
			names = append(names, agentsShort(f, a))
			distinct[f] = true
		}
		if len(names) > 0 {
			parts = append(parts, s.Agent.Name()+" ("+filepath.Base(s.Sign)+") can read "+strings.Join(names, ", "))
		}
	}
	if len(distinct) == 1 {
		return strings.Join(parts, "; ") + ", which holds a key"
	}
	return strings.Join(parts, "; ") + ", which hold a key"
}

// agentsShort shows f relative to the work tree of the agents' signs.
func agentsShort(f string, a agents.Audit) string {
	if len(a.Agents) > 0 {
		if rel, err := filepath.Rel(filepath.Dir(a.Agents[0].Sign), f); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return f
}

func agentsPassSummary(a agents.Audit, scan agents.TranscriptScan) string {
	var parts []string
	switch {
	case len(a.Agents) == 0:
		parts = append(parts, "no coding agent's files in this work tree")
	case len(a.Exposures) == 0:
		parts = append(parts, "no dotenv file holds a key")
	case len(a.Uncovered()) == 0:
		parts = append(parts, "every dotenv file holding a key is covered by the agents' deny rules or ignore files (they stop the file tools, not a shell command)")
	}
	if read := scan.Scanned - scan.Foreign; read > 0 && len(scan.Hits) == 0 {
		parts = append(parts, fmt.Sprintf("no known key in the %s of this work tree read", countFiles(read, "agent transcript")))
	}
	return strings.Join(parts, "; ")
}
