package openai

import "strings"

// ScopeToggle names the dashboard setting (the key's Permissions page)
// that grants a scope, "" for a scope it does not know.
func ScopeToggle(scope string) string {
	s := strings.TrimPrefix(scope, "api.")
	switch {
	case s == "model.read":
		return "Models → Read"
	case s == "model.request" || strings.HasPrefix(s, "model.") && strings.HasSuffix(s, ".request"):
		return "Model capabilities → Request"
	case strings.HasPrefix(s, "responses."):
		return "Responses → Write"
	case strings.HasPrefix(s, "assistants."):
		return "Assistants → " + readWrite(s)
	case strings.HasPrefix(s, "threads."):
		return "Threads → " + readWrite(s)
	case strings.HasPrefix(s, "fine_tuning."):
		return "Fine-tuning → " + readWrite(s)
	case strings.HasPrefix(s, "files."):
		return "Files → " + readWrite(s)
	case s == "all.read":
		return "Permissions → Read only (or All)"
	case strings.HasPrefix(s, "management."):
		return "an admin key (Settings → Organization → Admin keys)"
	}
	return ""
}

func readWrite(s string) string {
	if strings.HasSuffix(s, ".write") {
		return "Write"
	}
	return "Read"
}
