package checks

import (
	"fmt"
	"slices"
	"strings"
)

// apiFix is the exact next step and the page that helps.
type apiFix struct{ fix, url string }

// apiScopeToggle names the dashboard setting (the key's Permissions page)
// that grants a scope.
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
