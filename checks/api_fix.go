package checks

import (
	"fmt"
	"slices"
	"strings"
)

// Dashboard pages (docs/openai-errors.md §6).
const (
	apiURLKeys         = "https://platform.openai.com/api-keys"
	apiURLBilling      = "https://platform.openai.com/settings/organization/billing/overview"
	apiURLLimits       = "https://platform.openai.com/settings/organization/limits"
	apiURLGeneral      = "https://platform.openai.com/settings/organization/general"
	apiURLProjects     = "https://platform.openai.com/settings/organization/projects"
	apiURLStatus       = "https://status.openai.com"
	apiURLCountries    = "https://platform.openai.com/docs/supported-countries"
	apiURLHelp         = "https://help.openai.com"
	apiDefaultHostName = "api.openai.com"
)

// apiFix is the exact next step and the page that helps, for a code.
type apiFix struct{ fix, url string }

// apiFixFor returns the fix for an API failure code. orgID and projectID are
// what doctor sent (from OPENAI_ORG_ID / OPENAI_PROJECT_ID), so the fix can
// name the variable to change.
func apiFixFor(code string, req APIRequest) apiFix {
	switch code {
	case "invalid_api_key":
		return apiFix{"create a new secret key at " + apiURLKeys + " and store it with `openai-setup rotate` (or re-run `openai-setup`); " +
			"if this key worked before, OpenAI may have disabled it automatically after finding it leaked (look for an \"API Key Disabled\" email)", apiURLKeys}
	case "account_deactivated":
		return apiFix{"the account that owns this key is deactivated: contact OpenAI support at " + apiURLHelp + ", or use a key from an active account", apiURLHelp}
	case "no_organization":
		return apiFix{"your user is not a member of any organization: accept an invitation from your organization's owner (or create one at " + apiURLGeneral + "), then create a key in it", apiURLGeneral}
	case "mismatched_organization":
		if req.OrgID != "" {
			return apiFix{"OPENAI_ORG_ID (sent as OpenAI-Organization) is not the key's organization: unset OPENAI_ORG_ID, or set it to the Organization ID shown at " + apiURLGeneral, apiURLGeneral}
		}
		return apiFix{"an OpenAI-Organization header that does not match the key's organization reached the API (a proxy or gateway may add it): remove it, or use a key from that organization", apiURLGeneral}
	case "mismatched_project":
		if req.ProjectID != "" {
			return apiFix{"OPENAI_PROJECT_ID (sent as OpenAI-Project) is not the key's project: unset OPENAI_PROJECT_ID (project keys already name their project), or set it to the key's project ID from " + apiURLProjects, apiURLProjects}
		}
		return apiFix{"an OpenAI-Project header that does not match the key's project reached the API (a proxy or gateway may add it): remove it, or use a key of that project", apiURLProjects}
	case "ip_not_authorized":
		return apiFix{"this machine's public IP is not on the IP allowlist: add it under Settings → Security → IP allowlist (organization or project), or run from an allowed network", apiURLGeneral}
	case "unsupported_region":
		return apiFix{"the API is not available from the country or region your traffic comes from (a VPN exit counts): connect from a supported country", apiURLCountries}
	case "server_error":
		return apiFix{"this is on OpenAI's side, not your key: check " + apiURLStatus + " and try again in a minute; quote the request id to support if it persists", apiURLStatus}
	case "overloaded":
		return apiFix{"OpenAI is overloaded right now, not a problem with your key: check " + apiURLStatus + " and try again in a few minutes", apiURLStatus}
	case "verification_required":
		return apiFix{"verify your organization: Settings → Organization → General → Verify Organization (an ID check; no spend needed); access can take up to 15 minutes to arrive afterwards. Or choose another model with --model", apiURLGeneral}
	case "model_not_found":
		return apiFix{"check the model id for typos (--model, or your app's setting); if it is right, the key's project may not allow it: ask a project owner to allow the model in the project's Limits, or use another model", apiURLLimits}
	case "insufficient_quota":
		return apiFix{"buy credits: Billing → Add to credit balance (a card on file alone is only a temporary hold, not credit); new credits can take a few minutes to apply. If you have credits, check that the key belongs to that organization (see api.auth)", apiURLBilling}
	case "credit_balance_exhausted":
		return apiFix{"your prepaid credit balance is zero: Billing → Add to credit balance, or turn on auto recharge; new credits can take a few minutes to apply", apiURLBilling}
	case "spend_limit":
		return apiFix{"a monthly budget or usage limit was reached: raise the organization's budget under Limits (a project budget lives in the project's Limits section), or wait for next month; OpenAI's usage-tier cap rises as you pay more", apiURLLimits}
	case "billing_not_active":
		return apiFix{"billing is not active for this organization: Billing → Add payment details, then add credits", apiURLBilling}
	case "rate_limited":
		return apiFix{"wait and retry; limits rise with the usage tier (see your limits per model under Limits)", apiURLLimits}
	case "slow_down":
		return apiFix{"your traffic grew too fast: lower the request rate, then ramp up gradually (about +50% per 15 minutes)", apiURLLimits}
	}
	return apiFix{}
}

// apiScopeToggle names the dashboard setting that grants a scope
// (docs/openai-errors.md §3.2).
func apiScopeToggle(scope string) string {
	s := strings.TrimPrefix(scope, "api.")
	switch {
	case s == "model.read":
		return "Models → Read"
	case s == "model.request" || strings.HasPrefix(s, "model.") && strings.HasSuffix(s, ".request"):
		return "Model capabilities → Request"
	case strings.HasPrefix(s, "responses."):
		return "Responses → Write"
	case strings.HasPrefix(s, "assistants."):
		return "Assistants → " + apiReadWrite(s)
	case strings.HasPrefix(s, "threads."):
		return "Threads → " + apiReadWrite(s)
	case strings.HasPrefix(s, "fine_tuning."):
		return "Fine-tuning → " + apiReadWrite(s)
	case strings.HasPrefix(s, "files."):
		return "Files → " + apiReadWrite(s)
	case s == "all.read":
		return "Permissions → Read only (or All)"
	case strings.HasPrefix(s, "management."):
		return "an admin key (Settings → Organization → Admin keys)"
	}
	return ""
}

func apiReadWrite(s string) string {
	if strings.HasSuffix(s, ".write") {
		return "Write"
	}
	return "Read"
}

// apiScopesFix builds the fix for missing scopes: the toggles to set on the
// key, and the role caveat.
func apiScopesFix(scopes []string) apiFix {
	var toggles []string
	for _, s := range scopes {
		if t := apiScopeToggle(s); t != "" && !slices.Contains(toggles, t) {
			toggles = append(toggles, t)
		}
	}
	fix := "edit the key at " + apiURLKeys + " (pencil icon) → Permissions: choose All, or Restricted with "
	if len(toggles) > 0 {
		fix += strings.Join(toggles, " and ")
	} else {
		fix += "the missing scopes enabled"
	}
	if slices.ContainsFunc(scopes, func(s string) bool { return apiScopeToggle(s) == "Model capabilities → Request" }) {
		fix += " (set Model capabilities itself to Request: enabling only Chat completions is not enough)"
	}
	fix += "; if the key already has All, your role in the project is too low: ask a project owner to make you Member or Owner"
	return apiFix{fix, apiURLKeys}
}

// apiScopeList formats scopes with their toggles for a summary.
func apiScopeList(scopes []string) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		if t := apiScopeToggle(s); t != "" {
			parts[i] = fmt.Sprintf("%s (%s)", s, t)
		} else {
			parts[i] = s
		}
	}
	return strings.Join(parts, ", ")
}
