// Command openai-setup gets a developer from "no OpenAI account" to a
// working, safely stored API key, and diagnoses a broken setup later.
package main

import (
	"context"
	"os"
)

// Set by goreleaser through ldflags; see version.go for the go install path.
var (
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], systemApp()))
}
