package checks

import "github.com/setupkit/openai-setup/discover"

// The old spellings history.go and its test still use. They go when the
// history scan moves to its own package.
type (
	Inventory = discover.Inventory
	Source    = discover.Source
)

const (
	envAPIKey    = "OPENAI_API_KEY"
	SourceDotenv = discover.SourceDotenv
)

func discJoin(a, b string) string { return discover.JoinNotes(a, b) }
