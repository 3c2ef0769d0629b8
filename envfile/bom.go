package envfile

import (
	"strings"

	"github.com/setupkit/openai-setup/internal/termtext"
)

// StripBOMCommand is a shell command that removes the UTF-8 byte-order mark
// from the start of each file and changes nothing else: GNU sed's -i edits
// each file on its own (so 1s is each file's first line) and keeps its mode.
// Paths are quoted for a POSIX shell. Give link targets, not links: sed -i
// would replace a link with a copy.
func StripBOMCommand(paths ...string) string {
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = termtext.ShellQuote(p)
	}
	return `sed -i '1s/^\xEF\xBB\xBF//' ` + strings.Join(quoted, " ")
}
