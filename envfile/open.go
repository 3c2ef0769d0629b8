package envfile

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

// Size caps for the files a save reads: a dotenv file or a .gitignore that
// large is not one, and reading /dev/zero through a link must end.
const (
	MaxDotenv    = 1 << 20
	MaxGitignore = 4 << 20
)

// ErrNotRegular is wrapped by the error for a path that is a folder, a FIFO,
// a device or a socket: reading a FIFO blocks, a device may never end.
var ErrNotRegular = atomicfile.ErrNotRegular

// ErrTooLarge is wrapped by the error for a file over its size cap.
var ErrTooLarge = errors.New("file too large")

// readRegular reads the file at path (a symbolic link is followed) when it
// is a regular file of at most limit bytes. A missing file gives (nil,
// false, nil). It reads through the same door as ReadCapped
// (atomicfile.ReadRegular), so a FIFO swapped in cannot block the read; it
// only turns what ReadCapped reports into errors that say what to do.
func readRegular(path string, limit int64) (data []byte, exists bool, err error) {
	data, o, fi, err := readCapped(path, limit)
	if o == ReadMissing {
		return nil, false, nil
	}
	name := path
	if t, err := atomicfile.Resolve(path); err == nil && t != path {
		name = path + " (a link to " + t + ")"
	}
	switch o {
	case ReadSpecial:
		return nil, true, checkRegular(name, fi, limit)
	case ReadTruncated:
		return nil, true, tooLarge(name, limit)
	case ReadFailed:
		return nil, true, fmt.Errorf("reading %s: %w", path, err)
	}
	return data, true, nil
}

// checkRegular refuses what is not a regular file, naming what it is, and a
// file whose size is already over limit.
func checkRegular(path string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, %w: use an ordinary text file instead", path, kindOf(fi.Mode()), ErrNotRegular)
	}
	if fi.Size() > limit {
		return tooLarge(path, limit)
	}
	return nil
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s is larger than %d MiB, %w to be a settings file: check that the path is right", path, limit>>20, ErrTooLarge)
}

// kindOf names a file type for an error message.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
