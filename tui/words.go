package tui

import "strings"

// inWords turns a check's text into the wizard's words: check names, never
// ids (doctor and --json keep the ids). A skip's cause comes from the
// failed result's code: resultWords.
func inWords(s string) string {
	for id, name := range checkNames {
		if strings.Contains(s, id) {
			s = strings.ReplaceAll(s, id, "the "+name+" check")
		}
	}
	return s
}
