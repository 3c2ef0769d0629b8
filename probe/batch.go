package probe

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
)

// The probes doctor sends, by name; each is one request, and all of them
// start at once.
const (
	List   = "GET /models"                         // auth, org/project, models.read
	Scope  = "POST /chat/completions (empty body)" // model.request, free: rejected before work
	Lookup = "GET /models/{model}"                 // the model is listed, free
	Paid   = "POST /chat/completions (1 token)"    // model access, billing, rate limits
)

// listLimit caps GET /models' body: an organization with many fine-tuned
// models has a long list, and a cut one is not a list.
const listLimit = 1 << 20

// documented is what a 200 to each probe must hold.
var documented = map[string]struct {
	is   func([]byte) bool
	what string
}{
	List:   {IsModelList, "a list of models"},
	Lookup: {IsModel, "a model"},
	Paid:   {IsChatCompletion, "a chat completion"},
}

// Named is one named probe and what it got.
type Named struct {
	Name string
	Answer
}

// Batch sends named probes to one base URL with one key and keeps their
// answers. It never retries, and a 200 that is not the documented answer
// is classified unexpected: it proves nothing.
type Batch struct {
	Client       *http.Client // SafeClient's, for Base
	Base         *url.URL
	Key          apikey.Key
	Org, Project string // OpenAI-Organization and OpenAI-Project, when set
	Model        string

	mu        sync.Mutex
	got       map[string]*Named
	paidModel string // set before the paid call is sent
}

// Fire sends the named probes concurrently and waits for all of them. The
// paid call waits for the model list, so it can go to the model's newest
// dated snapshot (see Called).
func (b *Batch) Fire(ctx context.Context, names []string) {
	paid := slices.Contains(names, Paid)
	var wg sync.WaitGroup
	for _, name := range names {
		if name == Paid {
			continue
		}
		wg.Go(func() {
			p := b.send(ctx, name)
			b.store(p)
			if name == List && paid {
				b.paidModel = openai.NewestSnapshot(b.Model, ModelIDs(p.Body))
				b.store(b.send(ctx, Paid))
			}
		})
	}
	wg.Wait()
}

// Get returns a probe's outcome, or nil when it was not sent.
func (b *Batch) Get(name string) *Named {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.got[name]
}

// Answered returns the probes that got an HTTP answer or a connection, in
// a fixed order.
func (b *Batch) Answered() []*Named {
	var out []*Named
	for _, name := range []string{List, Scope, Lookup, Paid} {
		if p := b.Get(name); p != nil && (p.Status > 0 || p.Connected) {
			out = append(out, p)
		}
	}
	return out
}

// Called is the model the paid call went to: the newest listed snapshot
// of Model, else Model.
func (b *Batch) Called() string {
	if b.paidModel != "" {
		return b.paidModel
	}
	return b.Model
}

func (b *Batch) store(p *Named) {
	b.mu.Lock()
	if b.got == nil {
		b.got = map[string]*Named{}
	}
	b.got[p.Name] = p
	b.mu.Unlock()
}

// send sends one probe.
func (b *Batch) send(ctx context.Context, name string) *Named {
	p := &Named{Name: name}
	method, path, body := http.MethodGet, "/models", []byte(nil)
	switch name {
	case Scope:
		// Invalid on purpose (no model, no messages): the API checks the
		// key's scopes, then rejects the body with 400 before any work.
		method, path, body = http.MethodPost, "/chat/completions", []byte(`{"messages":[]}`)
	case Paid:
		method, path = http.MethodPost, "/chat/completions"
		body, _ = json.Marshal(map[string]any{
			"model":                 b.Called(),
			"messages":              []map[string]string{{"role": "user", "content": "Say OK."}},
			"max_completion_tokens": 1,
			"store":                 false,
		})
	}
	u := *b.Base
	u.Path = strings.TrimRight(b.Base.Path, "/") + path
	u.RawPath = strings.TrimRight(b.Base.EscapedPath(), "/") + path
	if name == Lookup {
		u.Path = strings.TrimRight(b.Base.Path, "/") + "/models/" + b.Model
		u.RawPath = strings.TrimRight(b.Base.EscapedPath(), "/") + "/models/" + url.PathEscape(b.Model)
	}
	limit := int64(BodyLimit)
	if name == List {
		limit = listLimit
	}
	p.Answer = Send(ctx, b.Client, Request{Method: method, URL: u.String(), Body: body,
		Key: b.Key, Org: b.Org, Project: b.Project, Limit: limit})
	if p.Err != nil {
		return p
	}
	if want, ok := documented[name]; ok && p.Verdict.Family == FamilyOK && !want.is(p.Body) {
		p.Verdict.Family, p.Verdict.Code = FamilyUnexpected, "unexpected_response"
		p.Verdict.Message = "the body is not " + want.what
	}
	return p
}
