package openai

import (
	"regexp"
	"strings"
)

// dateSuffix is how OpenAI names a dated snapshot of a model:
// gpt-4o-mini-2024-07-18.
var dateSuffix = regexp.MustCompile(`^-\d{4}-\d{2}-\d{2}$`)

// NewestSnapshot returns the newest dated snapshot of model among the
// listed ids, else model itself. The paid call goes to it because an alias
// can answer where its snapshot is refused for billing (a new account's
// free allowance covers the alias): only the snapshot proves billing.
func NewestSnapshot(model string, ids []string) string {
	best := ""
	for _, id := range ids {
		if rest, ok := strings.CutPrefix(id, model); ok && dateSuffix.MatchString(rest) && id > best {
			best = id
		}
	}
	if best == "" {
		return model
	}
	return best
}
