package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// UserAgent names doctor in the server's logs.
const UserAgent = "openai-setup-doctor"

// Request is one request to the API. It is sent once, never retried.
type Request struct {
	Method  string
	URL     string
	Body    []byte // JSON; nil for none
	Key     apikey.Key
	Org     string // sent as OpenAI-Organization when non-empty
	Project string // sent as OpenAI-Project when non-empty
	Limit   int64  // how much of the answer's body to read; 0 is BodyLimit
}

// Answer is what one request got. Err is set when no HTTP answer arrived
// (or a redirect was refused: then Status and Header are the redirect's).
type Answer struct {
	Status     int
	Header     http.Header
	Body       []byte
	Verdict    Verdict
	Err        error
	Connected  bool // a connection (TLS included) was established
	Elapsed    time.Duration
	TLSVersion uint16 // 0 for plain http
}

// Send sends req with c and classifies the answer. The key goes only in
// the Authorization header.
func Send(ctx context.Context, c *http.Client, req Request) Answer {
	var a Answer
	var connected atomic.Bool
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { connected.Store(true) }}
	var rd io.Reader
	if req.Body != nil {
		rd = bytes.NewReader(req.Body)
	}
	start := time.Now()
	hreq, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), req.Method, req.URL, rd)
	if err != nil {
		a.Err = err
		return a
	}
	hreq.Header.Set("Authorization", "Bearer "+req.Key.Reveal())
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", UserAgent)
	if req.Body != nil {
		hreq.Header.Set("Content-Type", "application/json")
	}
	if req.Org != "" {
		hreq.Header.Set("OpenAI-Organization", req.Org)
	}
	if req.Project != "" {
		hreq.Header.Set("OpenAI-Project", req.Project)
	}

	resp, err := c.Do(hreq)
	if err != nil {
		// A refused redirect still returns the redirect response: the
		// server answered, but what it said is a redirect.
		if resp != nil {
			a.Status, a.Header = resp.StatusCode, resp.Header
			resp.Body.Close()
		}
		a.Err, a.Elapsed = err, time.Since(start)
		a.Connected = connected.Load() || resp != nil
		return a
	}
	defer resp.Body.Close()
	a.Status, a.Header, a.Connected = resp.StatusCode, resp.Header, true
	if resp.TLS != nil {
		a.TLSVersion = resp.TLS.Version
	}
	limit := req.Limit
	if limit <= 0 {
		limit = BodyLimit
	}
	a.Body, _ = io.ReadAll(io.LimitReader(resp.Body, limit))
	a.Elapsed = time.Since(start)
	a.Verdict = Classify(a.Status, a.Header, a.Body)
	return a
}

// TLSVersionName names a TLS version for a summary ("" when unknown).
func TLSVersionName(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLS 1.3"
	case tls.VersionTLS12:
		return "TLS 1.2"
	}
	return ""
}
