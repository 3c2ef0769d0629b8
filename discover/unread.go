package discover

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strconv"

	"github.com/setupkit/openai-setup/envfile"
)

// UnreadFile is a dotenv or start-up file that exists but was not read
// whole: a key in it (or past the cap) is unknown to doctor, so "no key"
// is never certain while one is listed.
type UnreadFile struct {
	Path    string              `json:"path"`
	Kind    SourceKind          `json:"kind"`    // dotenv or startup_file
	Outcome envfile.ReadOutcome `json:"outcome"` // truncated, special or failed
	// Why says it for people: "stopped at the 1 MiB cap", "a named pipe,
	// not read".
	Why string `json:"why"`
}

// readFile reads path through envfile.ReadCapped. It returns the data to
// parse and ok; a file that exists but was not read whole is added to inv.
// A truncated file's data ends at its last whole line, so a value cut at the
// cap is not mistaken for a short one. A folder is skipped silently: a
// Python virtual environment is often named .env.
func readFile(inv *Inventory, kind SourceKind, path string) ([]byte, bool) {
	data, o := envfile.ReadCapped(path)
	switch o {
	case envfile.ReadWhole:
		return data, true
	case envfile.ReadMissing:
		return nil, false
	}
	if u, report := Unread(path, kind, o); report {
		inv.UnreadFiles = append(inv.UnreadFiles, u)
	}
	if o != envfile.ReadTruncated {
		return nil, false
	}
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		return data[:i+1], true
	}
	return nil, true
}

// Unread describes a file that ReadCapped did not read whole (outcome o),
// with why in words; report is false for a folder (a Python virtual
// environment is often named .env) and for a whole or missing file.
func Unread(path string, kind SourceKind, o envfile.ReadOutcome) (u UnreadFile, report bool) {
	if o == envfile.ReadWhole || o == envfile.ReadMissing {
		return UnreadFile{}, false
	}
	why, report := unreadWhy(path, o)
	return UnreadFile{Path: path, Kind: kind, Outcome: o, Why: why}, report
}

// unreadWhy says why path was not read whole, and whether to report it at
// all (a folder is not).
func unreadWhy(path string, o envfile.ReadOutcome) (string, bool) {
	switch o {
	case envfile.ReadTruncated:
		return "stopped at the " + strconv.Itoa(envfile.MaxRead>>20) + " MiB cap", true
	case envfile.ReadFailed:
		if _, err := os.Open(path); errors.Is(err, fs.ErrPermission) {
			return "could not be read: permission denied", true
		}
		return "could not be read", true
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "not a regular file, not read", true
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return "", false
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe, not read", true
	case m&fs.ModeSocket != 0:
		return "a socket, not read", true
	case m&fs.ModeDevice != 0:
		return "a device, not read", true
	}
	return "not a regular file, not read", true
}
