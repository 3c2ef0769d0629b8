package atomicfile

import "os"

// Seams for fault tests: a test swaps one of these to make a write, sync or
// rename fail the way a full disk or a crash would, which works even as
// root (root ignores permission bits).
var (
	createTemp = os.CreateTemp
	writeData  = func(f *os.File, b []byte) (int, error) { return f.Write(b) }
	syncFile   = (*os.File).Sync
	rename     = os.Rename
	syncDir    = syncDirectory
)
