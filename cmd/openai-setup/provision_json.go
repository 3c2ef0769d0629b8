package main

import (
	"slices"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/provision"
)

// provisionJSON is provision --json's schema, version 1. Add fields; never
// rename or remove one without bumping schema_version.
type provisionJSON struct {
	SchemaVersion  int                 `json:"schema_version"`
	OK             bool                `json:"ok"`
	DryRun         bool                `json:"dry_run"`
	Project        provisionJSONProj   `json:"project"`
	ServiceAccount *provisionJSONAcct  `json:"service_account"`
	Key            *jsonKey            `json:"key"`
	EnvFile        string              `json:"env_file"`
	Saved          bool                `json:"saved"`
	Receipts       []provision.Receipt `json:"receipts"`
	Checks         []jsonCheck         `json:"checks"`
	Plan           []string            `json:"plan,omitempty"`
	Notes          []string            `json:"notes,omitempty"`
	Undo           []string            `json:"undo,omitempty"`
	// Changes are the lines the save wrote (the key, .gitignore, the
	// OPENAI_BASE_URL line with --set-base-url).
	Changes []lineChange `json:"changes,omitempty"`
	Error   string       `json:"error"`
}

type provisionJSONProj struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Created bool   `json:"created"`
}

type provisionJSONAcct struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (p *provisionReport) writeJSON(err error) error {
	o := p.out
	doc := provisionJSON{
		SchemaVersion: 1, OK: err == nil, DryRun: p.req.DryRun,
		Project: provisionJSONProj{ID: o.Project.ID, Name: o.Project.Name, Created: o.ProjectCreated},
		EnvFile: p.envFile, Saved: p.saved != nil,
		Receipts: o.Receipts, Checks: []jsonCheck{}, Plan: o.Plan, Notes: append(slices.Clone(o.Notes), p.notes...),
	}
	if doc.Project.Name == "" {
		doc.Project.Name = p.req.Project
	}
	if doc.Receipts == nil {
		doc.Receipts = []provision.Receipt{}
	}
	if o.Account.ID != "" {
		doc.ServiceAccount = &provisionJSONAcct{ID: o.Account.ID, Name: o.Account.Name}
		if err != nil {
			doc.Undo = p.whatExists()
		}
	}
	if !o.Key.IsZero() {
		doc.Key = &jsonKey{Source: "service_account", Fingerprint: o.Key.Fingerprint(), Kind: string(o.Key.Kind())}
	}
	if p.saved != nil {
		doc.Changes = p.saved.Changes
	}
	if p.rep != nil {
		for _, r := range p.rep.Results {
			doc.Checks = append(doc.Checks, toJSONCheck(r, func(s string) string { return scrub(s, *p.rep) }))
		}
	}
	if err != nil {
		doc.Error = apikey.Scrub(err.Error(), o.Key) // slices of the new key too, not only whole keys
	}
	return writeJSON(p.app.Out, doc)
}
