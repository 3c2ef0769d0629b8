// Package openai is the project's vocabulary for OpenAI itself: the
// environment variable names, the dashboard pages, and what counts as an
// OpenAI host. It is a leaf: standard library only, no I/O, so every other
// package (checks, steps, tui, rotate, admin) can name these things the same
// way.
package openai

import (
	"regexp"
	"strings"
)

// Environment variables the official SDKs (and this tool) read.
const (
	EnvAPIKey    = "OPENAI_API_KEY"
	EnvBaseURL   = "OPENAI_BASE_URL"
	EnvOrgID     = "OPENAI_ORG_ID"
	EnvProjectID = "OPENAI_PROJECT_ID"
	EnvAdminKey  = "OPENAI_ADMIN_KEY"
	// EnvLegacyBase is the pre-1.0 Python SDK's name; the current SDKs ignore it.
	EnvLegacyBase = "OPENAI_API_BASE"
)

// DefaultBaseURL is the public API root the SDKs use when OPENAI_BASE_URL is unset.
const DefaultBaseURL = "https://api.openai.com/v1"

// DefaultHost is the host of DefaultBaseURL.
const DefaultHost = "api.openai.com"

// Dashboard pages (platform.openai.com). One constant per page: every screen,
// fix text and step links to the same address.
const (
	SignupURL     = "https://platform.openai.com/signup"
	LoginURL      = "https://platform.openai.com/login"
	APIKeysURL    = "https://platform.openai.com/api-keys"
	OrgAPIKeysURL = "https://platform.openai.com/settings/organization/api-keys"
	AdminKeysURL  = "https://platform.openai.com/settings/organization/admin-keys"
	ProjectsURL   = "https://platform.openai.com/settings/organization/projects"
	GeneralURL    = "https://platform.openai.com/settings/organization/general"
	BillingURL    = "https://platform.openai.com/settings/organization/billing/overview"
	LimitsURL     = "https://platform.openai.com/settings/organization/limits"
	UsageURL      = "https://platform.openai.com/usage"
	CountriesURL  = "https://platform.openai.com/docs/supported-countries"
)

// regionalHost matches data-residency hosts such as us.api.openai.com.
var regionalHost = regexp.MustCompile(`^[a-z]{2,}\.api\.openai\.com$`)

// IsOpenAIHost reports whether host (a name, without port) is OpenAI's API:
// api.openai.com or a regional host like us.api.openai.com. Case and a
// trailing dot are ignored.
func IsOpenAIHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	return h == DefaultHost || regionalHost.MatchString(h)
}

// azureSuffixes are the host suffixes of Azure OpenAI resource endpoints.
var azureSuffixes = []string{".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"}

// IsAzureHost reports whether host is an Azure OpenAI resource endpoint
// (https://NAME.openai.azure.com/…): another API with other keys, paths and
// errors.
func IsAzureHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, s := range azureSuffixes {
		if strings.HasSuffix(h, s) && len(h) > len(s) {
			return true
		}
	}
	return false
}
