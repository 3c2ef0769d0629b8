// Package history finds OpenAI keys anywhere in a git repository's history:
// every commit of every ref (merges diffed against their first parent),
// every stash entry with its index and untracked parts, blobs whose diff git
// hides (binary, "-diff", UTF-16), and commit and tag messages. Known
// placeholders and keys listed in the work tree's .openai-setup-ignore are
// counted, not reported. It runs git only through internal/gitcli, and keys
// leave it only as apikey.Key.
package history

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/setupkit/openai-setup/apikey"
)

// Finding is one distinct key found in the repository.
type Finding struct {
	Key     apikey.Key
	Commit  string // full id of the oldest commit adding it (a tag's object id for a tag message)
	Path    string // file path, or MessagePath / a "(tag NAME message)" label
	Line    int    // line in that file or message, 1-based; 0 when unknown
	Commits int    // distinct commits holding it
}

// MessagePath is the Path of a key found in a commit message.
const MessagePath = "(commit message)"

// Result is the outcome of a scan.
type Result struct {
	Total      int  // commits reachable from every ref and stash entry
	Scanned    int  // commits whose diff was read completely
	Incomplete bool // the context ended first
	Found      []Finding
	Ignored    int // distinct keys skipped: placeholders, or listed in IgnoreFile
}

// Workers is how many git processes scan at once by default: diffing is
// single-threaded in git, so the scan splits the commits between processes.
func Workers() int { return min(max(runtime.NumCPU(), 1), 8) }

// occurrence is one place a key was seen, before ignore rules.
type occurrence struct {
	commit, path string
	line         int
	order        int // rev-list position of the commit (higher = older)
}

// collector gathers occurrences from the workers.
type collector struct {
	mu      sync.Mutex
	ignore  ignoreList
	report  map[string]bool // keys the ignore file cannot hide
	keys    map[string]*keyState
	skipped map[string]bool
}

type keyState struct {
	first   occurrence
	commits map[string]bool
}

func newCollector(ig ignoreList) *collector {
	return &collector{ignore: ig, report: map[string]bool{}, keys: map[string]*keyState{}, skipped: map[string]bool{}}
}

// add records key at o, unless it is a placeholder or listed to be ignored.
// The oldest commit (highest rev-list position) is kept as the one adding it.
func (c *collector) add(key string, o occurrence) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if apikey.IsPlaceholder(key) || !c.report[key] && c.ignore.matches(apikey.Fingerprint(key), o) {
		c.skipped[key] = true
		return
	}
	k := c.keys[key]
	if k == nil {
		k = &keyState{first: o, commits: map[string]bool{}}
		c.keys[key] = k
	}
	k.commits[o.commit] = true
	f := k.first
	if o.order > f.order || o.order == f.order && (o.path < f.path || o.path == f.path && o.line < f.line) {
		k.first = o
	}
}

// result lists the keys, oldest first addition first: the order the leaks
// happened.
func (c *collector) result(r *Result) {
	for key, k := range c.keys {
		r.Found = append(r.Found, Finding{Key: apikey.New(key), Commit: k.first.commit, Path: k.first.path, Line: k.first.line, Commits: len(k.commits)})
	}
	for key := range c.skipped {
		if c.keys[key] == nil {
			r.Ignored++
		}
	}
	order := map[string]int{}
	for key, k := range c.keys {
		order[key] = k.first.order
	}
	slices.SortFunc(r.Found, func(a, b Finding) int {
		if oa, ob := order[a.Key.Reveal()], order[b.Key.Reveal()]; oa != ob {
			return ob - oa
		}
		if c := strings.Compare(a.Commit, b.Commit); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
}

// Scan reads the whole history of the repository at root with `workers`
// git processes at once. It is bounded by ctx: when it ends, git is killed
// and Result says how far the scan got (Incomplete, Scanned of Total).
// The keys in report (the key in use, say) are reported even when
// IgnoreFile lists them: a line added for a test key must not hide a live
// one with the same fingerprint.
func Scan(ctx context.Context, root string, workers int, report ...apikey.Key) (Result, error) {
	var res Result
	col := newCollector(readIgnoreFile(root))
	for _, k := range report {
		col.report[k.Reveal()] = true
	}
	revs, err := revList(ctx, root)
	res.Total = len(revs)
	if err != nil {
		res.Incomplete = ctx.Err() != nil
		return res, err
	}
	pos := make(map[string]int, len(revs))
	for i, r := range revs {
		pos[r] = i
	}

	// Chunks small enough to balance a few huge commits across workers,
	// large enough that starting git (~10 ms each) does not dominate.
	size := max(len(revs)/(max(workers, 1)*2)+1, 256)
	var g errgroup.Group
	g.SetLimit(max(workers, 1))
	var scanned atomic.Int64
	var hmu sync.Mutex
	var hidden []hiddenBlob
	for s := 0; s < len(revs) && ctx.Err() == nil; s += size {
		chunk := revs[s:min(s+size, len(revs))]
		g.Go(func() error {
			n, blobs, err := logChunk(ctx, root, chunk, func(key string, o occurrence) {
				o.order = pos[o.commit]
				col.add(key, o)
			})
			scanned.Add(int64(n))
			hmu.Lock()
			hidden = append(hidden, blobs...)
			hmu.Unlock()
			return err
		})
	}
	firstErr := g.Wait()
	res.Scanned = int(scanned.Load())
	if firstErr == nil {
		// A commit whose hidden blob was not read is not scanned.
		cut, err := scanObjects(ctx, root, hidden, pos, col)
		res.Scanned -= cut
		firstErr = err
	}
	if ctx.Err() != nil {
		res.Incomplete = true
		if firstErr == nil {
			firstErr = ctx.Err()
		}
	}
	col.result(&res)
	return res, firstErr
}
