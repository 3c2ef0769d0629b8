//go:build !windows

package hygiene

import (
	"os"
	"strings"

	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// permsCheck warns about files holding a key that other users can read.
func permsCheck(files []string) checks.Result {
	r := checks.Result{ID: checks.EnvPerms}
	if len(files) == 0 {
		r.Status, r.Summary = checks.Pass, "no file holds a key"
		return r
	}
	var world, group []string
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			continue
		}
		switch m := fi.Mode().Perm(); {
		case m&0o004 != 0:
			world = append(world, f)
		case m&0o040 != 0:
			group = append(group, f)
		}
	}
	open := append(world, group...)
	switch {
	case len(world) > 0:
		r.Status, r.Code = checks.Warn, checks.CodeWorldReadable
		r.Summary = "every user on this machine can read " + strings.Join(world, ", ") + ", which holds a key"
	case len(group) > 0:
		r.Status, r.Code = checks.Warn, checks.CodeGroupReadable
		r.Summary = "the file's group can read " + strings.Join(group, ", ") + ", which holds a key"
	default:
		r.Status = checks.Pass
		r.Summary = "only you can read the file(s) holding a key"
		return r
	}
	quoted := make([]string, len(open))
	for i, f := range open {
		quoted[i] = termtext.ShellQuote(f)
	}
	r.Fix = checks.FixFor(r.Code, "").Fill("files", strings.Join(quoted, " ")).Do
	if len(world) > 0 && len(group) > 0 {
		r.Detail = append(r.Detail, "group-readable too: "+strings.Join(group, ", "))
	}
	return r
}
