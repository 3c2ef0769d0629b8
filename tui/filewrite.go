package tui

// writePhase is where a planned file write is.
type writePhase int

const (
	writeIdle     writePhase = iota
	writePlanning            // asking what writing would change
	writePlanned             // the plan is shown (or planErr says why not)
	writeWriting             // the write is under way
	writeFailed              // the write failed: err says why; enter retries
	writeDone                // written: report says what changed
)

// fileWrite is a file change shown before it is made: plan, write, fail,
// retry. P is the plan and R the report; Save and rotate's Replace use it. Its methods are the only writers of its phase.
type fileWrite[P, R any] struct {
	phase   writePhase
	id      int // the latest plan or write; older answers are dropped
	plan    P
	planErr error
	err     error // the write's error
	report  R
}

// replan starts asking for a new plan and returns its id.
func (w *fileWrite[P, R]) replan() int {
	var zero P
	w.id++
	w.phase, w.plan, w.planErr, w.err = writePlanning, zero, nil, nil
	return w.id
}

// refresh asks for a new plan after a failed write, whose error stays
// shown: the preview then shows what the files hold now. It returns the
// request's id.
func (w *fileWrite[P, R]) refresh() int {
	w.id++
	return w.id
}

// planned stores plan id's answer; a stale one is dropped. A refreshed
// plan keeps the failed write's phase and error.
func (w *fileWrite[P, R]) planned(id int, plan P, err error) {
	if id != w.id || w.phase != writePlanning && w.phase != writeFailed {
		return
	}
	w.plan, w.planErr = plan, err
	if w.phase == writePlanning {
		w.phase = writePlanned
	}
}

// write starts the write; false while one is under way.
func (w *fileWrite[P, R]) write() bool {
	if w.phase == writeWriting {
		return false
	}
	w.phase, w.err = writeWriting, nil
	return true
}

// written stores the write's answer; false when none was under way. A
// failed write keeps its report too: it says what was done before the
// failure (rotate's per-file results).
func (w *fileWrite[P, R]) written(report R, err error) bool {
	if w.phase != writeWriting {
		return false
	}
	w.report = report
	if err != nil {
		w.phase, w.err = writeFailed, err
		return true
	}
	w.phase = writeDone
	return true
}

func (w fileWrite[P, R]) planning() bool { return w.phase == writePlanning }
func (w fileWrite[P, R]) writing() bool  { return w.phase == writeWriting }
