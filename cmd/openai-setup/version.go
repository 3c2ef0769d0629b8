package main

import (
	"runtime/debug"
	"strings"
)

// versionString is what --version prints. A release says what goreleaser
// stamped: the version, the commit and the commit's date (not the build's).
// A `go install module@version` build has no stamp: it says what the Go
// build info holds (the module version; commit and commit date only when
// built from a git checkout) and that it came from there.
func versionString() string {
	if version != "" {
		return version + details(commit, date, "")
	}
	v, c, d := "(devel)", "", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				c = s.Value
			case "vcs.time":
				d = s.Value
			}
		}
	}
	return v + details(c, d, "from the Go build info")
}

// details is " (commit …, commit date …)", with source first when given.
func details(c, d, source string) string {
	var extra []string
	if source != "" {
		extra = append(extra, source)
	}
	if len(c) > 12 {
		c = c[:12]
	}
	if c != "" {
		extra = append(extra, "commit "+c)
	}
	if d != "" {
		extra = append(extra, "commit date "+d)
	}
	if len(extra) == 0 {
		return ""
	}
	return " (" + strings.Join(extra, ", ") + ")"
}
