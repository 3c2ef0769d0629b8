package main

import (
	"errors"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/provision"
	"github.com/setupkit/openai-setup/rotate"
)

// rotateJSON is rotate --json's document, schema version 1. Add fields;
// never rename or remove one without bumping schema_version.
type rotateJSON struct {
	SchemaVersion int               `json:"schema_version"`
	OK            bool              `json:"ok"`
	DryRun        bool              `json:"dry_run"`
	Error         string            `json:"error,omitempty"` // rotate.Code: no_key, same_key, new_key_failed, replace_failed, still_valid, unknown, revoke_refused, revoke_failed, interrupted
	OldKey        *rotateOldKeyJSON `json:"old_key,omitempty"`
	Places        struct {
		Dotenv      []rotatePlaceJSON `json:"dotenv"`
		Startup     []rotatePlaceJSON `json:"startup"`
		Environment []string          `json:"environment"`
		Others      []rotatePlaceJSON `json:"others"` // a different key: not touched
		// Unread are the files not read whole (over the 1 MiB cap, a
		// FIFO, unreadable): each may still hold the old key. Never their
		// content.
		Unread []rotateUnreadJSON `json:"unread"`
	} `json:"places"`
	NewKey *rotateNewKeyJSON `json:"new_key,omitempty"`
	Files  []rotateFileJSON  `json:"files"`
	// Todos are the changes left to the user (start-up lines, this shell's
	// environment, what the write left in the files), as typed data.
	Todos      []rotate.Todo         `json:"todos"`
	History    *jsonCheck            `json:"history,omitempty"`
	Revocation *rotateRevocationJSON `json:"revocation,omitempty"`
	// Deleted is what --revoke deleted through the Admin API.
	Deleted *rotate.Receipt `json:"deleted,omitempty"`
	// RevokeError says why --revoke deleted nothing (error revoke_refused
	// or revoke_failed).
	RevokeError string `json:"revoke_error,omitempty"`
	// Receipts are the changes made through the Admin API (the service
	// account --create-key made, what --revoke deleted), as provision
	// lists them.
	Receipts []provision.Receipt `json:"receipts"`
	// CreateError says why --create-key made no key (error create_refused
	// or create_failed).
	CreateError string `json:"create_error,omitempty"`
	// ServiceAccount is what --create-key made.
	ServiceAccount *rotateAccountJSON `json:"service_account,omitempty"`
	// Also are lines written besides the key (the OPENAI_BASE_URL line,
	// Claude Code deny rules).
	Also []rotateAlsoJSON `json:"also_written,omitempty"`
	// LeakedKeyUsage is what the revoked key cost and used.
	LeakedKeyUsage *rotateUsageJSON `json:"leaked_key_usage,omitempty"`
	Notes          []string         `json:"notes,omitempty"`
	// Undo says how to delete what --create-key made, when the rotation
	// stopped before every file held its key.
	Undo []string `json:"undo,omitempty"`
}

type rotateAccountJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ProjectID string `json:"project_id"`
	Project   string `json:"project"`
}

type rotateAlsoJSON struct {
	What    string       `json:"what"`
	Written bool         `json:"written"`
	Changes []lineChange `json:"changes"`
	Error   string       `json:"error,omitempty"`
}

type rotateUsageJSON struct {
	Summary string `json:"summary"`
	Known   bool   `json:"known"` // false: it could not be told (summary says why)
}

type rotateOldKeyJSON struct {
	Fingerprint string          `json:"fingerprint"`
	State       rotate.KeyState `json:"state"` // before the rotation: revoked, still_valid, unknown
	Check       *jsonCheck      `json:"check,omitempty"`
}

type rotateNewKeyJSON struct {
	Fingerprint string      `json:"fingerprint"`
	Source      string      `json:"source"` // "stdin" or "service_account" (--create-key)
	Checks      []jsonCheck `json:"checks"`
	// CheckedAt is the regional base URL the checks ran against again
	// (--set-base-url).
	CheckedAt string `json:"checked_at,omitempty"`
}

// rotateUnreadJSON is one file rotate could not read whole.
type rotateUnreadJSON struct {
	Path string `json:"path"`
	Kind string `json:"kind"` // dotenv or startup_file
	Why  string `json:"why"`  // "stopped at the 1 MiB cap", "a named pipe, not read"
}

type rotateRevocationJSON struct {
	URL      string            `json:"url"`
	Waited   bool              `json:"waited"`
	Outcome  rotate.Revocation `json:"outcome"` // revoked, still_valid, unknown, already_revoked, not_waited
	Attempts int               `json:"attempts,omitempty"`
	Note     string            `json:"note,omitempty"`
}

type rotatePlaceJSON struct {
	Path        string `json:"path,omitempty"`
	Line        int    `json:"line,omitempty"`
	Name        string `json:"name,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Tracked     bool   `json:"tracked,omitempty"`
	Dynamic     bool   `json:"dynamic,omitempty"`
}

type rotateFileJSON struct {
	Path    string       `json:"path"`
	Tracked bool         `json:"tracked"`
	Written bool         `json:"written"`
	Error   string       `json:"error,omitempty"`
	Changes []lineChange `json:"changes"`
	// Left are lines rotate left as they are: a copy of the old key
	// (kind "copy"), or a variable holding a different key ("other_key").
	Left []rotate.Todo `json:"left,omitempty"`
}

// jsonSink collects the rotation into one rotateJSON, written by end.
// Every text in it goes through scrub with both keys.
type jsonSink struct {
	a           *app
	o           *rotateOptions
	keys        []apikey.Key
	doc         rotateJSON
	made        *rotate.Created
	replacedAll bool
	written     []string
}

func newJSONSink(o *rotateOptions) *jsonSink {
	j := &jsonSink{a: o.app, o: o}
	j.doc.Receipts = []provision.Receipt{}
	j.doc.SchemaVersion, j.doc.DryRun = 1, o.DryRun
	j.doc.Places.Dotenv, j.doc.Places.Startup, j.doc.Places.Others = []rotatePlaceJSON{}, []rotatePlaceJSON{}, []rotatePlaceJSON{}
	j.doc.Places.Environment, j.doc.Files, j.doc.Todos = []string{}, []rotateFileJSON{}, []rotate.Todo{}
	j.doc.Places.Unread = []rotateUnreadJSON{}
	return j
}

func (j *jsonSink) scrub(s string) string { return apikey.Scrub(s, j.keys...) }

func toJSONCheck(r checks.Result, scrub func(string) string) jsonCheck {
	c := jsonCheck{ID: r.ID, Status: r.Status, Code: string(r.Code), Summary: scrub(r.Summary), Fix: scrub(r.Fix),
		URL: r.URL, RequestID: r.RequestID, DurationMS: r.Duration.Milliseconds(), Findings: r.Findings, Data: r.Data}
	for _, d := range r.Detail {
		c.Detail = append(c.Detail, scrub(d))
	}
	return c
}

func (j *jsonSink) began(s *rotate.Session) {
	p, old := s.Places(), s.Old()
	j.keys = append(j.keys, old)
	fp := old.Fingerprint()
	for _, f := range p.Files {
		for _, l := range f.Lines {
			j.doc.Places.Dotenv = append(j.doc.Places.Dotenv, rotatePlaceJSON{Path: l.Path, Line: l.Line, Name: l.Name, Fingerprint: fp, Tracked: f.Tracked})
		}
	}
	for _, l := range p.Startup {
		j.doc.Places.Startup = append(j.doc.Places.Startup, rotatePlaceJSON{Path: l.Path, Line: l.Line, Name: l.Name, Fingerprint: fp, Dynamic: l.Dynamic})
	}
	j.doc.Places.Environment = append(j.doc.Places.Environment, p.Environment...)
	for _, o := range p.Others {
		j.doc.Places.Others = append(j.doc.Places.Others, rotatePlaceJSON{Path: o.Path, Line: o.Line, Name: o.Name, Fingerprint: o.Value.Fingerprint()})
	}
	for _, u := range p.Unread {
		j.doc.Places.Unread = append(j.doc.Places.Unread, rotateUnreadJSON{Path: j.scrub(u.Path), Kind: string(u.Kind), Why: u.Why})
	}
	j.doc.OldKey = &rotateOldKeyJSON{Fingerprint: fp, State: rotate.KeyUnknown}
}

func (j *jsonSink) oldChecked(c rotate.OldCheck, skipped bool) {
	if skipped {
		return
	}
	jc := toJSONCheck(c.Auth, j.scrub)
	j.doc.OldKey.Check, j.doc.OldKey.State = &jc, c.State
}

func (j *jsonSink) createGuide() {}

func (j *jsonSink) created(c rotate.Created, err error) {
	if err != nil {
		j.doc.CreateError = j.scrub(err.Error())
		return
	}
	j.made = &c
	j.keys = append(j.keys, c.Key)
	j.doc.Receipts = append(j.doc.Receipts, madeReceipt(c))
	j.doc.ServiceAccount = &rotateAccountJSON{ID: c.Account.ID, Name: c.Account.Name, ProjectID: c.Project.ID, Project: c.Project.Name}
}

func (j *jsonSink) newChecked(key apikey.Key, rep checks.Report) {
	j.keys = append(j.keys, key)
	nk := &rotateNewKeyJSON{Fingerprint: key.Fingerprint(), Source: "stdin", Checks: []jsonCheck{}}
	if j.made != nil {
		nk.Source = "service_account"
	}
	for _, r := range rep.Results {
		nk.Checks = append(nk.Checks, toJSONCheck(r, j.scrub))
	}
	j.doc.NewKey = nk
}

func (j *jsonSink) rechecked(baseURL string, rep checks.Report) {
	j.doc.NewKey.Checks, j.doc.NewKey.CheckedAt = []jsonCheck{}, baseURL
	for _, r := range rep.Results {
		j.doc.NewKey.Checks = append(j.doc.NewKey.Checks, toJSONCheck(r, j.scrub))
	}
}

func (j *jsonSink) note(text string) { j.doc.Notes = append(j.doc.Notes, j.scrub(text)) }

func (j *jsonSink) extraPlanned(what string, changes []lineChange) {
	j.doc.Also = append(j.doc.Also, rotateAlsoJSON{What: what, Changes: nonNil(changes)})
}

func (j *jsonSink) extraWritten(what string, changes []lineChange, err error) {
	a := rotateAlsoJSON{What: what, Written: err == nil, Changes: nonNil(changes)}
	if err != nil {
		a.Error = j.scrub(err.Error())
	}
	j.doc.Also = append(j.doc.Also, a)
}

func nonNil(changes []lineChange) []lineChange {
	if changes == nil {
		return []lineChange{}
	}
	return changes
}

func (j *jsonSink) leakUsage(line string, ok bool) {
	j.doc.LeakedKeyUsage = &rotateUsageJSON{Summary: j.scrub(line), Known: ok}
}

func (j *jsonSink) planned([]rotate.FileResult) {}

func (j *jsonSink) replaced(results []rotate.FileResult, err error) {
	for _, r := range results {
		fj := rotateFileJSON{Path: r.Path, Tracked: r.Tracked, Written: r.Written, Changes: []lineChange{}, Left: r.Left}
		for _, c := range r.Changes {
			fj.Changes = append(fj.Changes, toLineChange(placeName(j.a, r.Path, 0), c))
		}
		if r.Err != nil {
			fj.Error = j.scrub(fileErrorText(j.a, r, " or pass --force"))
		}
		if r.Written {
			j.written = append(j.written, placeName(j.a, r.Path, 0))
		}
		j.doc.Files = append(j.doc.Files, fj)
	}
	j.replacedAll = err == nil && !j.o.DryRun
}

func (j *jsonSink) todos(todos []rotate.Todo, _ apikey.Key) {
	j.doc.Todos = append(j.doc.Todos, todos...)
}

func (j *jsonSink) history(r checks.Result) {
	c := toJSONCheck(r, j.scrub)
	j.doc.History = &c
}

func (j *jsonSink) revokeGuide() {}

func (j *jsonSink) revokedByAPI(r rotate.Receipt, err error) {
	if err != nil {
		j.doc.RevokeError = j.scrub(err.Error())
		return
	}
	j.doc.Deleted = &r
	j.doc.Receipts = append(j.doc.Receipts, provision.Receipt{Action: "deleted", Object: r.What, ID: r.ID, Name: r.Name})
}

func (j *jsonSink) notWaiting(rev rotate.Revocation, why string) {
	j.doc.Revocation = &rotateRevocationJSON{URL: rotate.KeysURL, Outcome: rev, Note: why}
}

func (j *jsonSink) waitStarted(time.Duration, time.Duration) {
	j.doc.Revocation = &rotateRevocationJSON{URL: rotate.KeysURL, Waited: true}
}

func (j *jsonSink) polled(p rotate.Poll) { j.doc.Revocation.Attempts = p.Attempt }

func (j *jsonSink) waitEnded(rev rotate.Revocation) { j.doc.Revocation.Outcome = rev }

// end writes the document, unless err is not rotate's (a usage error).
func (j *jsonSink) end(err error) error {
	if err != nil && rotate.Code(err) == "" {
		return err
	}
	j.doc.OK, j.doc.Error = err == nil, rotate.Code(err)
	if errors.As(err, new(*refusedError)) {
		j.note(err.Error())
	}
	if err != nil {
		for _, l := range madeUndo(j.o, j.made, j.replacedAll, j.written) {
			j.doc.Undo = append(j.doc.Undo, j.scrub(l))
		}
	}
	if werr := writeJSON(j.a.Out, j.doc); werr != nil {
		return werr
	}
	return rotateExit(err)
}
