// Package tui is the full-screen openai-setup wizard: one Bubble Tea model
// that walks a developer from no account to a checked, saved API key. With
// Options.Rotate the same model runs `openai-setup rotate`: it shares the
// key step, paste and checks screens, and replaces Save with Replace and
// Revoke (rotate_*.go, screen_rotate_*.go).
//
// It owns the state machine and nothing else. It does no I/O itself: it
// reaches the world (checks, the .env editor, the browser) only through the
// functions in Options, always from a tea.Cmd. It imports steps, and checks,
// apikey and rotate for their types; never cmd, envfile or the HTTP code.
package tui

import (
	"context"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
)

// Options are what the wizard shows and the effects it may cause.
type Options struct {
	// Context is the command's: every run, write and wait the wizard starts
	// derives from it. Required: New panics without it.
	Context  context.Context
	Steps    []steps.Step  // dashboard steps, in order
	Existing *Existing     // a key already configured, or nil
	Checks   []checks.Spec // the checks the Checks screen shows, in order
	// RunChecks runs the checks on key, calling onResult once per check as
	// each finishes (from any goroutine), and returns when all are done or
	// ctx is cancelled. The wizard cancels ctx when the user goes back.
	RunChecks func(ctx context.Context, key apikey.Key, onResult func(checks.Result))
	// CheckPath says where path is (its absolute folder, whether that is
	// missing or in a git repository) and why it must not be the save target
	// (a folder, a source file, …), or nil error. nil skips the check.
	CheckPath func(path string) (SaveTarget, error)
	// CreateDir makes the missing folder of path, readable only by this
	// user; the Save screen offers it when CheckPath says the folder is
	// missing. nil: the user creates it.
	CreateDir func(path string) error
	// PlanSave says what saving would change, without writing.
	PlanSave func(envPath string, key apikey.Key) (SavePlan, error)
	// Save writes the key to envPath (and the .gitignore entry).
	Save func(envPath string, key apikey.Key) (SaveReport, error)
	// SaveAnyway is Save for one write the user agreed to after the plan
	// said git could not tell whether the file is tracked
	// (SavePlan.TrackedUnknown): it writes even so. nil: never offered.
	SaveAnyway func(envPath string, key apikey.Key) (SaveReport, error)
	// SaveWith is Save (SaveAnyway with c.Anyway) that also writes the
	// plan's agent deny rules (SavePlan.Agents) when c.AgentsDeny, under
	// the dotenv file's lock after the key. nil: the toggle is not offered.
	SaveWith func(envPath string, key apikey.Key, c SaveChoice) (SaveReport, error)
	// RunFreeChecks runs the same checks without the one paid request (as
	// --no-spend does). When set, and NoSpend is false, the Checks screen
	// asks first: enter runs every check, n runs these.
	RunFreeChecks func(ctx context.Context, key apikey.Key, onResult func(checks.Result))
	// NoSpend is set when the command was told never to spend (--no-spend):
	// RunChecks makes no paid request, so the screen does not ask.
	NoSpend bool
	// CheckSaved reads the saved state again after a save (the source and
	// git checks on envPath) and says whether an app started now gets key.
	CheckSaved func(ctx context.Context, envPath string, key apikey.Key) SavedCheck
	// OpenURL opens a page in the browser; it may block briefly and is
	// always called from a tea.Cmd.
	OpenURL func(url string) error
	// CopyLocal copies text to this machine's clipboard, from a tea.Cmd;
	// nil over SSH or where there is none (c then uses only the terminal's
	// clipboard, OSC 52).
	CopyLocal func(text string) error
	// AutoOpen opens each step's page on entering the step. When false
	// (--no-browser, no display, SSH, a container) only o opens it.
	AutoOpen bool
	// BrowserNote says why AutoOpen is off, shown under the link.
	BrowserNote string
	EnvPath     string // default save path, editable on the Save screen
	KeyName     string // suggested key name, e.g. openai-setup@myhost
	// OfferRotate lists "My key leaked" on Welcome: choosing it ends the
	// wizard with Outcome.StartRotate, and the command starts rotate.
	OfferRotate bool
	// RegionalBaseURL says which base URL fixes a failed result: for
	// api.auth regional_hostname naming a regional OpenAI host, its
	// https://…/v1; else "". The Checks screen offers to write it (w).
	RegionalBaseURL func(r checks.Result) string
	// WriteBaseURL writes OPENAI_BASE_URL=url into the dotenv file at
	// envPath through the key's own writer, from a tea.Cmd; the checks
	// run after it use that base URL. nil: never offered.
	WriteBaseURL func(envPath, url string) (SaveReport, error)
	// PushOffers are the push targets the work tree shows signs of; the
	// Done screen shows each one's command, and p runs it through Push.
	PushOffers []PushOffer
	// Push stores key in target's secret store through its CLI (the key on
	// the CLI's standard input only) and reads it back, from a tea.Cmd.
	// nil: no offer is shown.
	Push func(ctx context.Context, target string, key apikey.Key) PushResult
	// Rotate, when set, makes this the rotate flow: it replaces the Welcome
	// screen with what the old key is, and Save with Replace and Revoke.
	Rotate *RotateOptions
	// Provision, when set, offers Welcome's "I have an admin key" route:
	// the key is made through the Admin API, then saved and checked.
	Provision *ProvisionOptions
}

// Existing is a key already configured where apps would read it.
type Existing struct {
	Fingerprint string     // e.g. sk-proj-…Ab3d
	Source      string     // where it was found, for people (".env line 3")
	Key         apikey.Key // the key itself, to check it in place
}

// SavePlan is what saving would change: one line per change, with the key
// only as its fingerprint.
type SavePlan struct {
	Lines []string
	// TrackedUnknown, when set, is why git could not say whether the file
	// is tracked (one phrase, safe to show): Lines are what saving anyway
	// would change, and the screen asks before writing.
	TrackedUnknown string
	Target         SaveTarget // CheckPath's answer, filled in by the wizard
	// Agents, when set, is the AI-agent deny rules the Save screen's
	// toggle would also write (only when the work tree shows the agent).
	Agents *AgentsPlan
}

// SaveTarget is where a save would go, as CheckPath found it.
type SaveTarget struct {
	Dir        string // the absolute folder
	DirMissing bool   // Dir does not exist yet: offer CreateDir
	InRepo     bool   // Dir is inside a git work tree
}

// SaveReport is what saving did.
type SaveReport struct {
	Files    []string // files written
	Lines    []string // what changed, for people
	Warnings []string
	Agents   []string // the agent deny rules written, e.g. "Read(./.env) to .claude/settings.local.json"
}

// SavedCheck is what an app started after the save would get.
type SavedCheck struct {
	Results []checks.Result // key.sources, env.gitignore, env.tracked on the saved files
	Shadow  *Shadow         // nil when apps get the saved key
}

// Shadow says which other key apps get instead of the saved one.
type Shadow struct {
	Fingerprint string   // the key apps get instead
	From        string   // where it comes from: "this shell's environment", "~/.zshrc:12"
	Commands    []string // exactly what to run or delete, one per line
}

// Outcome is how the wizard ended, for the caller's summary and exit code.
type Outcome struct {
	Saved       bool     // a key was written
	Kept        bool     // the existing key was kept (and checked); nothing written
	Fingerprint string   // the saved or kept key's fingerprint
	Files       []string // files written
	Quit        bool     // the user quit before the end
	Interrupted bool     // ctrl+c with nothing unsaved: exit 130
	// QuitUnsaved: the user quit (confirmed, or ctrl+c twice) with a key
	// pasted and not saved: exit 3.
	QuitUnsaved bool
	// Snippets are the code lines that read the saved or kept key, printed
	// to the terminal on exit.
	Snippets []string
	// Shadowed: the key was saved, but apps get another one (Shadow says
	// which); Failing: the saved key failed these checks. Either exits 1.
	Shadowed bool
	Failing  []string
	// StartRotate: the user chose "My key leaked"; run rotate next.
	StartRotate bool
	// Todo is what remains to do, printed to the terminal on exit.
	Todo []string
	// Rotate only: the new key was written to Files (or no file held the
	// old key), and what is known of the old key's revocation.
	Rotated    bool
	Revocation rotate.Revocation // what is known of the old key's revocation
	// Unsaved: the user quit with a new key written nowhere (exit 3).
	Unsaved bool
	// AdminRevoked is what the rotate wizard deleted through the Admin
	// API ("" nothing), and LeakUsage what the old key had used.
	AdminRevoked, LeakUsage string
	// Pushed says, one line each, where the Done screen's p stored the key
	// and read it back.
	Pushed []string
	// BaseURL is the OPENAI_BASE_URL the rotate wizard wrote into Files
	// after the new key (a regional host), or "".
	BaseURL string
}

// minSpin is how long a check line keeps its spinner at least, so that a
// fast answer does not flash by unseen.
const minSpin = 750 * time.Millisecond
