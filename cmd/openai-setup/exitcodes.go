package main

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes, documented in README. Scripts and CI rely on them.
const (
	exitOK          = 0   // no check failed (warnings allowed)
	exitFailed      = 1   // a check failed, or the command could not do its job
	exitUsage       = 2   // bad flags or arguments; not a terminal where one is needed
	exitUnsaved     = 3   // the wizard was quit with a checked key not saved
	exitInterrupted = 130 // Ctrl+C
)

// errSilent means "failed, and the report already said why": exit 1 with
// nothing more printed (gh's SilentError).
var errSilent = errors.New("checks failed")

// errInterrupted ends the program with exit 130.
var errInterrupted = errors.New("interrupted")

// errUnsaved ends the wizard with exit 3: the user quit with a key that
// was pasted and not saved.
var errUnsaved = errors.New("quit without saving")

// usageError is a mistake in how the command was called: exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode maps the error a command returned to the process exit code.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, errUnsaved):
		return exitUnsaved
	case errors.As(err, &ue):
		return exitUsage
	}
	return exitFailed
}
