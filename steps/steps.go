// Package steps holds the onboarding steps of the openai-setup wizard as
// data: what to do on the OpenAI dashboard, in which order, and which page to
// open. It does no rendering and imports nothing from the project and no
// Charm package, so both the full-screen wizard and the plain accessible
// prompts show the same words.
package steps

import (
	"path/filepath"
	"strings"
	"time"
)

// Step ids. They are stable: tests and the wizard refer to them.
const (
	Account = "account"
	Billing = "billing"
	Project = "project"
	Key     = "key"
)

// KeyNamePlaceholder stands in a step's text for the suggested key name
// (see KeyName); Step.WithKeyName fills it in.
const KeyNamePlaceholder = "{key-name}"

// Step is one thing to do on the OpenAI dashboard.
type Step struct {
	ID    string // stable id, unique
	Title string // short heading
	// Body is short paragraphs; a paragraph starting with "- " is a bullet.
	Body []string
	// URL is the dashboard page for this step (https, platform.openai.com).
	URL string
	// More are other pages that help with this step.
	More []Link
	// Skippable steps may be skipped by someone who has done them already.
	Skippable bool
}

// Link is a labelled web address.
type Link struct {
	Label string
	URL   string
}

// URLs of the dashboard pages, from the OpenAI platform.
const (
	SignupURL   = "https://platform.openai.com/signup"
	LoginURL    = "https://platform.openai.com/login"
	BillingURL  = "https://platform.openai.com/settings/organization/billing/overview"
	LimitsURL   = "https://platform.openai.com/settings/organization/limits"
	ProjectsURL = "https://platform.openai.com/settings/organization/projects"
	APIKeysURL  = "https://platform.openai.com/api-keys"
	UsageURL    = "https://platform.openai.com/usage"
)

// All returns the onboarding steps in order. The slice and its contents are
// fresh on every call, so callers may change them. The words follow what
// the dashboard shows: its buttons and the "Create new secret key" dialog.
func All() []Step {
	return []Step{
		{
			ID:    Account,
			Title: "Create your OpenAI platform account",
			Body: []string{
				"Sign up, or log in if you already have an account (a ChatGPT login works too).",
				"- Sign up with email and password, then click the link in the verification email; or use Google, Microsoft or Apple.",
				"- A \"Personal\" organization is created for you on the way.",
				"- Turn on two-step verification (Settings, Security): an API account spends money.",
			},
			URL:       SignupURL,
			More:      []Link{{Label: "Log in", URL: LoginURL}},
			Skippable: true,
		},
		{
			ID:    Billing,
			Title: "Add a payment method and buy credits",
			Body: []string{
				"The API is prepaid and separate from ChatGPT: a ChatGPT subscription does not pay for API calls, and new accounts get no free credits.",
				"- Click \"Add payment details\" and add a card, then buy credits (at least $5). Once a card is on file the button reads \"Add to credit balance\".",
				"- A card hold or a pending charge is not credit: keys work once the balance shows credits.",
				"- Under Limits, set a monthly budget and an email alert so a bug cannot run up a bill.",
			},
			URL:       BillingURL,
			More:      []Link{{Label: "Limits", URL: LimitsURL}},
			Skippable: true,
		},
		{
			ID:    Project,
			Title: "Create a project for this app",
			Body: []string{
				"One project per app keeps its keys, limits and usage apart: revoking or leaking one app's key never breaks another.",
				"- Click \"Create project\" and name it after this app.",
				"- Only organization owners create projects; otherwise use the Default project or ask an owner.",
				"- Optional: give the project its own budget in its Limits section.",
			},
			URL:       ProjectsURL,
			Skippable: true,
		},
		{
			ID:    Key,
			Title: "Create a secret key",
			Body: []string{
				"Click \"Create new secret key\". The first time, OpenAI verifies a mobile phone by SMS; landline, VoIP and Google Voice numbers are refused. Then fill in the dialog:",
				"- Owned by: You for your own machine; Service account for a deployed app (it keeps working when people leave; its keys have no permission choices).",
				"- Name: " + KeyNamePlaceholder + " so you can find and revoke it later.",
				"- Project: \"Default project\" is preselected: change it to this app's project.",
				"- Permissions: All is the simplest for a first key. If you choose Restricted, set Models to Read, Model capabilities to Request and Responses to Write. Read only cannot call models.",
				"Copy the key at once: it is shown only once. Then come back here and paste it. Admin keys (sk-admin-) are refused here: they are for the organization API only.",
			},
			URL:       APIKeysURL,
			Skippable: true,
		},
	}
}

// KeyName is the suggested name for a new key, shared by the wizard,
// rotate and provision: <app>-<host>-<yyyy-mm>, where app is the base name
// of the work-tree root (or of the working folder outside a work tree),
// host is the host name up to its first dot, both lower-cased with every
// other character than a-z and 0-9 turned into "-", and the month is now's
// in UTC. Parts that end up empty are left out.
func KeyName(workTreeRoot, workDir, hostname string, now time.Time) string {
	app := workTreeRoot
	if app == "" {
		app = workDir
	}
	app = nameSlug(filepath.Base(filepath.Clean(app)))
	host, _, _ := strings.Cut(hostname, ".")
	var parts []string
	for _, p := range []string{app, nameSlug(host), now.UTC().Format("2006-01")} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "-")
}

// nameSlug lower-cases s and turns each run of other characters than a-z
// and 0-9 into one "-", trimmed at both ends.
func nameSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// WithKeyName returns the step with the suggested key name filled in.
func (s Step) WithKeyName(name string) Step {
	if name == "" {
		name = "<app>-<machine>-<yyyy-mm>"
	}
	body := make([]string, len(s.Body))
	for i, p := range s.Body {
		body[i] = strings.ReplaceAll(p, KeyNamePlaceholder, name)
	}
	s.Body = body
	return s
}

// Links returns the step's main page followed by its other pages.
func (s Step) Links() []Link {
	var out []Link
	if s.URL != "" {
		out = append(out, Link{Label: s.Title, URL: s.URL})
	}
	return append(out, s.More...)
}
