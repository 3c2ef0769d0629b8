package push

import (
	"os"
	"path/filepath"
	"slices"
)

// Detected is a target a work tree shows signs of using.
type Detected struct {
	Target string // a name in Targets, e.g. "github"
	Sign   string // the entry that showed it, relative to the root, e.g. ".github/workflows"
}

// detectSigns are the entries at a work tree's root that show where its
// app runs, per target, in Targets order. Only targets in Targets are
// reported: a sign of a platform push cannot reach (vercel.json, .vercel/)
// offers nothing.
var detectSigns = []struct {
	target string
	paths  []string // slash-separated, relative to the root
	dir    bool     // the entry must be a folder
}{
	{"github", []string{".github/workflows"}, true},
	{"vercel", []string{"vercel.json", ".vercel"}, false},
}

// Detect lists the targets whose signs are at root, in Targets order. It
// reads only the entries named in detectSigns (no symbolic link is
// followed out of them: Lstat), and finds nothing in a folder it cannot
// read.
func Detect(root string) []Detected {
	var out []Detected
	for _, s := range detectSigns {
		if !slices.Contains(Targets, s.target) {
			continue
		}
		for _, p := range s.paths {
			fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
			if err != nil || s.dir && !fi.IsDir() {
				continue
			}
			out = append(out, Detected{Target: s.target, Sign: p})
			break
		}
	}
	return out
}
