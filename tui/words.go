package tui

import "strings"

// skipWords say in words why a check was skipped, where the checks engine
// names the check that failed before it by id.
var skipWords = map[string]string{
	"skipped: api.auth failed":  "skipped: the key was rejected",
	"skipped: net.reach failed": "skipped: the API could not be reached",
}

// inWords turns a check's text into the wizard's words: check names, never
// ids (doctor and --json keep the ids).
func inWords(s string) string {
	if w, ok := skipWords[s]; ok {
		return w
	}
	for id, name := range checkNames {
		if strings.Contains(s, id) {
			s = strings.ReplaceAll(s, id, "the "+name+" check")
		}
	}
	return s
}
