package checks

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/setupkit/openai-setup/apikey"
)

// histRewriteHelp says how history could be purged; doctor never runs it.
const histRewriteHelp = "removing the key from the files does not remove it from history: to purge it, list the key in a file and run " +
	"`git filter-repo --replace-text FILE` (or `bfg --replace-text FILE`), force-push every branch and have collaborators re-clone; " +
	"revoking the key is what makes you safe"

// historyCheck scans every commit reachable from any ref for OpenAI keys in
// added lines. It is bounded by ctx: when the deadline hits, git is killed
// and the result says how far it got.
func historyCheck(ctx context.Context, inv Inventory, dir string) Result {
	root := gitFindRoot(dir)
	if root == "" {
		return skipped(GitHistory, "", "skipped: not in a git repository")
	}
	inUse, _ := apikey.Clean(inv.Key.Reveal())
	scan, err := histScanRepo(ctx, root, histWorkers())
	if err != nil && !scan.incomplete && len(scan.found) == 0 {
		return hygGitSkip(GitHistory, err)
	}
	r := histResult(scan, inUse, histConfigured(inv))
	if err != nil && !scan.incomplete {
		r.Detail = append(r.Detail, "the scan stopped early ("+err.Error()+"); more keys may be further back")
	}
	return r
}

// histConfigured maps each configured key (cleaned) to where it is set, so
// a leaked key that is still configured somewhere can be named.
func histConfigured(inv Inventory) map[string]string {
	m := map[string]string{}
	for i := range inv.Sources {
		s := &inv.Sources[i]
		if s.Name != envAPIKey || s.Value.IsZero() {
			continue
		}
		if k, _ := apikey.Clean(s.Value.Reveal()); m[k] == "" {
			m[k] = kcWhere(s)
		}
	}
	return m
}

// histWorkers is how many git processes scan at once: diffing is
// single-threaded in git, so the scan splits the commits between processes.
func histWorkers() int { return min(max(runtime.NumCPU(), 1), 8) }

// histScan is the outcome of scanning a repository.
type histScan struct {
	total      int // commits reachable from every ref
	scanned    int // commits whose diff was read completely
	incomplete bool
	found      []*histKey // in order of first appearance in history
}

// histKey is one distinct key found in history.
type histKey struct {
	key     string // raw; never leaves this package unfingerprinted
	order   int    // rev-list position of the oldest commit adding it (higher = older)
	commit  string
	path    string
	commits map[string]bool
}

// histScanRepo lists every commit of every ref and reads their diffs with
// `workers` git processes at once, each streaming `git log -p` over its
// share, matched in-process. Keys never go into argv.
func histScanRepo(ctx context.Context, root string, workers int) (histScan, error) {
	var scan histScan
	revs, err := histRevList(ctx, root)
	scan.total = len(revs)
	if err != nil {
		if ctx.Err() != nil {
			scan.incomplete = true
		}
		return scan, err
	}
	if len(revs) == 0 {
		return scan, nil
	}

	// Chunks small enough to balance a few huge commits across workers,
	// large enough that starting git (~10 ms each) does not dominate.
	size := max(len(revs)/(workers*2)+1, 256)
	type chunk struct{ start, end int }
	jobs := make(chan chunk)
	go func() {
		defer close(jobs)
		for s := 0; s < len(revs); s += size {
			select {
			case jobs <- chunk{s, min(s+size, len(revs))}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var mu sync.Mutex
	keys := map[string]*histKey{}
	var scanned atomic.Int64
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := range jobs {
				pos := map[string]int{}
				for i := c.start; i < c.end; i++ {
					pos[revs[i]] = i
				}
				n, err := histLogChunk(ctx, root, revs[c.start:c.end], func(commit, path, key string) {
					mu.Lock()
					defer mu.Unlock()
					histRecord(keys, key, commit, path, pos[commit])
				})
				scanned.Add(int64(n))
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	scan.scanned = int(scanned.Load())
	if ctx.Err() != nil {
		scan.incomplete = true
		if firstErr == nil {
			firstErr = ctx.Err()
		}
	}
	for _, k := range keys {
		scan.found = append(scan.found, k)
	}
	// Oldest first addition first: the order the leaks happened.
	slices.SortFunc(scan.found, func(a, b *histKey) int {
		if a.order != b.order {
			return b.order - a.order
		}
		return strings.Compare(a.commit, b.commit)
	})
	return scan, firstErr
}

// histRecord notes one occurrence of key; the oldest commit (highest
// rev-list position) is kept as the one that added it.
func histRecord(keys map[string]*histKey, key, commit, path string, order int) {
	k := keys[key]
	if k == nil {
		k = &histKey{key: key, order: -1, commits: map[string]bool{}}
		keys[key] = k
	}
	k.commits[commit] = true
	if order > k.order || order == k.order && path < k.path {
		k.order, k.commit, k.path = order, commit, path
	}
}

// histRevList returns every commit reachable from any ref, newest first.
func histRevList(ctx context.Context, root string) ([]string, error) {
	cmd, err := gitCommand(ctx, root, "rev-list", "--all")
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = limitWriter(&stderr, 4096)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var revs []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			revs = append(revs, line)
		}
	}
	err = cmd.Wait()
	if err != nil {
		if ctx.Err() != nil {
			return revs, ctx.Err()
		}
		// A repository without commits: rev-list --all prints nothing and
		// succeeds; any other failure is git's to explain.
		first, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return revs, fmt.Errorf("git rev-list: %s", first)
	}
	return revs, nil
}

// histMarker starts each commit's header line in the log output; diff
// content lines start with '+', '-', ' ' or '\', so it cannot be confused.
const histMarker = 0x01

// histLogChunk streams the diffs of the given commits (each against its
// first parent; root commits in full) and calls hit for every key in an
// added line. It returns how many commits were read completely.
func histLogChunk(ctx context.Context, root string, revs []string, hit func(commit, path, key string)) (int, error) {
	cmd, err := gitCommand(ctx, root, "log", "--no-walk=unsorted", "--stdin",
		"-p", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
		"--diff-filter=d", "--format=format:%x01%H", "--ignore-submodules")
	if err != nil {
		return 0, err
	}
	cmd.Stdin = strings.NewReader(strings.Join(revs, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = limitWriter(&stderr, 4096)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	n, scanErr := histParse(out, hit)
	if scanErr != nil {
		_ = cmd.Process.Kill()
		_, _ = io.Copy(io.Discard, out)
	}
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		// The last commit may have been cut short.
		return max(n-1, 0), ctx.Err()
	case scanErr != nil:
		return n, scanErr
	case waitErr != nil:
		first, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return n, fmt.Errorf("git log: %s", first)
	}
	return n, nil
}

// histMaxLine caps a single diff line held for matching; longer lines
// (minified files, data) are matched in overlapping windows instead.
const histMaxLine = 1 << 20

// histParse reads `git log -p` output and calls hit for every key in an
// added line. It returns the number of commits seen.
func histParse(r io.Reader, hit func(commit, path, key string)) (int, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	var commit, path string
	inHunk := false
	commits := 0
	var long []byte // a line longer than the buffer, being assembled
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long) < histMaxLine {
				long = append(long, line...)
			} else if inHunk && len(long) > 0 && long[0] == '+' {
				histMatch(long, commit, path, hit) // match what we hold, keep a tail for keys spanning the cut
				tail := append([]byte{'+'}, long[len(long)-256:]...)
				long = append(long[:0], tail...)
				long = append(long, line...)
			}
			continue
		}
		if long != nil {
			line = append(long, line...)
			long = nil
		}
		if len(line) > 0 {
			switch c := line[0]; {
			case c == histMarker:
				commits++
				commit = string(bytes.TrimSpace(line[1:]))
				inHunk, path = false, ""
			case c == '+' && inHunk:
				histMatch(line, commit, path, hit)
			case c == '@' && bytes.HasPrefix(line, []byte("@@")):
				inHunk = true
			case c == 'd' && bytes.HasPrefix(line, []byte("diff --git ")):
				inHunk, path = false, ""
			case c == '+' && bytes.HasPrefix(line, []byte("+++ ")):
				path = histPath(line[4:])
			}
		}
		if err == io.EOF {
			return commits, nil
		}
		if err != nil {
			return commits, err
		}
	}
}

// histMatch runs the key matcher on an added line that may hold one: a
// quick byte search keeps the regular expression off almost every line.
func histMatch(line []byte, commit, path string, hit func(commit, path, key string)) {
	if !bytes.Contains(line, []byte("sk-")) {
		return
	}
	for _, k := range apikey.FindAll(string(line)) {
		hit(commit, path, k)
	}
}

// histPath decodes the path of a "+++ b/path" header.
func histPath(p []byte) string {
	// git ends the name with a tab when it holds a space, for patch(1).
	s := strings.TrimRight(string(p), "\r\n\t")
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	return strings.TrimPrefix(s, "b/")
}

// histResult turns a scan into the git.history result.
func histResult(scan histScan, inUse string, configured map[string]string) Result {
	r := Result{ID: GitHistory}
	progress := fmt.Sprintf("%d of %d commits", scan.scanned, scan.total)
	var inUseKey *histKey
	for _, k := range scan.found {
		f := Finding{
			Commit:      histShort(k.commit),
			Path:        k.path,
			Fingerprint: apikey.Fingerprint(k.key),
			InUse:       inUse != "" && k.key == inUse,
		}
		if others := len(k.commits) - 1; others > 0 {
			f.Note = fmt.Sprintf("first added here; also in %d other commit(s)", others)
		}
		if where := configured[k.key]; where != "" && !f.InUse {
			f.Note = discJoin(f.Note, "still configured in "+where)
		}
		if f.InUse {
			inUseKey = k
		}
		r.Findings = append(r.Findings, f)
	}
	switch {
	case len(scan.found) == 0 && scan.incomplete:
		r.Status, r.Code = Warn, "scan_incomplete"
		r.Summary = "stopped at the time limit after " + progress + ": no key in those"
		r.Fix = "run `openai-setup doctor --check git.history --timeout 5m` to scan the whole history"
		return r
	case len(scan.found) == 0:
		r.Status = Pass
		if scan.total == 0 {
			r.Summary = "no commits yet"
		} else {
			r.Summary = fmt.Sprintf("no OpenAI key in %d commit(s) of any branch", scan.total)
		}
		return r
	}
	r.Code, r.URL = "leaked", kcKeysURL
	if inUseKey != nil {
		r.Status = Fail
		r.Summary = fmt.Sprintf("the key in use (%s) is in commit %s (%s)", apikey.Fingerprint(inUseKey.key), histShort(inUseKey.commit), inUseKey.path)
		if n := len(scan.found) - 1; n > 0 {
			r.Summary += fmt.Sprintf(", and %d other key(s) are in history", n)
		}
		r.Fix = "revoke it at " + kcKeysURL + " and switch to a new key (`openai-setup rotate` does both); " + histRewriteHelp
	} else {
		r.Status = Warn
		r.Summary = fmt.Sprintf("%d OpenAI key(s) in history, not the one in use: first in commit %s (%s)", len(scan.found), histShort(scan.found[0].commit), scan.found[0].path)
		r.Fix = "revoke each at " + kcKeysURL + " if it still exists (anyone with a clone has it); " + histRewriteHelp
	}
	if scan.incomplete {
		r.Detail = append(r.Detail, "the scan stopped at the time limit after "+progress+"; more keys may be further back")
	}
	return r
}

// histShort abbreviates a commit id the way people quote it.
func histShort(h string) string {
	if len(h) > 10 {
		return h[:10]
	}
	return h
}
