package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// progress shows doctor's checks on stderr while they run, at a terminal:
// one line per check, a spinner on those still pending, each result as it
// arrives, redrawn in place. finish erases it, so the report that follows
// on stdout reads as it does when piped.
type progress struct {
	w     io.Writer
	width int
	ids   []string

	mu    sync.Mutex
	done  map[string]checks.Result
	frame int
	drawn int // lines on screen
	stop  chan struct{}
	wg    sync.WaitGroup
}

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// startProgress draws the pending checks and keeps the spinner turning
// until finish.
func startProgress(w io.Writer, ids []string, width int) *progress {
	p := &progress{w: w, width: width, ids: ids, done: map[string]checks.Result{}, stop: make(chan struct{})}
	p.mu.Lock()
	p.draw()
	p.mu.Unlock()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.frame++
				p.draw()
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// result records a finished check (engine callback, any goroutine).
func (p *progress) result(r checks.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[r.ID] = r
	p.draw()
}

// finish stops the spinner and erases the lines.
func (p *progress) finish() {
	close(p.stop)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA\r\x1b[J", p.drawn)
		p.drawn = 0
	}
}

// draw rewrites the block in place; each line is cut to the width so none
// wraps and the cursor arithmetic stays right. Callers hold mu.
func (p *progress) draw() {
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn)
	}
	idWidth := 0
	for _, id := range p.ids {
		idWidth = max(idWidth, len(id))
	}
	for _, id := range p.ids {
		line := fmt.Sprintf("%s %-*s  checking…", spinnerFrames[p.frame%len(spinnerFrames)], idWidth, id)
		if r, ok := p.done[id]; ok {
			line = fmt.Sprintf("%s %-*s  %s", progressMark(r.Status), idWidth, id, termtext.Safe(apikey.Scrub(r.Summary)))
		}
		if p.width > 1 {
			line = ansi.Truncate(line, p.width-1, "…")
		}
		b.WriteString("\r\x1b[2K" + line + "\n")
	}
	p.drawn = len(p.ids)
	io.WriteString(p.w, b.String())
}

func progressMark(s checks.Status) string {
	switch s {
	case checks.Pass:
		return "✓"
	case checks.Warn:
		return "!"
	case checks.Fail:
		return "✗"
	}
	return "-"
}

// progressIDs are the checks a run will report, in catalog order.
func progressIDs(only []string) []string {
	run, _ := checks.Resolve(only)
	var ids []string
	for _, s := range checks.Catalog() {
		if run[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// checkWithProgress runs the checks through run, showing progress on
// stderr while they run when stderr is a terminal and the output is not
// JSON; piped and JSON output are the same either way.
func checkWithProgress(a *app, asJSON bool, only []string, run func(onResult func(checks.Result)) checks.Report) checks.Report {
	if asJSON || !a.ErrTTY {
		return run(nil)
	}
	prog := startProgress(a.Err, progressIDs(only), a.errWidth())
	defer prog.finish()
	return run(prog.result)
}
