package envfile

import (
	"io"
	"os"
)

// MaxRead caps ReadSmall: dotenv and shell start-up files are small, and a
// huge file is not one.
const MaxRead = 1 << 20

// ReadSmall reads a regular file up to MaxRead bytes. A missing file, a
// folder, a FIFO or a device is skipped (ok false): opening a FIFO would block.
func ReadSmall(path string) (data []byte, ok bool) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, MaxRead))
	return data, err == nil
}
