package checks

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
	"github.com/setupkit/openai-setup/probe"
)

// APIRequest is what the API checks need. Key is already cleaned and
// validated locally.
type APIRequest struct {
	BaseURL   string // e.g. https://api.openai.com/v1; a trailing slash is fine
	Key       apikey.Key
	OrgID     string // sent as OpenAI-Organization when non-empty (as the SDKs do from OPENAI_ORG_ID)
	ProjectID string // sent as OpenAI-Project when non-empty
	Model     string // model to probe; DefaultModel when empty
	NoSpend   bool
	Client    *http.Client // has its own Timeout; ctx is respected too
	// Resolver looks up *.localhost names, which count as this machine only
	// when every address is loopback; nil uses the system resolver.
	Resolver probe.Resolver
	// InsecureHTTP allows a plain-http base URL to a host that is not this
	// machine (net.reach then warns). The engine never sets it for a base
	// URL read from a dotenv file.
	InsecureHTTP bool
}

// The probes. Each is one request; all of them start at once.
const (
	apiProbeList   = "GET /models"                         // auth, org/project, models.read
	apiProbeScope  = "POST /chat/completions (empty body)" // model.request, free: rejected before work
	apiProbeLookup = "GET /models/{model}"                 // the model is listed, free
	apiProbePaid   = "POST /chat/completions (1 token)"    // model access, billing, rate limits
)

// RunAPI starts every needed request at once, waits for all, and returns
// results for NetReach, APIAuth, APIPermissions, APIModel, APIBilling and
// APIRateLimit, in that order, only for ids where want(id) is true. ctx
// carries the overall deadline. No request is ever retried, and the key
// goes only to req.BaseURL (a redirect to another origin is refused).
func RunAPI(ctx context.Context, req APIRequest, want func(id string) bool) []Result {
	if want == nil {
		want = func(string) bool { return true }
	}
	run := newAPIRun(ctx, req)
	if run.baseFailure == nil {
		probes := []string{apiProbeList}
		if want(APIPermissions) || want(APIModel) || want(APIBilling) {
			probes = append(probes, apiProbeScope)
		}
		if want(APIModel) {
			probes = append(probes, apiProbeLookup)
		}
		if !req.NoSpend && (want(APIModel) || want(APIBilling) || want(APIRateLimit)) {
			probes = append(probes, apiProbePaid)
		}
		run.fire(ctx, probes)
	}
	var out []Result
	for _, id := range ProbeIDs() {
		if want(id) {
			out = append(out, run.result(id).Scrub(req.Key))
		}
	}
	return out
}

// CheckAuth runs only the free GET /models auth probe (rotate polls it until
// an old key is revoked). A request that got no answer is reported with its
// net.reach code (dns, connect, tls, proxy, timeout), never as a bad key.
func CheckAuth(ctx context.Context, req APIRequest) Result {
	run := newAPIRun(ctx, req)
	if run.baseFailure != nil {
		r := *run.baseFailure
		r.ID = APIAuth
		return r.Scrub(req.Key)
	}
	run.fire(ctx, []string{apiProbeList})
	r := run.result(APIAuth)
	if p := run.probes[apiProbeList]; p.Err != nil && r.Status == Skip {
		t := run.transport(p)
		r = Result{ID: APIAuth, Status: Fail, Code: Code(t.Code), Summary: t.Summary, Fix: t.Fix, URL: t.URL, Duration: p.Elapsed}
		if t.Code == "redirect" {
			r.Code = CodeUnexpectedResponse
		}
	}
	if nr := run.result(NetReach); r.Status == Skip && nr.Status == Fail { // a proxy's own answer
		r = nr
		r.ID = APIAuth
	}
	return r.Scrub(req.Key)
}

// apiRun holds one run's inputs and probe outcomes.
type apiRun struct {
	req         APIRequest
	base        *apiBase
	baseFailure *Result // bad_base_url / insecure_base_url: nothing is sent
	client      *http.Client
	proxy       *url.URL

	mu     sync.Mutex
	probes map[string]*apiProbe

	judged map[string]Result // results by check id, once judged

	paidModel string // the model the paid call used; set before it is sent
}

// called is the model the paid call went to: the newest listed snapshot
// of the model checked, else that model.
func (r *apiRun) called() string {
	if r.paidModel != "" {
		return r.paidModel
	}
	return r.req.Model
}

// apiProbe is one named request and what it got.
type apiProbe struct {
	name string
	probe.Answer
}

func newAPIRun(ctx context.Context, req APIRequest) *apiRun {
	if req.Model == "" {
		req.Model = DefaultModel
	}
	r := &apiRun{req: req, probes: map[string]*apiProbe{}}
	base, fail := apiParseBaseURL(ctx, req)
	if fail != nil {
		r.baseFailure = fail
		return r
	}
	r.base = base
	c := req.Client
	if c == nil {
		c = &http.Client{Timeout: DefaultTimeout}
	}
	r.client = probe.SafeClient(c, base.URL, base.local, base.pinned)
	r.proxy = probe.ProxyFor(r.client, base.URL)
	return r
}

// fire runs the probes concurrently and waits for all of them. The paid
// call waits for the model list, so it can go to the model's newest dated
// snapshot.
func (r *apiRun) fire(ctx context.Context, names []string) {
	paid := slices.Contains(names, apiProbePaid)
	var wg sync.WaitGroup
	for _, name := range names {
		if name == apiProbePaid {
			continue
		}
		wg.Go(func() {
			p := r.do(ctx, name)
			r.store(name, p)
			if name == apiProbeList && paid {
				r.paidModel = openai.NewestSnapshot(r.req.Model, probe.ModelIDs(p.Body))
				r.store(apiProbePaid, r.do(ctx, apiProbePaid))
			}
		})
	}
	wg.Wait()
}

func (r *apiRun) store(name string, p *apiProbe) {
	r.mu.Lock()
	r.probes[name] = p
	r.mu.Unlock()
}

// do sends one probe. It never retries.
func (r *apiRun) do(ctx context.Context, name string) *apiProbe {
	p := &apiProbe{name: name}
	method, path, body := http.MethodGet, "/models", []byte(nil)
	switch name {
	case apiProbeScope:
		// Invalid on purpose (no model, no messages): the API checks the
		// key's scopes, then rejects the body with 400 before any work.
		method, path, body = http.MethodPost, "/chat/completions", []byte(`{"messages":[]}`)
	case apiProbePaid:
		method, path = http.MethodPost, "/chat/completions"
		body, _ = json.Marshal(map[string]any{
			"model":                 r.called(),
			"messages":              []map[string]string{{"role": "user", "content": "Say OK."}},
			"max_completion_tokens": 1,
			"store":                 false,
		})
	}
	u := *r.base.URL
	u.Path = strings.TrimRight(r.base.Path, "/") + path
	u.RawPath = strings.TrimRight(r.base.EscapedPath(), "/") + path
	if name == apiProbeLookup {
		u.Path = strings.TrimRight(r.base.Path, "/") + "/models/" + r.req.Model
		u.RawPath = strings.TrimRight(r.base.EscapedPath(), "/") + "/models/" + url.PathEscape(r.req.Model)
	}

	limit := int64(probe.BodyLimit)
	if name == apiProbeList {
		limit = apiListLimit
	}
	p.Answer = probe.Send(ctx, r.client, probe.Request{Method: method, URL: u.String(), Body: body,
		Key: r.req.Key, Org: r.req.OrgID, Project: r.req.ProjectID, Limit: limit})
	if p.Err != nil {
		return p
	}
	if want, ok := apiDocumented[name]; ok && p.Verdict.Family == probe.FamilyOK && !want.is(p.Body) {
		// A 200 that is not the documented answer proves nothing.
		p.Verdict.Family, p.Verdict.Code = probe.FamilyUnexpected, string(CodeUnexpectedResponse)
		p.Verdict.Message = "the body is not " + want.what
	}
	return p
}

// apiListLimit caps GET /models' body: an organization with many
// fine-tuned models has a long list, and a cut one is not a list.
const apiListLimit = 1 << 20

// apiDocumented is what a 200 to each probe must hold.
var apiDocumented = map[string]struct {
	is   func([]byte) bool
	what string
}{
	apiProbeList:   {probe.IsModelList, "a list of models"},
	apiProbeLookup: {probe.IsModel, "a model"},
	apiProbePaid:   {probe.IsChatCompletion, "a chat completion"},
}

// probe returns a probe's outcome, or nil when it was not run.
func (r *apiRun) probe(name string) *apiProbe {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.probes[name]
}

// transport classifies a probe that got no HTTP answer.
func (r *apiRun) transport(p *apiProbe) probe.TransportFailure {
	t := probe.ClassifyTransport(probe.TransportInput{Err: p.Err, Target: r.base.URL, Proxy: r.proxy, Connected: p.Connected, Elapsed: p.Elapsed})
	proxyHost := ""
	if r.proxy != nil {
		proxyHost = r.proxy.Host // never its userinfo: it may hold a password
	}
	return probe.ExplainTLS(t, p.Err, r.base.Hostname(), r.base.Host, proxyHost)
}
