package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is the error for a path that is a folder, a FIFO, a device
// or a socket: opening a FIFO blocks until a writer comes, and a device may
// never end.
var ErrNotRegular = errors.New("not a regular file")

// OpenRegular opens the file at path (a symbolic link is followed) for
// reading when it is a regular file. The type is checked before opening and
// again on the opened file, and it is opened non-blocking where the
// platform has that, so a FIFO swapped in between cannot block. fi is the
// opened file's info, or the path's when it is not a regular file (to name
// what it is); a missing file gives an error wrapping fs.ErrNotExist.
func OpenRegular(path string) (f *os.File, fi fs.FileInfo, err error) {
	fi, err = os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fi, ErrNotRegular
	}
	f, err = os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, fi, err
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = ErrNotRegular // swapped for a FIFO since the first look
		}
		return nil, fi, err
	}
	return f, fi, nil
}

// ReadRegular reads at most limit bytes of the regular file at path (see
// OpenRegular). whole is false when the file holds more: data is then its
// first limit bytes.
func ReadRegular(path string, limit int64) (data []byte, whole bool, fi fs.FileInfo, err error) {
	f, fi, err := OpenRegular(path)
	if err != nil {
		return nil, false, fi, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, false, fi, err
	}
	if int64(len(data)) > limit {
		return data[:limit], false, fi, nil
	}
	return data, true, fi, nil
}
