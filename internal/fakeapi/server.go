// Package fakeapi is a fake OpenAI API on 127.0.0.1 for tests, end-to-end
// runs and benchmarks. It answers the way the real API does (status, error
// envelope, headers), and
// which failure it plays is chosen per request by the key: Key(scenario)
// makes a well-formed key for each scenario in Scenarios.
//
// It never spends, stores or prints a real key: any key it did not make is
// answered with 401 invalid_api_key, as the real API would.
package fakeapi

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running fake API. Its methods are safe for concurrent use.
type Server struct {
	ts    *httptest.Server
	other *httptest.Server // the "other host" redirects point at
	done  chan struct{}

	addr        string
	latency     time.Duration
	slowLatency time.Duration

	mu          sync.Mutex
	counts      map[string]int
	paid        int
	requests    []Request
	revoked     map[string]bool
	revokeAfter map[string]int
	// accountScenario is what service-account keys play ("" : ok).
	accountScenario string
	used            map[string]int
	otherHits       int
	otherAuth       int
	closeOnce       sync.Once

	inFlight, peak int
	holdUntil      int           // answers wait until this many requests are in flight; 0: never
	release        chan struct{} // closed when holdUntil is reached
	released       bool
	admin          *adminState // the organization the Admin API endpoints serve
}

// Request records one request the server received. It holds no key.
type Request struct {
	Method   string
	Path     string
	HasAuth  bool   // an Authorization header was sent
	Scenario string // decoded from the key; "" for a key the fake did not make
	Org      string // OpenAI-Organization header
	Project  string // OpenAI-Project header
	Paid     bool   // a well-formed chat completion: the billable call
}

// Option configures a Server.
type Option func(*Server)

// WithLatency delays every answer by d (the client's context still ends
// the wait early).
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithHoldUntil holds every answer until n requests are in flight at once,
// so a test proves its client runs them concurrently without timing
// anything: a client sending them one by one waits until its own deadline.
func WithHoldUntil(n int) Option { return func(s *Server) { s.holdUntil = n } }

// WithSlowLatency sets how long the "slow" scenario waits (default 2s).
func WithSlowLatency(d time.Duration) Option { return func(s *Server) { s.slowLatency = d } }

// WithRevokeAfter makes key answer normally for n requests and then 401
// invalid_api_key, as a key revoked in the dashboard does (for rotate).
func WithRevokeAfter(key string, n int) Option {
	return func(s *Server) { s.revokeAfter[key] = n }
}

// WithRegionalAccounts makes the service-account keys the admin endpoints
// hand out play regional_hostname: a data-residency project's keys.
func WithRegionalAccounts() Option {
	return func(s *Server) { s.accountScenario = "regional_hostname" }
}

// WithAddr listens on addr (host:port, e.g. "127.0.0.1:0") instead of a
// random loopback port.

func WithAddr(addr string) Option { return func(s *Server) { s.addr = addr } }

// New starts a fake API server. It panics if it cannot listen, as httptest does.
func New(opts ...Option) *Server {
	s := &Server{
		done:        make(chan struct{}),
		slowLatency: 2 * time.Second,
		counts:      map[string]int{},
		revoked:     map[string]bool{},
		revokeAfter: map[string]int{},
		used:        map[string]int{},
		release:     make(chan struct{}),
		admin:       newAdminState(),
	}
	for _, o := range opts {
		o(s)
	}
	s.other = httptest.NewServer(http.HandlerFunc(s.serveOther))
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if s.addr != "" {
		l, err := net.Listen("tcp", s.addr)
		if err != nil {
			panic("fakeapi: listen " + s.addr + ": " + err.Error())
		}
		s.ts.Listener.Close()
		s.ts.Listener = l
	}
	s.ts.Start()
	return s
}

// URL is the base URL to configure, ending in /v1.
func (s *Server) URL() string { return s.ts.URL + "/v1" }

// OtherHostURL is the base URL of the second host that redirect_other_host
// sends clients to.
func (s *Server) OtherHostURL() string { return s.other.URL + "/v1" }

// Close stops the server. Hanging handlers are released first, so Close
// never waits on a client that forgot its timeout.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.ts.CloseClientConnections()
	s.ts.Close()
	s.other.CloseClientConnections()
	s.other.Close()
}

// Revoke makes key answer 401 invalid_api_key from now on.
func (s *Server) Revoke(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked[key] = true
}

// Count returns how many requests arrived for path (e.g. "/v1/models"),
// whatever their method, key or answer.
func (s *Server) Count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[path]
}

// PaidCalls returns how many well-formed chat completions arrived: the
// billable calls. A deliberately invalid body (the free scope probe) is
// not counted.
func (s *Server) PaidCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paid
}

// Requests returns a copy of every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// OtherHost returns how many requests reached the other host and how many
// of them carried an Authorization header (which must be zero).
func (s *Server) OtherHost() (requests, withAuth int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.otherHits, s.otherAuth
}

func (s *Server) serveOther(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.otherHits++
	if r.Header.Get("Authorization") != "" {
		s.otherAuth++
	}
	s.mu.Unlock()
	writeAnswer(w, answer{status: 200, body: modelsList()})
}

// wait sleeps d unless the request or the server ends first.
// PeakInFlight is the most requests the server was answering at once.
func (s *Server) PeakInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// waitFor waits until ch is closed; false when the request or the server
// ended first.
func (s *Server) waitFor(r *http.Request, ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	key, hasAuth := bearer(r)
	scenario, known := decodeKey(key)
	if !known && s.serviceAccountLive(key) {
		scenario, known = cmp.Or(s.accountScenario, "ok"), true // a key made by POST …/service_accounts
	}
	if scenario == "regional_hostname" && strings.EqualFold(stripPort(r.Host), RegionalHost) {
		scenario = "ok" // the project's own region: the key works there
	}
	chat := r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions"
	var chatReq struct {
		Model    string            `json:"model"`
		Messages []json.RawMessage `json:"messages"`
	}
	chatErr := json.Unmarshal(body, &chatReq)
	wellFormed := chat && chatErr == nil && chatReq.Model != "" && len(chatReq.Messages) > 0

	s.mu.Lock()
	s.counts[r.URL.Path]++
	if wellFormed {
		s.paid++
	}
	s.requests = append(s.requests, Request{
		Method: r.Method, Path: r.URL.Path, HasAuth: hasAuth, Scenario: scenario,
		Org: r.Header.Get("OpenAI-Organization"), Project: r.Header.Get("OpenAI-Project"), Paid: wellFormed,
	})
	revoked := s.revoked[key]
	if n, ok := s.revokeAfter[key]; ok && known {
		s.used[key]++
		revoked = revoked || s.used[key] > n
	}
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
	if s.holdUntil > 0 && s.inFlight >= s.holdUntil && !s.released {
		close(s.release)
		s.released = true
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if s.holdUntil > 0 && !s.waitFor(r, s.release) {
		return
	}

	if !s.wait(r, s.latency) {
		return
	}
	if known && scenario == "redirect_other_host" {
		target := s.other.URL + r.URL.RequestURI()
		w.Header().Set("Location", target)
		commonHeaders(w, false)
		w.WriteHeader(http.StatusTemporaryRedirect)
		return
	}
	if isAdminPath(r.URL.Path) {
		s.serveAdmin(w, r, key, hasAuth, body)
		return
	}
	switch {
	case !hasAuth:
		writeAnswer(w, apiError(401, msgMissingKey, "invalid_request_error", nil, nil))
		return
	case !known || revoked:
		writeAnswer(w, invalidKey(key))
		return
	}
	switch scenario {
	case "hang":
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	case "slow":
		if !s.wait(r, s.slowLatency) {
			return
		}
	}
	if a, ok := everywhere(scenario, key); ok {
		writeAuthed(w, a)
		return
	}
	if org := r.Header.Get("OpenAI-Organization"); org != "" && org != OrgID {
		writeAuthed(w, apiError(401, msgOrgMismatch, "invalid_request_error", "mismatched_organization", nil))
		return
	}
	if p := r.Header.Get("OpenAI-Project"); p != "" && p != ProjectID {
		writeAuthed(w, apiError(401, msgProjMismatch, "invalid_request_error", "mismatched_project", nil))
		return
	}
	writeAuthed(w, s.route(r, scenario, chat, chatErr, chatReq.Model, len(chatReq.Messages)))
}

// route answers an authenticated request for an endpoint.
func (s *Server) route(r *http.Request, scenario string, chat bool, chatErr error, model string, nmsg int) answer {
	path := r.URL.Path
	switch {
	case r.Method == http.MethodGet && path == "/v1/models":
		if scenario == "models_scope_missing" {
			return apiError(403, msgScopesRead, "invalid_request_error", nil, nil)
		}
		return answer{status: 200, body: modelsList()}
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/v1/models/"):
		id := strings.TrimPrefix(path, "/v1/models/")
		switch {
		case scenario == "models_scope_missing":
			return apiError(403, msgScopesRead, "invalid_request_error", nil, nil)
		case scenario == "model_not_found" || !knownModel(id):
			return modelNotFoundLookup(id)
		}
		return answer{status: 200, body: modelJSON(id)}
	case chat:
		// Order seen on the real API: authentication, scopes, body
		// validation, verification, billing.
		if a, ok := postScopeFailure(scenario); ok {
			return a
		}
		switch {
		case chatErr != nil:
			return apiError(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)", "invalid_request_error", nil, nil)
		case model == "":
			return apiError(400, "you must provide a model parameter", "invalid_request_error", nil, nil)
		case nmsg == 0:
			return apiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "invalid_request_error", "empty_array", "messages")
		}
		if a, ok := paidFailure(scenario, model); ok {
			return a
		}
		if !knownModel(model) {
			return modelNotFoundChat(model)
		}
		a := answer{status: 200, body: completionJSON(model)}
		if scenario == "low_headroom" {
			a.headers = rateHeaders(60, 3, 150000, 149990)
		} else {
			a.headers = rateHeaders(500, 499, 200000, 199990)
		}
		return a
	}
	return apiError(404, "Invalid URL ("+r.Method+" "+path+")", "invalid_request_error", nil, nil)
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		return "", false
	}
	return tok, true
}

func knownModel(id string) bool {
	for _, m := range models {
		if m == id {
			return true
		}
	}
	return false
}

// writeAuthed writes an answer to an authenticated request: it says which
// organization and project the key bills to, as the real API does.
func writeAuthed(w http.ResponseWriter, a answer) {
	commonHeaders(w, true)
	writeAnswer(w, a)
}

func commonHeaders(w http.ResponseWriter, authed bool) {
	h := w.Header()
	h.Set("x-request-id", requestID())
	h.Set("openai-version", "2020-10-01")
	h.Set("openai-processing-ms", "42")
	if authed {
		h.Set("openai-organization", OrgName)
		h.Set("openai-project", ProjectID)
	}
}

func writeAnswer(w http.ResponseWriter, a answer) {
	h := w.Header()
	if h.Get("x-request-id") == "" {
		commonHeaders(w, false)
	}
	ctype := a.ctype
	if ctype == "" {
		ctype = "application/json"
	}
	h.Set("Content-Type", ctype)
	for k, v := range a.headers {
		h.Set(k, v)
	}
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "req_" + hex.EncodeToString(b[:])
}

func errorJSON(message string, typ, code, param any) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{
		"message": message, "type": typ, "param": param, "code": code,
	}})
	return string(b)
}

const created = 1721172741

func modelJSON(id string) string {
	b, _ := json.Marshal(map[string]any{"id": id, "object": "model", "created": created, "owned_by": "system"})
	return string(b)
}

func modelsList() string {
	var b strings.Builder
	b.WriteString(`{"object":"list","data":[`)
	for i, m := range models {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(modelJSON(m))
	}
	b.WriteString(`]}`)
	return b.String()
}

func completionJSON(model string) string {
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-fake", "object": "chat.completion", "created": created, "model": model,
		"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": ""}, "finish_reason": "length"}},
		"usage":   map[string]any{"prompt_tokens": 8, "completion_tokens": 1, "total_tokens": 9},
	})
	return string(b)
}

func itoa(n int) string { return strconv.Itoa(n) }
