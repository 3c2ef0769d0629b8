package envfile

import (
	"io"
	"os"
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
	fi, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return nil, ReadMissing
	case err != nil:
		return nil, ReadFailed
	case !fi.Mode().IsRegular():
		return nil, ReadSpecial
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, ReadFailed
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, ReadSpecial // swapped for a FIFO since the first look
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxRead+1))
	switch {
	case err != nil:
		return nil, ReadFailed
	case len(data) > MaxRead:
		return data[:MaxRead], ReadTruncated
	}
	return data, ReadWhole
}

// ReadSmall reads a regular file up to MaxRead bytes. A missing file, a
// folder, a FIFO or a device is skipped (ok false). It cannot tell a
// truncated read from a whole one: ReadCapped can.
func ReadSmall(path string) (data []byte, ok bool) {
	data, o := ReadCapped(path)
	return data, o == ReadWhole || o == ReadTruncated
}
