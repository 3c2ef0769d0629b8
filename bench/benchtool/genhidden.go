package main

import (
	"bufio"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// stashRefPrefix holds the generated stash entries until bench/run moves
// them into the stash reflog (`git stash store`, oldest first) and deletes
// these refs: fast-import cannot write a reflog.
const stashRefPrefix = "refs/stash-gen/"

// hiddenCommits is how many commits writeHidden adds after the regular ones.
const hiddenCommits = 8

// writeHidden appends the places a plain `git log -p` of the branches does
// not show: a key added while merging feature into main, one in a commit
// message, one in a UTF-16 file (PowerShell's ">" output), and two stash
// entries, the older with a key in its untracked file, the newer with a key
// only in its unstaged change. keys holds one key per format; mark is the
// first free mark. It returns the plants and main's new tip.
func writeHidden(bw *bufio.Writer, keys map[string]string, mark, mainTip, featTip int) ([]plant, int) {
	var plants []plant
	commit := func(ref, msg string, from int, merges []int, files map[string]string) int {
		m := mark
		mark++
		fmt.Fprintf(bw, "commit %s\nmark :%d\ncommitter Bench Robot <bench@example.invalid> %d +0000\n", ref, m, baseTime+600*m)
		fmt.Fprintf(bw, "data %d\n%s\n", len(msg), msg)
		if from > 0 {
			fmt.Fprintf(bw, "from :%d\n", from)
		}
		for _, p := range merges {
			fmt.Fprintf(bw, "merge :%d\n", p)
		}
		for _, p := range slices.Sorted(maps.Keys(files)) {
			fmt.Fprintf(bw, "M 100644 inline %s\ndata %d\n%s\n", p, len(files[p]), files[p])
		}
		bw.WriteString("\n")
		return m
	}
	add := func(format, branch, path string, at int) {
		plants = append(plants, plant{Format: format, Key: keys[format], Branch: branch, Commit: at - 1, RemovedAt: -1, Path: path})
	}

	merged := "config/merged_settings.py"
	m := commit(mainRef, "Merge branch 'feature/billing'", mainTip, []int{featTip},
		map[string]string{merged: "OPENAI_API_KEY = \"" + keys["sk-proj-"] + "\"  # resolved while merging\n"})
	add("sk-proj-", "main (merge)", merged, m)

	m = commit(mainRef, "config: rotate the client key\n\nThe old one, "+keys["sk-admin-"]+", is revoked.\n", m, nil, nil)
	add("sk-admin-", "main", "(commit message)", m)

	dump := "logs/env_dump.txt"
	m = commit(mainRef, "logs: environment dump from the Windows runner", m, nil,
		map[string]string{dump: utf16LE("PATH=C:\\Windows\r\nOPENAI_API_KEY=" + keys["sk-svcacct-"] + "\r\n")})
	add("sk-svcacct-", "main", dump, m)
	base := m

	// Older stash (stash@{1}), made with -u: the key is in its untracked part.
	u := commit(stashRefPrefix+"1-untracked", "untracked files on main: bench", 0, nil,
		map[string]string{"notes/local.env": "OPENAI_API_KEY=" + keys[formatNone] + "\n"})
	i := commit(stashRefPrefix+"1", "index on main: bench", base, nil, nil)
	w := commit(stashRefPrefix+"1", "WIP on main: bench", base, []int{i, u}, map[string]string{"src/pkg00/module_00.go": "// work in progress\n"})
	add(formatNone, "stash@{1}", "notes/local.env", w)

	// Newest stash (stash@{0}): staged one line, then added the key without
	// staging it, so only the stash's work-tree commit holds it.
	i = commit(stashRefPrefix+"2", "index on main: bench", base, nil, map[string]string{"scripts/dev.sh": "export MODE=dev\n"})
	w = commit(stashRefPrefix+"2", "WIP on main: bench", base, []int{i},
		map[string]string{"scripts/dev.sh": "export MODE=dev\nexport OPENAI_API_KEY=" + keys["sk-legacy"] + "\n"})
	add("sk-legacy", "stash@{0}", "scripts/dev.sh", w)
	return plants, base
}

// utf16LE encodes ASCII text as UTF-16 little-endian with a byte-order mark.
func utf16LE(s string) string {
	var b strings.Builder
	b.WriteString("\xFF\xFE")
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		b.WriteByte(0)
	}
	return b.String()
}
