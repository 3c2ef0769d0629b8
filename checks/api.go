package checks

import (
	"context"
	"net/http"
	"net/url"

	"github.com/setupkit/openai-setup/apikey"
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
		probes := []string{probe.List}
		if want(APIPermissions) || want(APIModel) || want(APIBilling) {
			probes = append(probes, probe.Scope)
		}
		if want(APIModel) {
			probes = append(probes, probe.Lookup)
		}
		if !req.NoSpend && (want(APIModel) || want(APIBilling) || want(APIRateLimit)) {
			probes = append(probes, probe.Paid)
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
	run.fire(ctx, []string{probe.List})
	r := run.result(APIAuth)
	if p := run.probe(probe.List); p.Err != nil && r.Status == Skip {
		r = run.transportResult(APIAuth, p)
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
	proxy       *url.URL
	batch       *probe.Batch // nil when nothing is sent

	judged map[string]Result // results by check id, once judged
}

func newAPIRun(ctx context.Context, req APIRequest) *apiRun {
	if req.Model == "" {
		req.Model = DefaultModel
	}
	r := &apiRun{req: req}
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
	client := probe.SafeClient(c, base.URL, base.local, base.pinned)
	r.proxy = probe.ProxyFor(client, base.URL)
	r.batch = &probe.Batch{Client: client, Base: base.URL, Key: req.Key, Org: req.OrgID, Project: req.ProjectID, Model: req.Model}
	return r
}

// fire sends the probes (see probe.Batch.Fire).
func (r *apiRun) fire(ctx context.Context, names []string) { r.batch.Fire(ctx, names) }

// probe returns a probe's outcome, or nil when it was not sent.
func (r *apiRun) probe(name string) *probe.Named {
	if r.batch == nil {
		return nil
	}
	return r.batch.Get(name)
}

// answered returns the probes that got an HTTP answer, in a fixed order.
func (r *apiRun) answered() []*probe.Named {
	if r.batch == nil {
		return nil
	}
	return r.batch.Answered()
}

// called is the model the paid call went to: the newest listed snapshot
// of the model checked, else that model.
func (r *apiRun) called() string {
	if r.batch == nil {
		return r.req.Model
	}
	return r.batch.Called()
}

// transport classifies a probe that got no HTTP answer.
func (r *apiRun) transport(p *probe.Named) probe.TransportFailure {
	t := probe.ClassifyTransport(probe.TransportInput{Err: p.Err, Target: r.base.URL, Proxy: r.proxy, Connected: p.Connected, Elapsed: p.Elapsed})
	proxyHost := ""
	if r.proxy != nil {
		proxyHost = r.proxy.Host // never its userinfo: it may hold a password
	}
	return probe.ExplainTLS(t, p.Err, r.base.Hostname(), r.base.Host, proxyHost)
}
