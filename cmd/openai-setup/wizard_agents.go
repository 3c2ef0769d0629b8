package main

import (
	"path/filepath"
	"slices"

	"github.com/setupkit/openai-setup/agents"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/termtext"
	"github.com/setupkit/openai-setup/tui"
)

// planWizardDeny is the Save screen's toggle for a save to target (an
// absolute path): the Claude Code deny rules --agents-deny would add, when
// the work tree shows Claude Code in use and a rule is missing. The step is
// what the toggle writes; the offer what the screen shows (with Err when
// the settings file cannot be edited). Neither when nothing is to offer.
// inv is the wizard's inventory (the other dotenv files holding a key);
// the settings files are read afresh, as the write goes by this plan.
func planWizardDeny(a *app, target string, inv discover.Inventory) (*denyStep, *tui.AgentsPlan) {
	root := inv.GitRoot
	if root == "" {
		root = inv.Dir
	}
	seen := agents.Detect(root)
	i := slices.IndexFunc(seen, func(s agents.Seen) bool { return s.Agent == agents.Claude })
	if i < 0 {
		return nil, nil
	}
	offer := &tui.AgentsPlan{Agent: agents.Claude.Name(), Sign: termtext.Safe(filepath.Base(seen[i].Sign))}
	d, err := planAgentsDeny(a, target, inv)
	if err != nil {
		offer.Err = termtext.Safe(err.Error())
		return nil, offer
	}
	if len(d.plan.Rules) == 0 {
		return nil, nil // every dotenv file holding a key is covered already
	}
	offer.File = termtext.Safe(display(a, d.plan.Path))
	for _, c := range d.changes {
		offer.Lines = append(offer.Lines, termtext.Safe(c.String()))
	}
	return d, offer
}

// agentsWritten are the deny rules a save wrote, for the Done screen.
func agentsWritten(a *app, d *denyStep, rep saveReport) []string {
	if d == nil || !slices.Contains(rep.Files, display(a, d.plan.Path)) {
		return nil
	}
	var out []string
	for _, r := range d.plan.Rules {
		out = append(out, termtext.Safe(r+" to "+display(a, d.plan.Path)+" (permissions.deny)"))
	}
	return out
}
