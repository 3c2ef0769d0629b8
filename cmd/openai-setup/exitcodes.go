package main

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes, documented in README, `openai-setup help exit-codes` and the
// man page (all three from exitCodeDocs). Scripts and CI rely on them.
const (
	exitOK          = 0   // no check failed (warnings allowed)
	exitFailed      = 1   // a check failed, or the command could not do its job
	exitUsage       = 2   // bad flags or arguments; not a terminal where one is needed
	exitQuitUnsaved = 3   // the user quit a wizard with a checked key saved nowhere
	exitInterrupted = 130 // Ctrl+C
)

// exitCodeDocs says what each exit code means, for help, man page and README.
var exitCodeDocs = []struct {
	Code    int
	Meaning string
}{
	{exitOK, "success: no check failed (warnings allowed), the key was saved or rotated"},
	{exitFailed, "a check failed, or the command could not do its job (nothing was saved, or a save failed)"},
	{exitUsage, "usage error: a bad flag or argument, a key given as an argument, input that is not one key, or no terminal where one is needed"},
	{exitQuitUnsaved, "the wizard or the rotate wizard was quit without saving a key it had checked"},
	{exitInterrupted, "interrupted (Ctrl+C)"},
}

// errSilent means "failed, and the report already said why": exit 1 with
// nothing more printed (gh's SilentError).
var errSilent = errors.New("checks failed")

// errQuitUnsaved ends the program with exit 3, printing nothing more.
var errQuitUnsaved = fmt.Errorf("quit without saving: %w", errSilent)

// errInterrupted ends the program with exit 130.
var errInterrupted = errors.New("interrupted")

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
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, errQuitUnsaved):
		return exitQuitUnsaved
	}
	return exitFailed
}
