package atomicfile

import "syscall"

// errDiskFull is ERROR_DISK_FULL, what Windows returns for a full disk.
const errDiskFull = syscall.Errno(112)
