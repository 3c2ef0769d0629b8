// Command prog is a fake gh and vault for tests: it answers like the real
// CLIs, keeps "secrets" in files under $FAKECLI_STATE, and records every
// call's argv, environment and standard input there. It never talks to a
// network. Which CLI it plays is its own file name.
//
// FAKECLI_MODE: "" (works), "logged_out" (the login check fails),
// "newline" (vault stores the value with a trailing newline), "echo_error"
// (a write fails with an error that quotes the value and a terminal escape),
// "old_gh" (gh secret list has no --json and prints tab-separated lines),
// "stale" (gh secret set succeeds but the list shows an old update time).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Call is one recorded invocation (the fakecli package reads them back).
type Call struct {
	Argv  []string `json:"argv"`
	Env   []string `json:"env"`
	Stdin string   `json:"stdin"`
}

func main() {
	state := os.Getenv("FAKECLI_STATE")
	if state == "" {
		fmt.Fprintln(os.Stderr, "fakecli: FAKECLI_STATE is not set")
		os.Exit(99)
	}
	stdin, _ := io.ReadAll(os.Stdin)
	tool := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	argv := append([]string{tool}, os.Args[1:]...)
	record(state, Call{Argv: argv, Env: os.Environ(), Stdin: string(stdin)})
	mode := os.Getenv("FAKECLI_MODE")
	switch tool {
	case "gh":
		os.Exit(gh(state, mode, argv[1:], stdin))
	case "vault":
		os.Exit(vault(state, mode, argv[1:], stdin))
	}
	fmt.Fprintf(os.Stderr, "fakecli: unknown tool %q\n", tool)
	os.Exit(99)
}

func record(state string, c Call) {
	b, _ := json.Marshal(c)
	f, err := os.OpenFile(filepath.Join(state, "calls.jsonl"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fakecli:", err)
		os.Exit(99)
	}
	defer f.Close()
	f.Write(append(b, '\n'))
}

// flags splits --name value / -name=value flags from positional arguments.
func flags(args []string) (map[string]string, []string) {
	f := map[string]string{}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			pos = append(pos, a)
			continue
		}
		name, val, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok && i+1 < len(args) {
			i++
			val = args[i]
		}
		f[name] = val
	}
	return f, pos
}

func secretFile(state string, parts ...string) string {
	clean := []string{state, "secrets"}
	for _, p := range parts {
		clean = append(clean, strings.ReplaceAll(p, "/", "%"))
	}
	return filepath.Join(clean...)
}

func gh(state, mode string, args []string, stdin []byte) int {
	f, pos := flags(args)
	switch {
	case len(pos) >= 2 && pos[0] == "auth" && pos[1] == "status":
		if mode == "logged_out" {
			fmt.Fprintln(os.Stderr, "You are not logged into any GitHub hosts. To log in, run: gh auth login")
			return 1
		}
		fmt.Fprintln(os.Stderr, "github.com\n  ✓ Logged in to github.com account octo (keyring)")
		return 0
	case len(pos) == 3 && pos[0] == "secret" && pos[1] == "set":
		if len(stdin) == 0 {
			fmt.Fprintln(os.Stderr, "secret value is empty")
			return 1
		}
		if mode == "echo_error" {
			fmt.Fprintf(os.Stderr, "HTTP 422: invalid value %q \x1b]0;pwned\x07\n", stdin)
			return 1
		}
		dir := secretFile(state, "gh", f["repo"], f["env"])
		os.MkdirAll(dir, 0o700)
		if err := os.WriteFile(filepath.Join(dir, strings.ToUpper(pos[2])), stdin, 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "✓ Set Actions secret %s for %s\n", strings.ToUpper(pos[2]), f["repo"])
		return 0
	case len(pos) == 2 && pos[0] == "secret" && pos[1] == "list":
		type entry struct {
			Name      string    `json:"name"`
			UpdatedAt time.Time `json:"updatedAt"`
		}
		_, wantJSON := f["json"]
		if wantJSON && mode == "old_gh" {
			fmt.Fprintln(os.Stderr, "unknown flag: --json\n\nUsage:  gh secret list [flags]")
			return 1
		}
		list := []entry{}
		entries, _ := os.ReadDir(secretFile(state, "gh", f["repo"], f["env"]))
		for _, e := range entries {
			info, _ := e.Info()
			at := info.ModTime().UTC().Truncate(time.Second)
			if mode == "stale" {
				at = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			}
			list = append(list, entry{e.Name(), at})
		}
		if !wantJSON {
			for _, e := range list {
				fmt.Printf("%s\t%s\n", e.Name, e.UpdatedAt.Format(time.RFC3339))
			}
			return 0
		}
		json.NewEncoder(os.Stdout).Encode(list)
		return 0
	}
	fmt.Fprintf(os.Stderr, "unknown command %q for \"gh\"\n", strings.Join(args, " "))
	return 1
}

func vault(state, mode string, args []string, stdin []byte) int {
	f, pos := flags(args)
	switch {
	case len(pos) == 2 && pos[0] == "token" && pos[1] == "lookup":
		if mode == "logged_out" {
			fmt.Fprintln(os.Stderr, "Error looking up token: Error making API request.\n\nCode: 403. Errors:\n\n* permission denied")
			return 2
		}
		fmt.Println("Key    Value\n---    -----\npolicies    [root]")
		return 0
	case len(pos) == 4 && pos[0] == "kv" && pos[1] == "put":
		name, val, ok := strings.Cut(pos[3], "=")
		if !ok || val != "-" {
			fmt.Fprintln(os.Stderr, "fakecli: the value must come from stdin (NAME=-)")
			return 1
		}
		if mode == "newline" {
			stdin = append(stdin, '\n')
		}
		if mode == "echo_error" {
			fmt.Fprintf(os.Stderr, "Error writing data: value %s rejected \x1b[2J\n", stdin)
			return 2
		}
		dir := secretFile(state, "vault", f["mount"], pos[2])
		os.MkdirAll(dir, 0o700)
		if err := os.WriteFile(filepath.Join(dir, name), stdin, 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("== Secret Path ==\n%s/data/%s\n", f["mount"], pos[2])
		return 0
	case len(pos) == 3 && pos[0] == "kv" && pos[1] == "get":
		b, err := os.ReadFile(filepath.Join(secretFile(state, "vault", f["mount"], pos[2]), f["field"]))
		if err != nil {
			fmt.Fprintf(os.Stderr, "No value found at %s/data/%s\n", f["mount"], pos[2])
			return 2
		}
		os.Stdout.Write(b)
		return 0
	}
	fmt.Fprintf(os.Stderr, "Usage: vault <command> [args] (got %q)\n", strings.Join(args, " "))
	return 1
}
