package envfile

import (
	"errors"
	"path/filepath"
	"strings"
)

// ErrOutside is wrapped by the error for a .gitignore that is a symbolic
// link to a file outside the work tree: appending to it would change some
// other file (a tracked ".gitignore -> ../../.bashrc" is enough).
var ErrOutside = errors.New("links outside the work tree")

// ErrLinkedGitignore is wrapped by the error for a .gitignore in a work tree
// that is a symbolic link: git (2.32 and later) does not read such a file,
// so an entry added to it would ignore nothing.
var ErrLinkedGitignore = errors.New("which git does not read")

// ErrTrackedLink is wrapped by Update's error when the dotenv path is a
// symbolic link that git tracks: whoever committed it chose where a key
// would be written, so it is refused even with Options.Force.
var ErrTrackedLink = errors.New("git tracks this symbolic link")

// sentence is an error whose text is a whole sentence of its own while
// errors.Is still finds the sentinel it wraps.
type sentence struct {
	msg string
	err error
}

func (e sentence) Error() string { return e.msg }
func (e sentence) Unwrap() error { return e.err }

// boundary is the folder a file's link target must stay in: the work tree
// holding dir (its top, "" when there is none), or dir itself outside a
// repository. It is a real path (links
// resolved), as git gives it.
func boundary(top, dir string) string {
	if top != "" {
		return realPath(top)
	}
	return realPath(dir)
}

// outside reports whether target (which need not exist) lies outside the
// folder root, comparing real paths so a link in a parent folder counts.
func outside(root, target string) bool {
	rel, err := filepath.Rel(root, realPath(target))
	return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel)
}

// realPath resolves every link in p; for a path that does not exist yet,
// it resolves the nearest existing parent and keeps the rest.
func realPath(p string) string {
	p, _ = filepath.Abs(p)
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}
