package main

import (
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/agents"
	"github.com/setupkit/openai-setup/discover"
)

// denyStep is --agents-deny: the Claude Code Read deny rules planned for
// the dotenv file the key is saved to and every other dotenv file holding a
// key, written after the key.
type denyStep struct {
	plan    agents.DenyPlan
	root    string
	changes []lineChange
}

// planAgentsDeny works out the deny rules without writing. An unusable
// settings file (invalid JSON, a link out of the work tree) is an error, so
// nothing at all is written.
func planAgentsDeny(a *app, envFile string, inv discover.Inventory) (*denyStep, error) {
	return planAgentsDenyFor(a, inv, []string{absPath(a.Dir, envFile)})
}

// planAgentsDenyFor is planAgentsDeny for the dotenv files first (rotate:
// the files it writes), then every other dotenv file holding a key.
func planAgentsDenyFor(a *app, inv discover.Inventory, first []string) (*denyStep, error) {
	root := inv.GitRoot
	if root == "" {
		root = inv.Dir
	}
	files := slices.Clone(first)
	for _, f := range inv.KeyFiles {
		if slices.Contains(inv.DotenvFiles, f) && !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	p, err := agents.PlanClaudeDeny(root, files, appGetenv(a))
	if err != nil {
		return nil, err
	}
	d := &denyStep{plan: p, root: root}
	for _, r := range p.Rules {
		d.changes = append(d.changes, lineChange{File: display(a, p.Path), Action: "added", New: r + " (permissions.deny)"})
	}
	return d, nil
}

// apply writes the rules after the key was saved and records the outcome
// in rep. It reports false when the write failed: the key is saved, the
// rules are not, and rep says so.
func (d *denyStep) apply(a *app, rep *saveReport) bool {
	if len(d.plan.Rules) == 0 {
		return true
	}
	info, err := d.plan.Apply(d.root)
	if err != nil {
		rep.Warnings = append(rep.Warnings, "the key was saved, but the Claude Code deny rules were not: "+err.Error())
		return false
	}
	rep.Changes = append(rep.Changes, d.changes...)
	rep.Files = append(rep.Files, display(a, info.Target))
	return true
}

// appGetenv looks names up in the app's environment, with the app's home
// folder when the environment has no HOME.
func appGetenv(a *app) func(string) string {
	return func(k string) string {
		for i := len(a.Environ) - 1; i >= 0; i-- { // the last one wins, as getenv sees it
			if v, ok := strings.CutPrefix(a.Environ[i], k+"="); ok {
				return v
			}
		}
		if k == "HOME" {
			return a.Home
		}
		return ""
	}
}
