//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// syncDirectory is a no-op: Windows cannot open a folder for syncing, and
// its rename (MoveFileEx) is already written through by NTFS.
func syncDirectory(string) error { return nil }

// keepOwner is a no-op where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) {}
