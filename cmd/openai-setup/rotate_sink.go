package main

import (
	"errors"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/rotate"
)

// rotateSink is one face of the printed rotation: rotateSteps tells it what
// happens, step by step. textSink prints each step as it happens; jsonSink
// collects them into one document written by end.
type rotateSink interface {
	began(s *rotate.Session)                      // 1. where the old key is
	oldChecked(c rotate.OldCheck, skipped bool)   // 2. does it still work
	createGuide()                                 // 3. create the new key (typed at a terminal only)
	created(c rotate.Created, err error)          // 3. --create-key: the service account made, or why none
	newChecked(key apikey.Key, rep checks.Report) // 3. the new key's checks
	// rechecked is the new key's checks again at a regional host
	// (--set-base-url).
	rechecked(baseURL string, rep checks.Report)
	note(text string)                 // a paragraph on what was not done, and how to do it
	planned(plan []rotate.FileResult) // 4. the changes, before asking to write them
	replaced(results []rotate.FileResult, err error)
	// extraPlanned and extraWritten are the lines written besides the key
	// (the OPENAI_BASE_URL line, Claude Code deny rules), planned (dry run)
	// or written; err says why they were not.
	extraPlanned(what string, changes []lineChange)
	extraWritten(what string, changes []lineChange, err error)
	todos(todos []rotate.Todo, newKey apikey.Key) // 5. what the user changes by hand
	history(r checks.Result)                      // 6. git history
	revokeGuide()                                 // 7. how to revoke the old key
	// revokedByAPI is step 7 with --revoke: what was deleted, or (err)
	// why nothing was.
	revokedByAPI(r rotate.Receipt, err error)
	// leakUsage is what the revoked key cost and used; ok is false when it
	// could not be told (line says why).
	leakUsage(line string, ok bool)
	// notWaiting ends step 7 without a wait: rev is NotWaited (why says
	// why) or RevokedAlready.
	notWaiting(rev rotate.Revocation, why string)
	waitStarted(interval, wait time.Duration)
	polled(p rotate.Poll)
	waitEnded(rev rotate.Revocation)
	// end reports how the rotation ended and returns the error that sets
	// the exit status; an error without a rotate code (a usage error)
	// passes through unreported.
	end(err error) error
}

func newRotateSink(o *rotateOptions) rotateSink {
	if o.JSON {
		return newJSONSink(o)
	}
	return newTextSink(o)
}

// rotateExit is the error returned for err, reported already: exit 2 for
// the same key given twice, 130 for an interruption, else 1.
func rotateExit(err error) error {
	switch {
	case err == nil:
		return nil
	case rotate.Code(err) == "":
		return err
	case errors.Is(err, rotate.ErrSameKey):
		return usageError{errSilent}
	case errors.Is(err, rotate.ErrInterrupted):
		return errInterrupted
	}
	return errSilent
}
