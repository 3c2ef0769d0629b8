package main

import (
	"encoding/json"
	"io"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/openai"
)

// jsonReport is doctor --json's schema, version 1. Add fields; never rename
// or remove one without bumping schema_version.
type jsonReport struct {
	SchemaVersion int          `json:"schema_version"`
	OK            bool         `json:"ok"`
	Key           *jsonKey     `json:"key"`
	BaseURL       string       `json:"base_url"`
	BaseURLFrom   string       `json:"base_url_from"`
	Model         string       `json:"model"`
	NoSpend       bool         `json:"no_spend"`
	Sources       []jsonSource `json:"sources"`
	// UnreadFiles are dotenv and start-up files not read whole: a setting
	// in them is unknown to doctor.
	UnreadFiles []jsonUnread `json:"unread_files,omitempty"`
	Checks      []jsonCheck  `json:"checks"`
}

type jsonUnread struct {
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	Outcome string `json:"outcome"` // truncated, special or failed
	Why     string `json:"why"`
}

type jsonKey struct {
	Source      string `json:"source"`
	Fingerprint string `json:"fingerprint"`
	Kind        string `json:"kind"`
}

type jsonSource struct {
	Kind  string `json:"kind"`
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Line  int    `json:"line,omitempty"`
	Value string `json:"value"` // a fingerprint for OPENAI_API_KEY
	Wins  bool   `json:"wins"`
	Note  string `json:"note,omitempty"`
}

type jsonCheck struct {
	ID         string           `json:"id"`
	Status     checks.Status    `json:"status"`
	Code       string           `json:"code,omitempty"`
	Summary    string           `json:"summary"`
	Fix        string           `json:"fix,omitempty"`
	URL        string           `json:"url,omitempty"`
	RequestID  string           `json:"request_id,omitempty"`
	DurationMS int64            `json:"duration_ms"`
	Detail     []string         `json:"detail,omitempty"`
	Findings   []checks.Finding `json:"findings,omitempty"`
	Data       checks.Counts    `json:"data,omitempty"`
}

// buildJSONReport turns a report into the JSON schema, scrubbing every text.
func buildJSONReport(rep checks.Report) jsonReport {
	out := jsonReport{
		SchemaVersion: 1, OK: rep.OK(), BaseURL: openai.MaskURL(rep.BaseURL), BaseURLFrom: rep.BaseFrom,
		Model: rep.Model, NoSpend: rep.NoSpend,
		Sources: []jsonSource{}, Checks: []jsonCheck{},
	}
	if k := rep.Inventory.Key; !k.IsZero() {
		out.Key = &jsonKey{Source: rep.KeySource, Fingerprint: k.Fingerprint(), Kind: string(k.Kind())}
	}
	for _, s := range rep.Inventory.Sources {
		v := s.Plain
		if s.Name == "OPENAI_API_KEY" {
			v = s.Value.Fingerprint()
		}
		out.Sources = append(out.Sources, jsonSource{Kind: string(s.Kind), Name: s.Name, Path: s.Path, Line: s.Line,
			Value: scrub(v, rep), Wins: s.Wins, Note: scrub(s.Note, rep)})
	}
	for _, f := range rep.Inventory.UnreadFiles {
		out.UnreadFiles = append(out.UnreadFiles, jsonUnread{Path: f.Path, Kind: string(f.Kind), Outcome: f.Outcome.String(), Why: f.Why})
	}
	for _, r := range rep.Results {
		out.Checks = append(out.Checks, toJSONCheck(r, func(s string) string { return scrub(s, rep) }))
	}
	return out
}

func writeJSONReport(w io.Writer, rep checks.Report) error {
	return writeJSON(w, buildJSONReport(rep))
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	// Belt and braces: nothing key-shaped leaves through JSON either.
	b = []byte(apikey.Scrub(string(b)))
	_, err = w.Write(append(b, '\n'))
	return err
}
