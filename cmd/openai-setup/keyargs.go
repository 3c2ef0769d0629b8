package main

import (
	"fmt"
	"slices"

	"github.com/setupkit/openai-setup/apikey"
)

// keyInArgs reports whether any argument or flag value holds a key-shaped
// token (see apikey.ContainsKey), and what to say if so. It runs before
// cobra parses anything, so no parse error can quote the key back.
func keyInArgs(args []string) (string, bool) {
	if !slices.ContainsFunc(args, apikey.ContainsKey) {
		return "", false
	}
	const why = "a key must never be an argument: it may now be in your shell history, and other programs on this machine can read the arguments of a running command. "
	for _, admin := range []string{"keys", "provision", "usage"} {
		if slices.Contains(args, admin) {
			return why + "Give an admin key through OPENAI_ADMIN_KEY or on standard input: printf '%s' \"$ADMIN_KEY\" | openai-setup " + admin + " --admin-key-stdin", true
		}
	}
	cmd := "openai-setup --with-key"
	if slices.Contains(args, "rotate") {
		cmd = "openai-setup rotate --with-key"
	}
	return fmt.Sprintf(why+"Pipe it in on standard input instead: printf '%%s' \"$KEY\" | %s", cmd), true
}
