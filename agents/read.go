package agents

import (
	"fmt"
	"os"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

// maxSmallFile caps the settings and ignore files read whole: one that
// large is not one.
const maxSmallFile = 4 << 20

// readSmall reads a settings or ignore file like os.ReadFile (a missing
// file's error wraps fs.ErrNotExist), but only a regular file of at most
// maxSmallFile bytes: a FIFO named .cursorignore must not block doctor.
func readSmall(path string) ([]byte, error) {
	data, whole, _, err := atomicfile.ReadRegular(path, maxSmallFile)
	switch {
	case err != nil:
		return nil, err
	case !whole:
		return nil, fmt.Errorf("larger than %d MiB, so not read", maxSmallFile>>20)
	}
	return data, nil
}

// openRegular opens path only when it is a regular file and not a
// symbolic link, and is still the same file once open (opened
// non-blocking: a FIFO swapped in cannot block).
func openRegular(path string) (*os.File, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, atomicfile.ErrNotRegular
	}
	f, after, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	if !os.SameFile(before, after) {
		f.Close()
		return nil, fmt.Errorf("file replaced while opening")
	}
	return f, nil
}
