package checks

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
	EnvGitignore   = "env.gitignore"
	EnvTracked     = "env.tracked"
	EnvPerms       = "env.perms"
	EnvAgents      = "env.agents"
	GitHistory     = "git.history"
)

// Spec describes one check for --list-checks and for dependency resolution.
type Spec struct {
	ID    string   `json:"id"`
	What  string   `json:"what"`            // what a pass establishes
	Needs []string `json:"needs,omitempty"` // checks that must run first
	Codes []string `json:"codes"`           // codes it can report
	Paid  bool     `json:"paid,omitempty"`  // makes the one billable request
}

// Catalog lists every check in report order.
func Catalog() []Spec {
	return []Spec{
		{ID: KeyFound, What: "an OPENAI_API_KEY is configured somewhere an app would read it",
			Codes: []string{"no_key"}},
		{ID: KeyFormat, What: "the key's shape is right (prefix, T3BlbkFJ marker, characters, length), checked locally",
			Needs: []string{KeyFound},
			Codes: []string{"whitespace", "quoted", "bearer_prefix", "assignment", "bad_prefix", "bad_chars", "truncated", "odd_length", "admin_key", "not_openai"}},
		{ID: KeySources, What: "the shell, start-up files and dotenv files agree on one key, and no dotenv file holding a key starts with a byte-order mark (python-dotenv and godotenv trip on it)",
			Needs: []string{KeyFound},
			Codes: []string{"conflict", "legacy_variable", "shadowed", "byte_order_mark"}},
		{ID: NetReach, What: "the API base URL is reachable: DNS, connect, TLS, proxy",
			Needs: []string{KeyFormat},
			Codes: []string{"dns", "connect", "tls", "proxy", "timeout", "insecure_base_url", "base_url_from_file", "bad_base_url"}},
		{ID: APIAuth, What: "the key authenticates (GET /models, free) and which organization and project it bills to",
			Needs: []string{NetReach},
			Codes: []string{"invalid_api_key", "account_deactivated", "no_organization", "mismatched_organization", "mismatched_project", "ip_not_authorized", "unsupported_region", "server_error", "overloaded", "timeout", "unexpected_response", "rate_limited", "dns", "connect", "tls", "proxy"}},
		{ID: APIPermissions, What: "the key may list and call models (found without spending)",
			Needs: []string{APIAuth},
			Codes: []string{"missing_scopes", "unexpected_response", "timeout"}},
		{ID: APIModel, What: "the key can use the model (a real 1-token call; with --no-spend only the free lookup)",
			Needs: []string{APIAuth},
			Codes: []string{"model_not_found", "verification_required", "not_proven", "unexpected_response"}},
		{ID: APIBilling, What: "a 1-token request is billed successfully (the one paid call, a fraction of a cent; --no-spend skips it)",
			Needs: []string{APIAuth}, Paid: true,
			Codes: []string{"insufficient_quota", "credit_balance_exhausted", "spend_limit", "billing_not_active", "server_error", "overloaded", "timeout", "unexpected_response"}},
		{ID: APIRateLimit, What: "rate limits, remaining headroom and reset times from the x-ratelimit-* headers",
			Needs: []string{APIAuth},
			Codes: []string{"rate_limited", "slow_down", "low_headroom", "no_headers"}},
		{ID: EnvGitignore, What: "each .env file holding a key is ignored by git, and no temporary file left by an interrupted write holds a key",
			Needs: []string{KeyFound},
			Codes: []string{"not_ignored", "negated", "leftover_temp"}},
		{ID: EnvTracked, What: "no .env file holding a key is tracked or staged in git",
			Needs: []string{KeyFound},
			Codes: []string{"tracked", "staged"}},
		{ID: EnvPerms, What: "files holding a key are not readable by other users",
			Needs: []string{KeyFound},
			Codes: []string{"world_readable", "group_readable"}},
		{ID: EnvAgents, What: "coding agents used in this work tree (Claude Code, Cursor, aider, Codex) have deny or ignore rules for each dotenv file holding a key, and no known key is in their transcripts of this work tree (read locally, time-boxed)",
			Needs: []string{KeyFound},
			Codes: []string{"agent_readable", "agent_transcript", "scan_incomplete"}},
		{ID: GitHistory, What: "no OpenAI key appears in any commit of any branch (time-boxed)",
			Codes: []string{"leaked", "scan_incomplete"}},
	}
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
