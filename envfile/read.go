package envfile

import (
	"errors"
	"io/fs"

	"github.com/setupkit/openai-setup/internal/atomicfile"
)

// MaxRead caps ReadSmall: dotenv and shell start-up files are small, and a
// huge file is not one.
const MaxRead = MaxDotenv

// ReadOutcome says how much of a file ReadCapped read, so a caller never
// reports "no key" for a file it did not read whole.
type ReadOutcome int

// The outcomes of ReadCapped.
const (
	// ReadWhole: the data is the whole file.
	ReadWhole ReadOutcome = iota
	// ReadMissing: there is no file at the path.
	ReadMissing
	// ReadTruncated: the file is over MaxRead; the data is its first
	// MaxRead bytes.
	ReadTruncated
	// ReadSpecial: the path is a folder, FIFO, device or socket, skipped
	// unread (opening a FIFO blocks, a device may never end).
	ReadSpecial
	// ReadFailed: the file exists but could not be read (permissions).
	ReadFailed
)

var readOutcomeText = [...]string{"whole", "missing", "truncated", "special", "failed"}

// String is the outcome's one-word name, as MarshalText gives it.
func (o ReadOutcome) String() string {
	if int(o) < len(readOutcomeText) {
		return readOutcomeText[o]
	}
	return "unknown"
}

// MarshalText gives JSON and text reports the same word as String.
func (o ReadOutcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// ReadCapped reads a regular file (a link is followed) up to MaxRead bytes
// and says whether that was the whole file.
func ReadCapped(path string) ([]byte, ReadOutcome) {
	data, o, _, _ := readCapped(path, MaxRead)
	return data, o
}

// readCapped is ReadCapped with a limit; it also gives the file's info (to
// name what a special file is) and the error behind ReadFailed.
func readCapped(path string, limit int64) ([]byte, ReadOutcome, fs.FileInfo, error) {
	data, whole, fi, err := atomicfile.ReadRegular(path, limit)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ReadMissing, nil, err
	case errors.Is(err, atomicfile.ErrNotRegular):
		return nil, ReadSpecial, fi, err
	case err != nil:
		return nil, ReadFailed, fi, err
	case !whole:
		return data, ReadTruncated, fi, nil
	}
	return data, ReadWhole, fi, nil
}

// ReadSmall reads a regular file up to MaxRead bytes. A missing file, a
// folder, a FIFO or a device is skipped (ok false). It cannot tell a
// truncated read from a whole one: ReadCapped can.
func ReadSmall(path string) (data []byte, ok bool) {
	data, o := ReadCapped(path)
	return data, o == ReadWhole || o == ReadTruncated
}
