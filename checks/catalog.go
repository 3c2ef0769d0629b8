package checks

import "slices"

// Check ids. They are stable: scripts match on them.
const (
	KeyFound       = "key.found"
	KeyFormat      = "key.format"
	KeySources     = "key.sources"
	NetReach       = "net.reach"
	APIAuth        = "api.auth"
	APIPermissions = "api.permissions"
	APIModel       = "api.model"
	APIBilling     = "api.billing"
	APIRateLimit   = "api.ratelimit"
	KeyOwner       = "key.owner"
	EnvGitignore   = "env.gitignore"
	EnvTracked     = "env.tracked"
	EnvPerms       = "env.perms"
	EnvAgents      = "env.agents"
	GitHistory     = "git.history"
	EnvCI          = "env.ci"
)

// Group says which part of the engine runs a check.
type Group string

// The three groups: local key checks gate the network; the API checks share
// one set of requests; the hygiene checks read files and git.
const (
	GroupKey     Group = "key"
	GroupAPI     Group = "api"
	GroupHygiene Group = "hygiene"
)

// Spec describes one check for --list-checks and for dependency resolution.
type Spec struct {
	ID    string   `json:"id"`
	Group Group    `json:"group"`
	What  string   `json:"what"`            // what a pass establishes
	Needs []string `json:"needs,omitempty"` // checks that must run first
	Codes []Code   `json:"codes"`           // codes it can report
	Paid  bool     `json:"paid,omitempty"`  // makes the one billable request
}

// Catalog lists every check in report order.
func Catalog() []Spec {
	return []Spec{
		{ID: KeyFound, Group: GroupKey, What: "an OPENAI_API_KEY is configured somewhere an app would read it",
			Codes: []Code{CodeNoKey, CodeUnreadFile}},
		{ID: KeyFormat, Group: GroupKey, What: "the key's shape is right (prefix, T3BlbkFJ marker, characters, length), checked locally",
			Needs: []string{KeyFound},
			Codes: []Code{CodeWhitespace, CodeQuoted, CodeBearerPrefix, CodeAssignment, CodeBadPrefix, CodeBadChars, CodeTruncated, CodeOddLength, CodeAdminKey, CodeNotOpenAI, CodeTwoKeys, CodeAzureKey}},
		{ID: KeySources, Group: GroupKey, What: "the shell, start-up files and dotenv files agree on one key; no dotenv file holding a key starts with a byte-order mark (python-dotenv and godotenv trip on it); each of those files was read whole (not over 1 MiB, not a pipe or device)",
			Needs: []string{KeyFound},
			Codes: []Code{CodeConflict, CodeLegacyVariable, CodeShadowed, CodeByteOrderMark, CodeUnreadFile}},
		{ID: NetReach, Group: GroupAPI, What: "the API base URL is reachable: DNS, connect, TLS, proxy; behind a proxy, Node.js in this work tree would use it too",
			Needs: []string{KeyFormat},
			Codes: []Code{CodeDNS, CodeConnect, CodeTLS, CodeProxy, CodeTimeout, CodeInsecureBaseURL, CodeBaseURLFromFile, CodeBadBaseURL, CodeBaseURLPath, CodeAzureEndpoint, CodeNodeIgnoresProxy}},
		{ID: APIAuth, Group: GroupAPI, What: "the key authenticates (GET /models, free) and which organization and project it bills to",
			Needs: []string{NetReach},
			Codes: []Code{CodeInvalidAPIKey, CodeAccountDeactivated, CodeNoOrganization, CodeMismatchedOrganization, CodeMismatchedProject, CodeIPNotAuthorized, CodeRegionalHostname, CodeUnsupportedRegion, CodeServerError, CodeOverloaded, CodeTimeout, CodeUnexpectedResponse, CodeRateLimited, CodeDNS, CodeConnect, CodeTLS, CodeProxy}},
		{ID: APIPermissions, Group: GroupAPI, What: "the key may list and call models (found without spending)",
			Needs: []string{APIAuth},
			Codes: []Code{CodeMissingScopes, CodeUnexpectedResponse, CodeTimeout}},
		{ID: APIModel, Group: GroupAPI, What: "the key can use the model (a real 1-token call; with --no-spend only the free lookup)",
			Needs: []string{APIAuth},
			Codes: []Code{CodeModelNotFound, CodeVerificationRequired, CodeNotProven, CodeUnexpectedResponse}},
		{ID: APIBilling, Group: GroupAPI, What: "a 1-token request is billed successfully (the one paid call, a fraction of a cent; --no-spend skips it); with an admin key that may read usage, the project's spend this month against its monthly limit",
			Needs: []string{APIAuth}, Paid: true,
			Codes: []Code{CodeInsufficientQuota, CodeCreditBalanceExhausted, CodeSpendLimit, CodeBillingNotActive, CodeServerError, CodeOverloaded, CodeTimeout, CodeUnexpectedResponse, CodeSpendNearLimit}},
		{ID: APIRateLimit, Group: GroupAPI, What: "rate limits, remaining headroom and reset times from the x-ratelimit-* headers",
			Needs: []string{APIAuth},
			Codes: []Code{CodeRateLimited, CodeSlowDown, CodeLowHeadroom, CodeNoHeaders}},
		{ID: KeyOwner, Group: GroupAPI, What: "which project and owner (a user's e-mail or a service account) the key is listed under, and when it was last used (needs an admin key in OPENAI_ADMIN_KEY, read-only is enough; free)",
			Needs: []string{KeyFormat},
			Codes: []Code{CodeNotListed, CodeAmbiguous, CodeNeedsAdminKey, CodeAdminRefused, CodeAdminError, CodeTimeout}},
		{ID: EnvGitignore, Group: GroupHygiene, What: "each .env file holding a key is ignored by git, and no temporary file left by an interrupted write holds a key",
			Needs: []string{KeyFound},
			Codes: []Code{CodeNotIgnored, CodeNegated, CodeLeftoverTemp}},
		{ID: EnvTracked, Group: GroupHygiene, What: "no .env file holding a key is tracked or staged in git",
			Needs: []string{KeyFound},
			Codes: []Code{CodeTracked, CodeStaged}},
		{ID: EnvPerms, Group: GroupHygiene, What: "files holding a key are not readable by other users",
			Needs: []string{KeyFound},
			Codes: []Code{CodeWorldReadable, CodeGroupReadable}},
		{ID: EnvAgents, Group: GroupHygiene, What: "coding agents used in this work tree (Claude Code, Cursor, aider, Codex) have deny or ignore rules for each dotenv file holding a key, and no known key is in their transcripts of this work tree (read locally, time-boxed)",
			Needs: []string{KeyFound},
			Codes: []Code{CodeAgentReadable, CodeAgentTranscript, CodeScanIncomplete}},
		{ID: EnvCI, Group: GroupHygiene, What: "no GitHub Actions workflow in this work tree (.github/workflows) writes OPENAI_API_KEY into the file or takes it from a configuration variable or input instead of a secret, and no job run for a fork's pull request (pull_request_target) gets it without an environment to gate it",
			Codes: []Code{CodeCILiteral, CodeCIForkExposure}},
		{ID: GitHistory, Group: GroupHygiene, What: "no OpenAI key appears anywhere in git history: every commit of any branch or tag (merges too), every stash entry, binary and UTF-16 files, commit and tag messages (time-boxed)",
			Codes: []Code{CodeLeaked, CodeScanIncomplete}},
	}
}

// ProbeIDs lists the API checks that send the key itself (every API check
// but key.owner, which asks the Admin API about it), in report order.
func ProbeIDs() []string {
	return slices.DeleteFunc(IDs(GroupAPI), func(id string) bool { return id == KeyOwner })
}

// IDs lists the ids of the checks in groups (every check when none is
// given), in report order.
func IDs(groups ...Group) []string {
	var ids []string
	for _, s := range Catalog() {
		if len(groups) == 0 || slices.Contains(groups, s.Group) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// Resolve returns the set of ids to run for the requested ones plus
// everything they need, or every id when none are requested. Unknown ids are
// returned in the second value.
func Resolve(requested []string) (map[string]bool, []string) {
	specs := map[string]Spec{}
	for _, s := range Catalog() {
		specs[s.ID] = s
	}
	run := map[string]bool{}
	var unknown []string
	if len(requested) == 0 {
		for id := range specs {
			run[id] = true
		}
		return run, nil
	}
	var add func(id string)
	add = func(id string) {
		if run[id] {
			return
		}
		run[id] = true
		for _, n := range specs[id].Needs {
			add(n)
		}
	}
	for _, id := range requested {
		if _, ok := specs[id]; !ok {
			unknown = append(unknown, id)
			continue
		}
		add(id)
	}
	return run, unknown
}
