package agents

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// DefaultTranscriptBudget caps how much transcript text one scan reads.
const DefaultTranscriptBudget int64 = 64 << 20

// AiderHistory is aider's chat log, kept in the work tree.
const AiderHistory = ".aider.chat.history.md"

// Known is a key doctor knows about, to look for in transcripts.
type Known struct {
	Key apikey.Key
	// Current is set for a key configured now (a transcript holding it
	// means it leaked: rotate it); unset for an old key.
	Current bool
}

// TranscriptOptions says whose transcripts to scan for which keys.
type TranscriptOptions struct {
	Root     string              // the work tree's root, absolute
	Getenv   func(string) string // HOME, CLAUDE_CONFIG_DIR, CODEX_HOME; never os.Getenv in tests
	Keys     []Known
	MaxBytes int64 // read budget; 0 means DefaultTranscriptBudget
}

// Hit is a known key found in a transcript. It names the file and line,
// never the line's text.
type Hit struct {
	Agent   Agent
	Path    string
	Line    int // first line holding the key (1-based)
	Count   int // occurrences in the file
	Key     apikey.Key
	Current bool
}

// TranscriptScan is what ScanTranscripts found.
type TranscriptScan struct {
	Hits      []Hit // newest file first
	Files     int   // transcript files of this work tree found
	Scanned   int   // of those, finished: read to the end, or found to be another folder's
	Foreign   int   // of those finished, sessions of another folder (same Claude Code folder name, or a Codex session elsewhere)
	BytesRead int64
	// Incomplete is set when the scan stopped before reading every file;
	// Why says what stopped it.
	Incomplete bool
	Why        string
}

// transcript is one file to scan.
type transcript struct {
	agent Agent
	path  string
	mod   time.Time
	// cwdCheck reads the session's folder from a record; the first
	// record naming one decides whether the file belongs to the work tree.
	// nil takes the file as it is.
	cwdCheck func(line []byte) (cwd string, ok bool)
	// firstLineCwd requires the first record to name the folder (Codex
	// starts every session with it); otherwise a file naming none is taken.
	firstLineCwd bool
}

// ClaudeProjectDir is the folder Claude Code keeps root's sessions in:
// the absolute path with every character other than an ASCII letter or
// digit turned into '-'.
func ClaudeProjectDir(configDir, root string) string {
	b := []byte(root)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '-'
		}
	}
	return filepath.Join(configDir, "projects", string(b))
}

// codexHome is CODEX_HOME or ~/.codex, "" when unknown.
func codexHome(getenv func(string) string) string {
	if d := getenv(EnvCodexHome); d != "" {
		return d
	}
	if h := homeDir(getenv); h != "" {
		return filepath.Join(h, ".codex")
	}
	return ""
}

// ScanTranscripts looks for the known keys in this work tree's agent
// transcripts: Claude Code's project sessions, Codex sessions started
// inside the work tree, and aider's chat history. Newest files go first;
// the scan stops at the read budget or when ctx ends, and says so.
// Symbolic links are never followed and only regular files are read.
func ScanTranscripts(ctx context.Context, o TranscriptOptions) TranscriptScan {
	var res TranscriptScan
	needles := keyNeedles(o.Keys)
	if len(needles) == 0 {
		return res
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	budget := o.MaxBytes
	if budget <= 0 {
		budget = DefaultTranscriptBudget
	}
	roots := rootForms(o.Root)
	files := findTranscripts(ctx, roots, getenv)
	res.Files = len(files)
	if ctx.Err() != nil { // the listing itself ran out of time
		res.Incomplete, res.Why = true, "time limit reached"
		return res
	}
	for _, t := range files {
		if err := ctx.Err(); err != nil {
			res.Incomplete, res.Why = true, "time limit reached"
			break
		}
		left := budget - res.BytesRead
		if left <= 0 {
			res.Incomplete, res.Why = true, "read limit reached"
			break
		}
		hits, n, done, foreign, err := scanTranscript(ctx, t, roots, needles, left)
		res.BytesRead += n
		res.Hits = append(res.Hits, hits...)
		switch {
		case err != nil && ctx.Err() != nil:
			res.Incomplete, res.Why = true, "time limit reached"
		case err != nil:
			continue // unreadable: not this scan's business to report
		case done:
			res.Scanned++
			if foreign {
				res.Foreign++
			}
			continue
		default:
			res.Incomplete, res.Why = true, "read limit reached"
		}
		break
	}
	return res
}

// rootForms is root as given and, when it differs, with symbolic links
// resolved: an agent may have recorded either (macOS's /var is /private/var).
func rootForms(root string) []string {
	forms := []string{root}
	if real, err := filepath.EvalSymlinks(root); err == nil && real != root {
		forms = append(forms, real)
	}
	return forms
}

// insideAny reports whether dir is one of roots or inside one.
func insideAny(roots []string, dir string) bool {
	for _, r := range roots {
		if _, in := inside(r, filepath.Join(dir, "x")); in {
			return true
		}
	}
	return false
}

// findTranscripts lists the transcript files of the work tree (any of
// roots), newest first; listing stops when ctx ends.
func findTranscripts(ctx context.Context, roots []string, getenv func(string) string) []transcript {
	var out []transcript
	add := func(agent Agent, path string, fi fs.FileInfo, check func([]byte) (string, bool), must bool) {
		if fi.Mode().IsRegular() {
			out = append(out, transcript{agent, path, fi.ModTime(), check, must})
		}
	}
	walk := func(dir string, fn func(path string, fi fs.FileInfo)) {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return filepath.SkipAll
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".jsonl") {
				return nil // WalkDir does not follow symbolic links
			}
			if fi, err := os.Lstat(path); err == nil {
				fn(path, fi)
			}
			return nil
		})
	}
	if cfg := claudeConfigDir(getenv); cfg != "" {
		for _, root := range roots {
			walk(ClaudeProjectDir(cfg, root), func(path string, fi fs.FileInfo) {
				add(Claude, path, fi, claudeCwd, false)
			})
		}
	}
	if home := codexHome(getenv); home != "" {
		walk(filepath.Join(home, "sessions"), func(path string, fi fs.FileInfo) {
			add(Codex, path, fi, codexCwd, true)
		})
	}
	aider := filepath.Join(roots[0], AiderHistory)
	if fi, err := os.Lstat(aider); err == nil {
		add(Aider, aider, fi, nil, false)
	}
	slices.SortStableFunc(out, func(a, b transcript) int { return b.mod.Compare(a.mod) })
	return out
}

// claudeCwd reads the cwd field Claude Code puts on its records.
func claudeCwd(line []byte) (string, bool) {
	var r struct {
		Cwd string `json:"cwd"`
	}
	if json.Unmarshal(line, &r) != nil || r.Cwd == "" {
		return "", false
	}
	return r.Cwd, true
}

// codexCwd reads the folder of a Codex session from its session_meta
// record (payload.cwd).
func codexCwd(line []byte) (string, bool) {
	var r struct {
		Type    string `json:"type"`
		Payload struct {
			Cwd string `json:"cwd"`
		} `json:"payload"`
	}
	if json.Unmarshal(line, &r) != nil || r.Type != "session_meta" || r.Payload.Cwd == "" {
		return "", false
	}
	return r.Payload.Cwd, true
}
