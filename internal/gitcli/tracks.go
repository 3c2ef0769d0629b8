package gitcli

import (
	"context"
	"path/filepath"
)

// Tracks reports whether git tracks path. With no .git entry at or above the
// path nothing is tracked: (false, nil). When there is one but git is
// missing, times out or fails, the answer is unknown and Tracks returns an
// error, never a silent false: a caller about to write a key must not guess
// "not tracked".
func Tracks(ctx context.Context, path string) (bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	root := FindRoot(filepath.Dir(abs))
	if root == "" {
		return false, nil
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return false, err
	}
	// Asked at the root with a path relative to it, so a folder that does
	// not exist yet still gets an answer; :(literal) keeps every byte of the
	// name from being a wildcard. Tracked = listed in the index.
	out, err := Output(ctx, root, nil, "ls-files", "-z", "--", ":(literal)"+filepath.ToSlash(rel))
	if err != nil {
		return false, err
	}
	return len(out) > 0, nil
}
