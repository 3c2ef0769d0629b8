package tui

import (
	"context"

	"github.com/setupkit/openai-setup/checks"
)

// checkPhase is where a run of the checks is.
type checkPhase int

const (
	checkIdle    checkPhase = iota // no run for the current key
	checkAsking                    // waiting for enter (every check) or n (no paid one)
	checkRunning                   // results are arriving
	checkShown                     // the run ended; its results stay until reset
)

// checkRun is the Checks screen's activity. Its methods are the only
// writers of its phase.
type checkRun struct {
	phase    checkPhase
	id       int  // the current run; messages of older runs are dropped
	free     bool // this run makes no paid request
	minShown bool // the spinners have been up long enough
	results  map[string]checks.Result
	cancel   context.CancelFunc
	stream   stream[checks.Result]
}

// ask waits for the user's choice before the first run.
func (c *checkRun) ask() {
	c.stop()
	c.phase, c.results = checkAsking, nil
}

// start begins a new run under parent and returns its context; minShown
// is true when no minimum spin time applies.
func (c *checkRun) start(parent context.Context, free, minShown bool) context.Context {
	c.stop()
	c.id++
	c.phase, c.free, c.minShown = checkRunning, free, minShown
	c.results = map[string]checks.Result{}
	ctx, cancel := context.WithCancel(parent)
	c.cancel = cancel
	return ctx
}

// add stores a result of run id; false when the run is stale or over.
func (c *checkRun) add(id int, r checks.Result) bool {
	if id != c.id || c.phase != checkRunning {
		return false
	}
	c.results[r.ID] = r
	return true
}

// end closes run id once every result arrived.
func (c *checkRun) end(id int) {
	if id == c.id && c.phase == checkRunning {
		c.stop()
	}
}

// stop cancels a running run; what arrived stays shown.
func (c *checkRun) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	if c.phase == checkRunning {
		c.phase = checkShown
	}
}

// reset forgets the run: a new key is coming.
func (c *checkRun) reset() {
	c.stop()
	c.phase, c.results = checkIdle, nil
}

// spun marks run id's minimum spin time as over.
func (c *checkRun) spun(id int) {
	if id == c.id {
		c.minShown = true
	}
}

// busy is whether the screen still shows spinners: a run is going, or its
// results wait for the minimum spin time.
func (c checkRun) busy() bool {
	return c.phase == checkRunning || c.phase == checkShown && !c.minShown
}
