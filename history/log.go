package history

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/gitcli"
)

// Markers in the log format: commitMarker starts a commit's header line
// and messageEnd closes its message. Diff lines start with '+', '-', ' ',
// '\', '@' or a header word, so neither can be confused with them.
const (
	commitMarker = 0x01
	messageEnd   = 0x02
)

// logArgs reads each commit's message and its diff against its first parent
// (merges included: a key resolved into a merge is in no other diff; root
// commits in full). --full-index gives the blob ids of files whose diff git
// hides, which are then read whole. No --diff-filter: it would drop
// commits without a matching change, and their messages with them.
var logArgs = []string{"log", "--no-walk=unsorted", "--stdin",
	"-p", "--unified=0", "--no-color", "--no-renames", "--full-index",
	"--diff-merges=first-parent",
	"--format=format:%x01%H%n%B%x02", "--ignore-submodules"}

// hiddenBlob is a file version git printed as "Binary files … differ".
type hiddenBlob struct {
	commit, path, blob string
}

// logChunk streams the messages and diffs of the given commits and calls
// hit for every key in a message or an added line. It returns how many
// commits were read completely and the blobs whose diff git hid.
func logChunk(ctx context.Context, root string, revs []string, hit func(string, occurrence)) (int, []hiddenBlob, error) {
	st, err := gitcli.Start(ctx, root, strings.NewReader(strings.Join(revs, "\n")+"\n"), logArgs...)
	if err != nil {
		return 0, nil, err
	}
	n, hidden, scanErr := parseLog(st.Stdout, hit)
	if scanErr != nil {
		st.Stop()
		_, _ = io.Copy(io.Discard, st.Stdout)
	}
	waitErr := st.Wait()
	switch {
	case ctx.Err() != nil:
		// The last commit may have been cut short.
		return max(n-1, 0), hidden, ctx.Err()
	case scanErr != nil:
		return n, hidden, scanErr
	}
	return n, hidden, waitErr
}

// maxLine caps a single line held for matching; longer lines (minified
// files, data) are matched in overlapping windows instead.
const maxLine = 1 << 20

// logParser holds where parseLog is in the output.
type logParser struct {
	hit        func(string, occurrence)
	commit     string
	path       string
	blob       string // new blob id from the "index" line
	inMessage  bool
	msgLine    int
	inHunk     bool
	line       int // new-file line number of the next added line
	commits    int
	hidden     []hiddenBlob
	headerPath string // path from the "diff --git" line, for binary files
}

// parseLog reads `git log -p` output in the logArgs format.
func parseLog(r io.Reader, hit func(string, occurrence)) (int, []hiddenBlob, error) {
	p := &logParser{hit: hit}
	br := bufio.NewReaderSize(r, 256<<10)
	var long []byte // a line longer than the buffer, being assembled
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long) < maxLine {
				long = append(long, line...)
			} else if (p.inHunk && len(long) > 0 && long[0] == '+') || p.inMessage {
				p.match(long, p.line) // match what we hold, keep a tail for keys spanning the cut
				tail := append([]byte{long[0]}, long[len(long)-256:]...)
				long = append(long[:0], tail...)
				long = append(long, line...)
			}
			continue
		}
		if long != nil {
			line = append(long, line...)
			long = nil
		}
		p.feed(line)
		if err == io.EOF {
			return p.commits, p.hidden, nil
		}
		if err != nil {
			return p.commits, p.hidden, err
		}
	}
}

func (p *logParser) feed(line []byte) {
	if len(line) == 0 {
		return
	}
	if line[0] == commitMarker {
		p.commits++
		p.commit = string(bytes.TrimSpace(line[1:]))
		p.inMessage, p.msgLine = true, 0
		p.inHunk, p.path, p.blob = false, "", ""
		return
	}
	if p.inMessage {
		text := line
		end := bytes.IndexByte(line, messageEnd)
		if end >= 0 {
			text, p.inMessage = line[:end], false
		}
		if len(text) > 0 {
			p.msgLine++
			p.matchAt(text, MessagePath, p.msgLine)
		}
		return
	}
	switch c := line[0]; {
	case c == '+' && p.inHunk:
		p.match(line, p.line)
		p.line++
	case c == '@' && bytes.HasPrefix(line, []byte("@@")):
		p.inHunk = true
		p.line = hunkStart(line)
	case c == 'd' && bytes.HasPrefix(line, []byte("diff --git ")):
		p.inHunk, p.path, p.blob = false, "", ""
		p.headerPath = headerPath(string(bytes.TrimRight(line[len("diff --git "):], "\r\n")))
	case c == 'i' && bytes.HasPrefix(line, []byte("index ")) && !p.inHunk:
		if _, after, ok := bytes.Cut(line, []byte("..")); ok {
			id, _, _ := bytes.Cut(bytes.TrimSpace(after), []byte(" "))
			p.blob = string(id)
		}
	case c == 'B' && bytes.HasPrefix(line, []byte("Binary files ")) && !p.inHunk:
		if p.blob != "" && strings.Trim(p.blob, "0") != "" && p.headerPath != "" { // all zeros: deleted
			p.hidden = append(p.hidden, hiddenBlob{commit: p.commit, path: p.headerPath, blob: p.blob})
		}
	case c == '+' && bytes.HasPrefix(line, []byte("+++ ")):
		p.path = decodePath(line[4:])
	}
}

func (p *logParser) match(line []byte, n int) { p.matchAt(line, p.path, n) }

// matchAt runs the key matcher on a line that may hold one: a quick byte
// search keeps the regular expression off almost every line.
func (p *logParser) matchAt(line []byte, path string, n int) {
	if !bytes.Contains(line, []byte("sk-")) {
		return
	}
	for _, k := range apikey.FindAll(string(line)) {
		p.hit(k, occurrence{commit: p.commit, path: path, line: n})
	}
}

// hunkStart reads c from "@@ -a,b +c,d @@".
func hunkStart(line []byte) int {
	_, after, ok := bytes.Cut(line, []byte(" +"))
	if !ok {
		return 0
	}
	end := bytes.IndexAny(after, ", ")
	if end < 0 {
		return 0
	}
	n, _ := strconv.Atoi(string(after[:end]))
	return n
}

// decodePath decodes the path of a "+++ b/path" header.
func decodePath(p []byte) string {
	// git ends the name with a tab when it holds a space, for patch(1).
	s := strings.TrimRight(string(p), "\r\n\t")
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	return strings.TrimPrefix(s, "b/")
}

// headerPath reads the path from "a/P b/P" (renames are off, so both
// names are the same); "" when it cannot tell.
func headerPath(rest string) string {
	if strings.HasPrefix(rest, `"`) { // quoted: "a/…" "b/…"
		i := strings.LastIndex(rest, ` "b/`)
		if i < 0 {
			return ""
		}
		return decodePath([]byte(rest[i+1:]))
	}
	if (len(rest)-5)%2 != 0 || len(rest) < 7 {
		return ""
	}
	n := (len(rest) - 5) / 2
	if rest[:2] != "a/" || rest[2+n:2+n+3] != " b/" {
		return ""
	}
	return rest[2+n+3:]
}
