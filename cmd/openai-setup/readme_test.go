package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
)

// TestREADMEChecksTable: the "Checks and codes" table in README.md is the
// output of `doctor --list-checks --json`, row for row, so a new check or
// code cannot go undocumented.
func TestREADMEChecksTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const head = "| id | what a pass establishes | codes |\n|---|---|---|\n"
	text := strings.ReplaceAll(string(readme), "\r\n", "\n")
	_, table, ok := strings.Cut(text, head)
	if !ok {
		t.Fatal("README.md has no checks table")
	}
	table, _, _ = strings.Cut(table, "\n\n")

	tr := newTestRun(t)
	if code := tr.run(t, "doctor", "--list-checks", "--json"); code != exitOK {
		t.Fatalf("--list-checks --json exit %d: %s", code, tr.err)
	}
	var list struct{ Checks []checks.Spec }
	if err := json.Unmarshal(tr.out.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range list.Checks {
		codes := make([]string, len(s.Codes))
		for i, c := range s.Codes {
			codes[i] = "`" + string(c) + "`"
		}
		want = append(want, "| `"+s.ID+"` | "+s.What+" | "+strings.Join(codes, ", ")+" |")
	}
	got := strings.Split(strings.TrimRight(table, "\n"), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("README.md's checks table is out of date; regenerate it from `go run ./cmd/openai-setup doctor --list-checks --json`.\ngot:\n%s\nwant:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
