package hygiene

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// leftover is a temporary file that an interrupted write of Dotenv left
// behind (".env.tmp-123"), holding a key.
type leftover struct {
	Path, Dotenv string
	Keys         []apikey.Key // the key-shaped values in it (env.agents looks for them)
}

// leftovers finds the leftover temporary files of the dotenv files that
// hold an OpenAI key. Their content is read only to look for a key and
// never kept: only the keys in it, as apikey.Key values.
func leftovers(dotenvs []string) []leftover {
	var out []leftover
	seen := map[string]bool{}
	for _, d := range dotenvs {
		for _, p := range envfile.Leftovers(d) {
			if seen[p] {
				continue // two dotenv names linked to one file
			}
			seen[p] = true
			data, ok := envfile.ReadSmall(p)
			if !ok || !discover.HoldsKey(data) {
				continue
			}
			l := leftover{Path: p, Dotenv: d}
			for _, k := range apikey.FindAll(string(data)) {
				l.Keys = append(l.Keys, apikey.New(k))
			}
			out = append(out, l)
		}
	}
	return out
}

// addLeftovers adds leftovers holding a key to env.gitignore's result r
// as a warning with code leftover_temp (see checks.Result.WithWarning).
func addLeftovers(r checks.Result, left []leftover) checks.Result {
	if len(left) == 0 {
		return r
	}
	var paths, quoted, dotenvs, names []string
	for _, l := range left {
		paths = append(paths, l.Path)
		quoted = append(quoted, termtext.ShellQuote(l.Path))
		if !slices.Contains(dotenvs, l.Dotenv) {
			dotenvs = append(dotenvs, l.Dotenv)
		}
		if n := filepath.Base(l.Dotenv); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	what := strings.Join(paths, ", ") + " holds a key: a temporary file left by an interrupted write"
	if len(left) > 1 {
		what = strings.Join(paths, ", ") + " hold a key: temporary files left by interrupted writes"
	}
	what += ", which a .gitignore line for " + strings.Join(names, " or ") + " alone does not cover"
	complete := strings.Join(dotenvs, ", ") + " itself is complete"
	if len(dotenvs) > 1 {
		complete = strings.Join(dotenvs, ", ") + " themselves are complete"
	}
	what += "; " + complete
	fix := checks.FixFor(checks.CodeLeftoverTemp, "").Fill("files", strings.Join(quoted, " ")).Do // runnable as it stands: the why is in the summary

	return r.WithWarning(checks.CodeLeftoverTemp, what, fix)
}
