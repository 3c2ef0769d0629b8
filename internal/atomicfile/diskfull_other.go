//go:build !windows

package atomicfile

import "syscall"

// errDiskFull is what a write to a full disk returns.
const errDiskFull = syscall.ENOSPC
