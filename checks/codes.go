package checks

import "github.com/setupkit/openai-setup/apikey"

// Code names why a check did not pass. Codes are stable: scripts match on
// them, and --json carries them as plain strings.
type Code string

// key.found
const CodeNoKey Code = "no_key"

// key.found (when no key was found) and key.sources: a dotenv or start-up
// file was not read whole (over the cap, a FIFO or device, unreadable).
const CodeUnreadFile Code = "unread_file"

// key.format: apikey's input codes, as the check reports them.
const (
	CodeWhitespace   Code = apikey.CodeWhitespace
	CodeQuoted       Code = apikey.CodeQuoted
	CodeBearerPrefix Code = apikey.CodeBearerPrefix
	CodeAssignment   Code = apikey.CodeAssignment
	CodeBadPrefix    Code = apikey.CodeBadPrefix
	CodeBadChars     Code = apikey.CodeBadChars
	CodeTruncated    Code = apikey.CodeTruncated
	CodeOddLength    Code = apikey.CodeOddLength
	CodeAdminKey     Code = apikey.CodeAdminKey
	CodeNotOpenAI    Code = apikey.CodeNotOpenAI
	CodeTwoKeys      Code = apikey.CodeTwoKeys
	CodeAzureKey     Code = apikey.CodeAzureKey
)

// key.sources
const (
	CodeConflict       Code = "conflict"
	CodeLegacyVariable Code = "legacy_variable"
	CodeShadowed       Code = "shadowed"
	CodeByteOrderMark  Code = "byte_order_mark"
)

// net.reach; the transport codes (dns to timeout) are reported by every
// API check whose own request got no answer.
const (
	CodeDNS             Code = "dns"
	CodeConnect         Code = "connect"
	CodeTLS             Code = "tls"
	CodeProxy           Code = "proxy"
	CodeTimeout         Code = "timeout"
	CodeInsecureBaseURL Code = "insecure_base_url"
	CodeBaseURLFromFile Code = "base_url_from_file"
	CodeBadBaseURL      Code = "bad_base_url"
	CodeBaseURLPath     Code = "base_url_path"
	CodeAzureEndpoint   Code = "azure_endpoint"
	// A proxy is set, but Node.js would ignore it (see nodeProxy).
	CodeNodeIgnoresProxy Code = "node_ignores_proxy"
)

// api.auth; unexpected_response, server_error, overloaded and rate_limited
// are shared with the later API checks.
const (
	CodeInvalidAPIKey          Code = "invalid_api_key"
	CodeAccountDeactivated     Code = "account_deactivated"
	CodeNoOrganization         Code = "no_organization"
	CodeMismatchedOrganization Code = "mismatched_organization"
	CodeMismatchedProject      Code = "mismatched_project"
	CodeIPNotAuthorized        Code = "ip_not_authorized"
	CodeUnsupportedRegion      Code = "unsupported_region"
	CodeServerError            Code = "server_error"
	CodeOverloaded             Code = "overloaded"
	CodeUnexpectedResponse     Code = "unexpected_response"
	CodeRateLimited            Code = "rate_limited"
	CodeRegionalHostname       Code = "regional_hostname"
)

// api.permissions
const CodeMissingScopes Code = "missing_scopes"

// api.model
const (
	CodeModelNotFound        Code = "model_not_found"
	CodeVerificationRequired Code = "verification_required"
	CodeNotProven            Code = "not_proven"
)

// api.billing
const (
	CodeInsufficientQuota      Code = "insufficient_quota"
	CodeCreditBalanceExhausted Code = "credit_balance_exhausted"
	CodeSpendLimit             Code = "spend_limit"
	CodeBillingNotActive       Code = "billing_not_active"
	CodeSpendNearLimit         Code = "spend_near_limit" // the project spent 80 % or more of its monthly limit (needs an admin key)
)

// api.ratelimit
const (
	CodeSlowDown    Code = "slow_down"
	CodeLowHeadroom Code = "low_headroom"
	CodeNoHeaders   Code = "no_headers"
)

// key.owner (timeout is shared with net.reach)
const (
	CodeNotListed     Code = "not_listed"      // in no listing: another organization, or deleted
	CodeAmbiguous     Code = "ambiguous"       // several listed keys show the same ends
	CodeNeedsAdminKey Code = "needs_admin_key" // OPENAI_ADMIN_KEY is not an admin key
	CodeAdminRefused  Code = "admin_refused"   // the admin key got 401/403
	CodeAdminError    Code = "admin_error"     // any other failed Admin API call
)

// env.gitignore
const (
	CodeNotIgnored   Code = "not_ignored"
	CodeNegated      Code = "negated"
	CodeLeftoverTemp Code = "leftover_temp"
)

// env.tracked
const (
	CodeTracked Code = "tracked"
	CodeStaged  Code = "staged"
)

// env.perms
const (
	CodeWorldReadable Code = "world_readable"
	CodeGroupReadable Code = "group_readable"
)

// env.agents (scan_incomplete is shared with git.history)
const (
	CodeAgentReadable   Code = "agent_readable"
	CodeAgentTranscript Code = "agent_transcript"
)

// git.history
const (
	CodeLeaked         Code = "leaked"
	CodeScanIncomplete Code = "scan_incomplete"
)

// env.ci
const (
	CodeCILiteral      Code = "ci_literal"       // the key is not taken from a secret
	CodeCIForkExposure Code = "ci_fork_exposure" // a fork's pull request can run a job with the key
)
