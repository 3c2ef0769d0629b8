package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/internal/openai"
)

// apiScopesFix builds the fix for missing scopes: the toggles to set on the
// key, and the role caveat.
func apiScopesFix(scopes []string) Fix {
	var toggles []string
	for _, s := range scopes {
		if t := openai.ScopeToggle(s); t != "" && !slices.Contains(toggles, t) {
			toggles = append(toggles, t)
		}
	}
	fix := "edit the key at " + apiURLKeys + " (pencil icon) → Permissions: choose All, or Restricted with "
	if len(toggles) > 0 {
		fix += strings.Join(toggles, " and ")
	} else {
		fix += "the missing scopes enabled"
	}
	if slices.ContainsFunc(scopes, func(s string) bool { return openai.ScopeToggle(s) == "Model capabilities → Request" }) {
		fix += " (set Model capabilities itself to Request: enabling only Chat completions is not enough)"
	}
	fix += "; if the key already has All, your role in the project is too low: ask a project owner to make you Member or Owner"
	return Fix{Do: fix, URL: apiURLKeys}
}

// apiScopeList formats scopes with their toggles for a summary.
func apiScopeList(scopes []string) string {
	parts := make([]string, len(scopes))
	for i, s := range scopes {
		if t := openai.ScopeToggle(s); t != "" {
			parts[i] = fmt.Sprintf("%s (%s)", s, t)
		} else {
			parts[i] = s
		}
	}
	return strings.Join(parts, ", ")
}
