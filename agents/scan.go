package agents

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/setupkit/openai-setup/apikey"
)

// needle is one secret to look for.
type needle struct {
	secret  []byte
	key     apikey.Key
	current bool
}

// minSecretLen is the shortest secret searched for: shorter strings are
// not API keys and would match ordinary text.
const minSecretLen = 20

// keyNeedles keeps the real keys among known, once each; a key that is
// current in any source counts as current.
func keyNeedles(known []Known) []needle {
	var out []needle
	for _, k := range known {
		s := k.Key.Reveal()
		if apikey.IsPlaceholder(s) || len(s) < minSecretLen {
			continue
		}
		dup := false
		for i := range out {
			if string(out[i].secret) == s {
				out[i].current = out[i].current || k.Current
				dup = true
			}
		}
		if !dup {
			out = append(out, needle{[]byte(s), k.Key, k.Current})
		}
	}
	return out
}

// chunkSize is how much is read at a time; lines may be any length.
const chunkSize = 256 << 10

// cwdProbeLimit caps how much of one record is kept to read its folder.
const cwdProbeLimit = 1 << 20

// scanTranscript reads at most limit bytes of t and reports the needles in
// it. done is set when the whole file was read, or when its session turned
// out to be another folder's (then foreign is set and there are no hits).
func scanTranscript(ctx context.Context, t transcript, roots []string, needles []needle, limit int64) (hits []Hit, n int64, done, foreign bool, err error) {
	f, err := openRegular(t.path)
	if err != nil {
		return nil, 0, false, false, err
	}
	defer f.Close()
	m := newMatcher(needles)
	br := bufio.NewReaderSize(io.LimitReader(f, limit), chunkSize)
	decided := t.cwdCheck == nil
	var record []byte // the current record, while its folder is still unknown
	for {
		if err := ctx.Err(); err != nil {
			return m.hits(t), n, false, false, err
		}
		part, rerr := br.ReadSlice('\n') // a part of a line: lines may be any length
		n += int64(len(part))
		m.feed(part)
		if !decided {
			if len(record)+len(part) <= cwdProbeLimit {
				record = append(record, part...)
			} else {
				record = record[:0:0] // too long to be a header record
			}
			if rerr != bufio.ErrBufferFull && len(bytes.TrimSpace(record)) > 0 {
				cwd, ok := t.cwdCheck(record)
				if ok {
					if !insideAny(roots, cwd) {
						return nil, n, true, true, nil
					}
					decided = true
				} else if t.firstLineCwd {
					return nil, n, true, true, nil
				}
				record = record[:0]
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil && rerr != bufio.ErrBufferFull {
			return m.hits(t), n, false, false, rerr
		}
	}
	// The limit reader also ends at the budget: the file is done only if
	// nothing is left after it.
	var one [1]byte
	if k, _ := f.Read(one[:]); k > 0 {
		return m.hits(t), n, false, false, nil
	}
	return m.hits(t), n, true, false, nil
}

// matcher finds needles in a stream fed in chunks, keeping enough of the
// previous chunk that a key split across two chunks is still found.
type matcher struct {
	needles []needle
	keep    int    // longest needle - 1
	tail    []byte // last bytes of the previous chunks
	line    int    // line number at tail[0]
	first   []int  // first line of each needle, 0 if not seen
	count   []int
}

func newMatcher(needles []needle) *matcher {
	m := &matcher{needles: needles, line: 1, first: make([]int, len(needles)), count: make([]int, len(needles))}
	for _, nd := range needles {
		m.keep = max(m.keep, len(nd.secret)-1)
	}
	return m
}

func (m *matcher) feed(chunk []byte) {
	if len(chunk) == 0 {
		return
	}
	win := append(m.tail, chunk...)
	old := len(m.tail)
	for i, nd := range m.needles {
		for from := 0; ; {
			j := bytes.Index(win[from:], nd.secret)
			if j < 0 {
				break
			}
			at := from + j
			from = at + 1
			if at+len(nd.secret) <= old {
				continue // wholly in the tail: found with the previous chunk
			}
			if m.count[i] == 0 {
				m.first[i] = m.line + bytes.Count(win[:at], []byte{'\n'})
			}
			m.count[i]++
		}
	}
	cut := max(len(win)-m.keep, 0)
	m.line += bytes.Count(win[:cut], []byte{'\n'})
	m.tail = append([]byte(nil), win[cut:]...)
}

func (m *matcher) hits(t transcript) []Hit {
	var out []Hit
	for i, nd := range m.needles {
		if m.count[i] > 0 {
			out = append(out, Hit{Agent: t.agent, Path: t.path, Line: m.first[i], Count: m.count[i], Key: nd.key, Current: nd.current})
		}
	}
	return out
}
