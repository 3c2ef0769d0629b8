package tui

import (
	"context"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/rotate"
)

// RotateOptions turn the wizard into the rotate flow: what the old key is and
// where it lives, then create, paste and check the new key, replace the old
// one in the files the user ticks, and revoke the old key while the screen
// waits for the API to reject it. Every string here is safe to show: keys
// appear only as fingerprints or placeholders.
type RotateOptions struct {
	Old      apikey.Key // the key being replaced
	OldLabel string     // why this key, e.g. "the key apps here use"
	// Files are the dotenv files holding Old, nearest first.
	Files []RotateFile
	// Elsewhere are other places holding Old that rotate cannot write (shell
	// start-up lines, this process's environment), for people.
	Elsewhere []string
	// Others are settings holding a different key: not touched.
	Others []string
	// Unread say, one sentence each, the files not read whole (over the
	// read cap, a FIFO, unreadable): each may still hold Old, so no screen
	// may say that nothing holds it; the Done screen lists them as to-dos.
	Unread []string
	// CheckOld asks the API about the old key and scans git history for it.
	CheckOld func(ctx context.Context) OldKeyCheck
	// PlanReplace says what writing key to the files at paths would change,
	// writing nothing. Refusals come back per file.
	PlanReplace func(paths []string, key apikey.Key) ([]FileChange, error)
	// Replace writes key to the files at paths; it plans all of them first
	// and writes none if one is refused.
	Replace func(paths []string, key apikey.Key) ([]FileChange, error)
	// Todo says what the user must change by hand for key (start-up file
	// lines, open a new terminal), one paragraph each.
	Todo func(key apikey.Key) []string
	// RevokeSteps say how to revoke the old key on the dashboard.
	RevokeSteps []string
	// Unseen are places a key usually also lives that rotate cannot see (CI
	// secrets, a host's environment variables, teammates' .env files),
	// shown as a checklist before revoking.
	Unseen []string
	// WaitRevoked polls the old key until the API rejects it, calling onPoll
	// after each poll, for at most Wait; nil when rotate may not wait (no
	// network checks). ctx ends it early.
	WaitRevoked func(ctx context.Context, onPoll func(rotate.Poll)) rotate.KeyState
	Wait        time.Duration // the bound of WaitRevoked, for the count-down
	NoWaitNote  string        // why there is no waiting, when WaitRevoked is nil
	KeysURL     string        // the dashboard page listing keys
	// RevokeWithAdmin deletes the old key through the Admin API, set when
	// an admin key is available: the Revoke screen then asks first, and
	// confirms with WaitRevoked. nil: the dashboard path only.
	RevokeWithAdmin func(ctx context.Context) AdminRevoke
	AdminKey        string // the admin key's fingerprint, to name it
	// AdminNote says why an admin key that was given is not used (shown on
	// the Revoke screen's dashboard path).
	AdminNote string

	// The regional fix, offered when the new key's checks end with a
	// failure Options.RegionalBaseURL maps to a regional OpenAI host. nil
	// CheckNewAt or WriteBaseURL: never offered.
	//
	// CheckNewAt runs the new key's checks again against baseURL.
	CheckNewAt func(ctx context.Context, key apikey.Key, baseURL string, onResult func(checks.Result))
	// RegionalBlocker says why an OPENAI_BASE_URL line for url in the
	// files would not be used here (--base-url given, the shell's
	// environment sets it), or "": then nothing is offered, and it is said.
	RegionalBlocker func(url string) string
	// WriteBaseURL writes OPENAI_BASE_URL=url into the files at paths
	// (those just written with the new key) through the .env editor, under
	// each file's lock; the report's Lines are the changes.
	WriteBaseURL func(paths []string, url string) (SaveReport, error)
}

// AdminRevoke is what RevokeWithAdmin did: what it deleted, or why it
// deleted nothing, and what the old key used (both safe to show).
type AdminRevoke struct {
	Deleted string // "project API key \"laptop\" (key_…) in project \"app\"": "" when nothing was deleted
	Err     string // why nothing was deleted
	Usage   string // what the old key cost and used, or why that is not known
}

// RotateFile is one dotenv file holding the old key.
type RotateFile struct {
	Path    string // as Replace wants it
	Display string // for people: "./.env"
	Word    string // Display as one shell word, for commands ("" = Display)
	Lines   string // where in it: "line 3 (OPENAI_API_KEY)"
	Tracked bool   // git tracks it: ticking it writes the new key into git's view
	Ticked  bool   // ticked at the start
}

// FileChange is what replacing did, or would do, to one file.
type FileChange struct {
	Path    string   // as given to PlanReplace/Replace
	Lines   []string // the line changes, values as fingerprints
	Written bool
	Err     string // why this file was refused or failed; it is unchanged
}

// OldKeyCheck is CheckOld's answer.
type OldKeyCheck struct {
	State   rotate.KeyState
	Summary string   // the auth check's words
	History []string // paragraphs on git history, empty when not found there
}
