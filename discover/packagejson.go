package discover

import (
	"os"
	"path/filepath"
)

// HasPackageJSON reports whether a package.json is in dir or a folder above
// it up to root (the work tree's root; "" checks dir alone): Node.js
// code lives there.
func HasPackageJSON(dir, root string) bool {
	for d := dir; d != ""; {
		if fi, err := os.Stat(filepath.Join(d, "package.json")); err == nil && fi.Mode().IsRegular() {
			return true
		}
		parent := filepath.Dir(d)
		if root == "" || d == root || parent == d {
			return false
		}
		d = parent
	}
	return false
}
