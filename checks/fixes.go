package checks

import (
	"regexp"
	"strings"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

// Dashboard pages the fixes point at.
const (
	apiURLKeys      = openai.APIKeysURL
	apiURLBilling   = openai.BillingURL
	apiURLLimits    = openai.LimitsURL
	apiURLGeneral   = openai.GeneralURL
	apiURLProjects  = openai.ProjectsURL
	apiURLCountries = openai.CountriesURL
	apiURLStatus    = "https://status.openai.com"
	apiURLHelp      = "https://help.openai.com"
)

// Fix is what to do about a code and the page that helps. Do may hold
// {placeholders} the judge fills in (see Fill).
type Fix struct {
	Do  string
	URL string
}

// Fill returns f with each {name} in Do replaced by its value; pairs
// alternate name, value.
func (f Fix) Fill(pairs ...string) Fix {
	var old []string
	for i := 0; i+1 < len(pairs); i += 2 {
		old = append(old, "{"+pairs[i]+"}", pairs[i+1])
	}
	f.Do = strings.NewReplacer(old...).Replace(f.Do)
	return f
}

// fixes is what to do about each code whose fix does not depend on which
// files hold the key. A new code gets its row here.
var fixes = map[Code]Fix{
	CodeInvalidAPIKey: {"create a new secret key at " + apiURLKeys + " and store it with `openai-setup rotate` (or re-run `openai-setup`); " +
		"if this key worked before, OpenAI may have disabled it automatically after finding it leaked (look for an \"API Key Disabled\" email)", apiURLKeys},
	CodeAccountDeactivated:     {"the account that owns this key is deactivated: contact OpenAI support at " + apiURLHelp + ", or use a key from an active account", apiURLHelp},
	CodeNoOrganization:         {"your user is not a member of any organization: accept an invitation from your organization's owner (or create one at " + apiURLGeneral + "), then create a key in it", apiURLGeneral},
	CodeMismatchedOrganization: {"OPENAI_ORG_ID (sent as OpenAI-Organization) is not the key's organization: unset OPENAI_ORG_ID, or set it to the Organization ID shown at " + apiURLGeneral, apiURLGeneral},
	CodeMismatchedProject:      {"OPENAI_PROJECT_ID (sent as OpenAI-Project) is not the key's project: unset OPENAI_PROJECT_ID (project keys already name their project), or set it to the key's project ID from " + apiURLProjects, apiURLProjects},
	CodeIPNotAuthorized:        {"this machine's public IP is not on the IP allowlist: add it under Settings → Security → IP allowlist (organization or project), or run from an allowed network", apiURLGeneral},
	CodeUnsupportedRegion:      {"the API is not available from the country or region your traffic comes from (a VPN exit counts): connect from a supported country", apiURLCountries},
	CodeServerError:            {"this is on OpenAI's side, not your key: check " + apiURLStatus + " and try again in a minute; quote the request id to support if it persists", apiURLStatus},
	CodeOverloaded:             {"OpenAI is overloaded right now, not a problem with your key: check " + apiURLStatus + " and try again in a few minutes", apiURLStatus},
	CodeVerificationRequired:   {"verify your organization: Settings → Organization → General → Verify Organization (an ID check; no spend needed); access can take up to 15 minutes to arrive afterwards. Or choose another model with --model", apiURLGeneral},
	CodeModelNotFound:          {"check the model id for typos (--model, or your app's setting); if it is right, the key's project may not allow it: ask a project owner to allow the model in the project's Limits, or use another model", apiURLLimits},
	CodeInsufficientQuota:      {"buy credits: Billing → Add to credit balance (a card on file alone is only a temporary hold, not credit); new credits can take a few minutes to apply. If you have credits, check that the key belongs to that organization (see api.auth)", apiURLBilling},
	CodeCreditBalanceExhausted: {"your prepaid credit balance is zero: Billing → Add to credit balance, or turn on auto recharge; new credits can take a few minutes to apply", apiURLBilling},
	CodeSpendLimit:             {"a monthly budget or usage limit was reached: raise the organization's budget under Limits (a project budget lives in the project's Limits section), or wait for next month; OpenAI's usage-tier cap rises as you pay more", apiURLLimits},
	CodeBillingNotActive:       {"billing is not active for this organization: Billing → Add payment details, then add credits", apiURLBilling},
	CodeRateLimited:            {"wait and retry; limits rise with the usage tier (see your limits per model under Limits)", apiURLLimits},
	CodeSlowDown:               {"your traffic grew too fast: lower the request rate, then ramp up gradually (about +50% per 15 minutes)", apiURLLimits},
	CodeLowHeadroom:            {"slow down or wait for the reset; limits rise with your usage tier (shown on the Limits page)", apiURLLimits},
	CodeNoHeaders:              {"a proxy or an OpenAI-compatible server may drop them; your limits are on the Limits page", apiURLLimits},
	CodeBaseURLFromFile:        {"if you trust {host}, re-run with --base-url {url}; otherwise remove OPENAI_BASE_URL from {from}", ""},
	CodeBadBaseURL:             {"set --base-url or OPENAI_BASE_URL to a full URL such as https://api.openai.com/v1, or unset OPENAI_BASE_URL to use the default", ""},
	CodeRegionalHostname:       {"the key's project keeps its data in a region: set OPENAI_BASE_URL=https://{host}/v1 (or --base-url), as the API asks", ""},
	CodeBaseURLPath:            {"set OPENAI_BASE_URL (or --base-url) to https://{host}/v1", ""},
	CodeAzureEndpoint:          {"check the Azure resource in the Azure portal (Keys and Endpoint) or with Azure's own tools; for OpenAI itself, unset OPENAI_BASE_URL and use a key from " + apiURLKeys, ""},
	CodeNoKey:                  {"run `openai-setup` to create and save a key, or add a line OPENAI_API_KEY=<your key> to {env_file}", apiURLKeys},
	CodeWorldReadable:          {"chmod 600 {files}", ""},
	CodeNotIgnored:             {"run `openai-setup` (it adds the entry to .gitignore), or {steps}", ""},
	CodeNegated:                {"run `openai-setup` (it adds the entry to .gitignore), or {steps}", ""},
	CodeTracked:                {"{commands} && git commit -m \"Stop tracking secrets\", add it to .gitignore, then rotate the key (`openai-setup rotate`): it is in the history now (see git.history)", ""},
	CodeStaged:                 {"{commands} before committing, and add it to .gitignore (`openai-setup` does that)", ""},
	CodeLeftoverTemp:           {"rm {files}", ""},
	CodeGroupReadable:          {"chmod 600 {files}", ""},
	CodeUnexpectedResponse:     {"quote the request id to OpenAI support, or check any proxy in between", apiURLStatus},
	CodeNotProven:              {"run doctor again in a minute to prove it", apiURLStatus},
	CodeNotListed:              {"if api.auth passed, the key belongs to an organization other than the admin key's (use an admin key of that organization) or to an archived project; if it failed, the key was deleted: create one at " + apiURLKeys + " and store it with `openai-setup rotate`", apiURLKeys},
	CodeAmbiguous:              {"the listings show only a key's start and last four characters: the candidates are listed below; `openai-setup keys` shows every key", apiURLKeys},
	CodeNeedsAdminKey:          {"set " + openai.EnvAdminKey + " to an admin key (sk-admin-…); only organization owners can create one, at " + openai.AdminKeysURL, openai.AdminKeysURL},
	CodeAdminRefused:           {"the admin key may have been deleted or mistyped: organization owners create admin keys at " + openai.AdminKeysURL, openai.AdminKeysURL},
	CodeAdminError:             {"check --base-url / OPENAI_BASE_URL and any proxy in between, then run doctor again; " + apiURLStatus + " shows OpenAI's own state", apiURLStatus},
	CodeNodeIgnoresProxy:       {"set NODE_USE_ENV_PROXY=1 where the Node.js app runs (Node.js 22.21+ or 24.5+; older releases ignore it), or give the client undici's EnvHttpProxyAgent as fetchOptions.dispatcher", ""},
	CodeUnreadFile:             {"doctor reads only the first 1 MiB of a file: keep OPENAI_API_KEY in a small dotenv file, or near the top of {path}", ""},
	CodeSpendNearLimit:         {"raise the project's monthly budget in its Limits section, or spend less until next month; `openai-setup usage --project <name>` shows what spent it", apiURLLimits},
	CodeInsecureBaseURL:        {"use https:// (the official API is https://api.openai.com/v1); plain http is only for a server on localhost", ""},
	CodeCILiteral:              {ciSecretFix, ""},
	CodeCIForkExposure:         {"run the job on pull_request instead (GitHub gives workflows run from forks no secrets), or gate it: give the job an environment with required reviewers (Settings → Environments); never check out the pull request's head in a job that has the key", ""},
}

// ciSecretFix moves a value a workflow is given as the key into a
// repository secret.
const ciSecretFix = "move it into a repository secret (`openai-setup push github` sets OPENAI_API_KEY through gh's standard input, or Settings → Secrets and variables → Actions) and use `${{ secrets.OPENAI_API_KEY }}` in its place, e.g. `{name}: ${{ secrets.OPENAI_API_KEY }}`"

// fixCases are the fixes for the other situations a code covers, by case.
var fixCases = map[Code]map[string]Fix{
	CodeMismatchedOrganization: { // doctor did not send the header itself
		"header_not_sent": {"an OpenAI-Organization header that does not match the key's organization reached the API (a proxy or gateway may add it): remove it, or use a key from that organization", apiURLGeneral},
	},
	CodeMismatchedProject: {
		"header_not_sent": {"an OpenAI-Project header that does not match the key's project reached the API (a proxy or gateway may add it): remove it, or use a key of that project", apiURLProjects},
	},
	CodeRegionalHostname: {
		// The API names the global host: the base URL points at a region
		// the key's project is not in.
		"global": {"unset OPENAI_BASE_URL (and drop --base-url): the key's project uses the global host api.openai.com", ""},
		// The host named is not OpenAI's: never suggest sending the key there.
		"unknown_host": {"check --base-url / OPENAI_BASE_URL: the server named {host}, which is not an OpenAI host, so doctor does not suggest it", ""},
	},
	CodeInsecureBaseURL: {
		"allowed": {"use https:// as soon as the server offers it; if the network between you and that host is not yours, rotate the key (`openai-setup rotate`)", ""},
	},
	CodeUnreadFile: {
		// Opening a FIFO takes what its writer serves; a device may never end.
		"special": {"doctor does not open named pipes or devices: if a tool serves the key through {path}, run doctor under that tool so OPENAI_API_KEY is in the environment, or make {path} a regular file", ""},
		"failed":  {"make {path} readable by you (`chmod u+r {quoted}` if you own it) and run doctor again", ""},
	},
	CodeUnexpectedResponse: {
		"not_found":    {"set --base-url / OPENAI_BASE_URL to the API root, ending in /v1 (the official one is https://api.openai.com/v1)", ""},
		"not_api":      {"check --base-url / OPENAI_BASE_URL (it should end in /v1); a captive portal or a web page answers like this", ""},
		"key_stripped": {"check any proxy or gateway in --base-url / OPENAI_BASE_URL / HTTPS_PROXY: it must pass the Authorization header through", ""},
		"proxy_page":   {"check --base-url / OPENAI_BASE_URL and any proxy (HTTPS_PROXY) in between; " + apiURLStatus + " shows OpenAI's own state", apiURLStatus},
		"not_chat":     {"check that {model} is a chat model (try --model {default}); quote the request id to support if it should work", apiURLStatus},
	},
	CodeTimeout: {
		"admin": {"run doctor again with a larger --timeout: listing keys takes one call per project", ""},
	},
	CodeNotProven: {
		"no_spend": {"run doctor without --no-spend to prove it with one 1-token call (a fraction of a cent)", ""},
	},
	CodeCILiteral: { // a real key is in the file
		"key": {"if the file was ever committed or pushed, treat the key as leaked: `openai-setup rotate` (git.history says whether it is in the history); " + ciSecretFix, ""},
	},
}

// fixFor returns the fix for code in situation c ("" is the usual one).
func fixFor(code Code, c string) Fix {
	if f, ok := fixCases[code][c]; ok {
		return f
	}
	return fixes[code]
}

// apiFixFor returns the fix for an API code; req says which headers doctor
// sent, so a mismatch names the variable to change, and message is the
// server's, which names the host for regional_hostname.
func apiFixFor(code Code, req APIRequest, message string) Fix {
	switch {
	case code == CodeRegionalHostname:
		return regionalFix(message)
	case code == CodeMismatchedOrganization && req.OrgID == "", code == CodeMismatchedProject && req.ProjectID == "":
		return fixFor(code, "header_not_sent")
	}
	return fixes[code]
}

// regionalHost finds the host in "… Please make your request to
// us.api.openai.com".
var regionalHost = regexp.MustCompile(`(?i)make your request to ([a-z0-9.-]+[a-z0-9])`)

// regionalFix is the fix for regional_hostname: the host the API names when
// it is OpenAI's, else a warning not to trust it.
func regionalFix(message string) Fix {
	m := regionalHost.FindStringSubmatch(message)
	if m == nil {
		return fixFor(CodeRegionalHostname, "unknown_host").Fill("host", "no host")
	}
	host := strings.ToLower(m[1])
	switch {
	case !openai.IsOpenAIHost(host):
		return fixFor(CodeRegionalHostname, "unknown_host").Fill("host", probe.Sanitize(host))
	case host == openai.DefaultHost:
		return fixFor(CodeRegionalHostname, "global")
	}
	return fixes[CodeRegionalHostname].Fill("host", host)
}
