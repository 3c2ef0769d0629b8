package tui

import (
	"context"
	"errors"
	"testing"

	"github.com/setupkit/openai-setup/checks"
)

// TestCheckRunPhases: stale and late results are dropped; stop keeps what
// arrived; reset forgets it.
func TestCheckRunPhases(t *testing.T) {
	var c checkRun
	c.start(context.Background(), false, true)
	if !c.add(1, checks.Result{ID: "a"}) || c.add(0, checks.Result{ID: "b"}) {
		t.Fatal("current result refused or stale one taken")
	}
	c.end(1)
	if c.phase != checkShown || len(c.results) != 1 || c.add(1, checks.Result{ID: "c"}) {
		t.Fatalf("after end: phase %v, %d results", c.phase, len(c.results))
	}
	c.reset()
	if c.phase != checkIdle || c.results != nil {
		t.Fatalf("after reset: phase %v", c.phase)
	}
}

// TestFileWritePhases: a stale plan is dropped, a second write waits for
// the first, a failure can be retried.
func TestFileWritePhases(t *testing.T) {
	var w fileWrite[string, string]
	old := w.replan()
	id := w.replan()
	w.planned(old, "stale", nil)
	if w.phase != writePlanning {
		t.Fatal("stale plan taken")
	}
	w.planned(id, "plan", nil)
	if !w.write() || w.write() {
		t.Fatal("write did not start, or started twice")
	}
	if !w.written("", errors.New("disk full")) || w.phase != writeFailed {
		t.Fatalf("phase %v after a failed write", w.phase)
	}
	w.planned(w.refresh(), "fresh", nil) // after a failure: the new plan, the error stays
	if w.phase != writeFailed || w.err == nil || w.plan != "fresh" {
		t.Fatalf("refresh: phase %v err %v plan %q", w.phase, w.err, w.plan)
	}
	if !w.write() || !w.written("ok", nil) || w.phase != writeDone || w.report != "ok" || w.plan != "fresh" {
		t.Fatalf("retry: phase %v report %q plan %q", w.phase, w.report, w.plan)
	}
	if w.written("again", nil) {
		t.Fatal("an answer with no write under way was taken")
	}
}
