package main

import (
	"bytes"
	"io"
	"os"

	"github.com/setupkit/openai-setup/apikey"
)

// scrubWriter replaces every key-shaped token with its fingerprint on the
// way out, whatever printed it (reports, cobra and fang errors, panics).
// A write that ends inside a possible key ("…sk-proj-abc") is held back
// until the next write or Flush, so a key split across two writes is still
// caught.
type scrubWriter struct {
	w    io.Writer
	held []byte
}

// maxHeld bounds what is held back: a token longer than this is scrubbed
// and written as it is.
const maxHeld = 4096

func (s *scrubWriter) Write(p []byte) (int, error) {
	data := append(s.held, p...)
	cut := len(data)
	if tail := data[lastTokenStart(data):]; len(tail) < maxHeld && (bytes.Contains(tail, []byte("sk-")) || bytes.Contains(tail, []byte(apikey.Marker))) {
		cut = len(data) - len(tail)
	}
	s.held = append([]byte(nil), data[cut:]...)
	if cut == 0 {
		return len(p), nil
	}
	if _, err := io.WriteString(s.w, apikey.Scrub(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what was held back.
func (s *scrubWriter) Flush() error {
	if len(s.held) == 0 {
		return nil
	}
	_, err := io.WriteString(s.w, apikey.Scrub(string(s.held)))
	s.held = nil
	return err
}

// lastTokenStart is where the trailing run of key characters in b begins.
func lastTokenStart(b []byte) int {
	i := len(b)
	for i > 0 && isKeyChar(b[i-1]) {
		i--
	}
	return i
}

func isKeyChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// ttyScrubWriter is a scrubWriter over a terminal that still looks like one
// (Read, Close, Fd), so the wizard and colour detection see a terminal.
type ttyScrubWriter struct {
	*scrubWriter
	f *os.File
}

func (t ttyScrubWriter) Read(p []byte) (int, error) { return t.f.Read(p) }
func (t ttyScrubWriter) Close() error               { return t.f.Close() }
func (t ttyScrubWriter) Fd() uintptr                { return t.f.Fd() }

// scrubbed wraps w; flush writes anything held back.
func scrubbed(w io.Writer) (out io.Writer, flush func() error) {
	s := &scrubWriter{w: w}
	if f, ok := w.(*os.File); ok {
		return ttyScrubWriter{s, f}, s.Flush
	}
	return s, s.Flush
}
