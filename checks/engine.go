package checks

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

// DefaultBaseURL is the real API, used when neither --base-url nor
// OPENAI_BASE_URL says otherwise.
const DefaultBaseURL = "https://api.openai.com/v1"

// DefaultModel is the cheap current chat model doctor probes.
const DefaultModel = "gpt-4o-mini"

// DefaultTimeout bounds a whole doctor run.
const DefaultTimeout = 15 * time.Second

// Options configures one run of the checks.
type Options struct {
	Discover discover.Options
	// Key, when set, is checked instead of the discovered key (a key pasted
	// into the wizard or read by --with-key). It is not cleaned first:
	// key.format reports what cleaning would change.
	Key apikey.Key
	// BaseURL from --base-url; "" means OPENAI_BASE_URL or the default.
	BaseURL string
	Model   string
	NoSpend bool
	Timeout time.Duration
	Client  *http.Client // nil: a client with Timeout
	// Resolver looks up *.localhost base URLs; nil uses the system's.
	Resolver probe.Resolver
	// InsecureHTTP (--insecure-http) lets the key go over plain http to a
	// base URL from --base-url or the environment; net.reach then warns.
	// It never applies to a base URL read from a dotenv file.
	InsecureHTTP bool
	Only         []string // --check ids; empty runs every check
	// OnResult, when set, is called once per result as it is ready, from any
	// goroutine. Run still returns every result in catalog order.
	OnResult func(Result)
	// Hygiene runs the hygiene group (hygiene.Run); Admin makes, once per
	// Run, what the admin key tells doctor (keyowner.New): key.owner and
	// this month's project spend on api.billing. nil reports those checks
	// as skipped and adds no spend.
	Hygiene HygieneRunner
	Admin   func() AdminLookup
}

// Report is the outcome of Run.
type Report struct {
	Inventory discover.Inventory
	Key       apikey.Key // the cleaned key the API checks used (zero if none)
	KeySource string     // human label of where the key came from
	BaseURL   string
	BaseFrom  string     // "flag", "environment", a dotenv path, or "default"
	AdminKey  apikey.Key // OPENAI_ADMIN_KEY from the environment (zero if none): key.owner's, never printed
	Model     string
	NoSpend   bool
	Results   []Result
}

// OK reports whether no check failed (warnings allowed).
func (r Report) OK() bool {
	return !slices.ContainsFunc(r.Results, Result.Failed)
}

// Run discovers the configuration and runs the requested checks: the local
// key checks first (they gate the network, so another provider's key or an
// admin key is never sent), then every network check and the hygiene checks
// at once. Results come back in catalog order.
func Run(ctx context.Context, o Options) Report {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Model == "" {
		o.Model = DefaultModel
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()

	want, _ := Resolve(o.Only)
	r := &run{o: o, wants: func(id string) bool { return want[id] }, start: time.Now()}
	r.rep = Report{Model: o.Model, NoSpend: o.NoSpend}

	inv := discover.Run(o.Discover)
	if !o.Key.IsZero() {
		inv.Key = o.Key
		inv.KeySource = &discover.Source{Kind: discover.SourceInput, Name: openai.EnvAPIKey, Value: o.Key}
	}
	r.inv = inv
	r.rep.Inventory = inv
	r.rep.KeySource = inv.KeySource.Label()
	r.rep.AdminKey = inv.AdminKey

	r.emit(keyChecks(inv, r.wants)...)

	cleaned, _ := apikey.Clean(inv.Key.Reveal())
	key := apikey.New(cleaned)
	sendable := !key.IsZero() && apikey.Validate(cleaned).Severity != apikey.Invalid
	if sendable {
		r.rep.Key = key
	}
	base := chooseBaseURL(o.BaseURL, inv)
	r.rep.BaseURL, r.rep.BaseFrom = base.url, base.from

	r.startAPI(ctx, key, sendable, base)
	r.startHygiene(ctx)
	r.wg.Wait()

	order := map[string]int{}
	for i, s := range Catalog() {
		order[s.ID] = i
	}
	slices.SortStableFunc(r.rep.Results, func(a, b Result) int { return order[a.ID] - order[b.ID] })
	return r.rep
}

// run is one Run in progress: what it wants, what it found, and the results
// its goroutines report.
type run struct {
	o     Options
	wants func(id string) bool
	inv   discover.Inventory
	start time.Time
	wg    sync.WaitGroup
	mu    sync.Mutex
	rep   Report
}

// emit records results as they finish (stamping how long they took) and
// hands each to Options.OnResult.
func (r *run) emit(rs ...Result) {
	for i := range rs {
		if rs[i].Duration == 0 {
			rs[i].Duration = time.Since(r.start)
		}
		if rs[i].ID == NetReach {
			rs[i] = nodeProxy(rs[i], r.o.Discover.Environ, r.inv)
		}
	}
	r.mu.Lock()
	r.rep.Results = append(r.rep.Results, rs...)
	r.mu.Unlock()
	if r.o.OnResult != nil {
		for _, res := range rs {
			r.o.OnResult(res)
		}
	}
}

// skipAll reports every wanted id of ids as skipped for why.
func (r *run) skipAll(ids []string, why string) {
	for _, id := range ids {
		if r.wants(id) {
			r.emit(Skipped(id, "", why))
		}
	}
}

// startAPI starts the API group: all probes at once, and key.owner beside
// them; or says why nothing is sent (an Azure endpoint, no usable key, a
// base URL from a file the key may not go to).
func (r *run) startAPI(ctx context.Context, key apikey.Key, sendable bool, base baseChoice) {
	apiIDs := IDs(GroupAPI)
	if !slices.ContainsFunc(apiIDs, r.wants) {
		return
	}
	switch {
	case azureBase(base.url):
		if r.wants(NetReach) {
			r.emit(Result{ID: NetReach, Status: Warn, Code: CodeAzureEndpoint,
				Summary: "the base URL " + openai.MaskURL(base.url) + " is an Azure OpenAI endpoint: Azure endpoints are not checked, so nothing was sent",
				Fix:     fixes[CodeAzureEndpoint].Do})
		}
		r.skipAll(apiIDs[1:], "skipped: Azure endpoints are not checked (see net.reach)")
		return
	case !sendable:
		r.skipAll(apiIDs, "skipped: no usable key (see key.found and key.format), so nothing was sent")
		return
	case base.blocked != nil:
		r.emit(*base.blocked)
		r.skipAll(apiIDs[1:], "skipped: the key was not sent to a base URL set in a file (see net.reach)")
		return
	}
	o := r.o
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: o.Timeout}
	}
	var lookup AdminLookup
	if o.Admin != nil {
		lookup = o.Admin()
	}
	adminURL, from, trusted := BaseURLForKeyNotInFile(o.BaseURL, r.inv)
	oreq := OwnerRequest{Key: key, AdminKey: r.rep.AdminKey, BaseURL: adminURL, BaseFrom: from,
		Trusted: trusted, Client: client, Timeout: o.Timeout, Now: time.Now()}
	if slices.ContainsFunc(ProbeIDs(), r.wants) {
		r.wg.Go(func() {
			req := APIRequest{BaseURL: base.url, Key: key, OrgID: r.inv.OrgID.Value, ProjectID: r.inv.ProjectID.Value,
				Model: o.Model, NoSpend: o.NoSpend, Client: client, Resolver: o.Resolver,
				InsecureHTTP: o.InsecureHTTP && !base.fromDotenv}
			spend := make(chan func([]Result) []Result, 1)
			if lookup != nil && r.wants(APIBilling) && !o.NoSpend {
				go func() { spend <- lookup.Spend(ctx, oreq) }()
			} else {
				spend <- func(rs []Result) []Result { return rs }
			}
			results := RunAPI(ctx, req, r.wants)
			r.emit((<-spend)(results)...)
		})
	}
	if r.wants(KeyOwner) {
		if lookup == nil {
			r.emit(Skipped(KeyOwner, "", "skipped: this command does not look up the key's owner"))
			return
		}
		r.wg.Go(func() { r.emit(lookup.Owner(ctx, oreq)) })
	}
}

// AdminLookup is what the admin key tells one Run: key.owner, and this
// month's spend of the key's project, which Spend returns as a change to
// the API results (api.billing). keyowner.New makes one per Run, so both
// share one listing of the organization's keys; the engine takes it as a
// value because package keyowner imports this one for Result and the codes.
type AdminLookup interface {
	Owner(ctx context.Context, req OwnerRequest) Result
	Spend(ctx context.Context, req OwnerRequest) func([]Result) []Result
}

// OwnerRequest is what an AdminLookup needs: the key in use (cleaned), the
// admin key from doctor's environment, and where the admin key may go.
type OwnerRequest struct {
	Key      apikey.Key
	AdminKey apikey.Key // zero: no OPENAI_ADMIN_KEY
	BaseURL  string
	BaseFrom string
	Trusted  bool // the base URL may receive the admin key
	Client   *http.Client
	Timeout  time.Duration
	Now      time.Time
}

// startHygiene starts the hygiene group (files and git) through
// Options.Hygiene, with four fifths of the budget, so it can say it stopped
// early before the whole run's deadline. Without a runner each wanted
// hygiene check is reported as skipped, never silently left out.
func (r *run) startHygiene(ctx context.Context) {
	ids := IDs(GroupHygiene)
	if !slices.ContainsFunc(ids, r.wants) {
		return
	}
	if r.o.Hygiene == nil {
		r.skipAll(ids, "skipped: this command does not run the hygiene checks")
		return
	}
	r.wg.Go(func() {
		hctx, cancel := context.WithTimeout(ctx, r.o.Timeout*4/5)
		defer cancel()
		r.o.Hygiene(hctx, HygieneInput{Inventory: r.inv, Discover: r.o.Discover}, r.wants, r.emit)
	})
}

// HygieneRunner runs the hygiene group's checks that want accepts and hands
// each result to emit as it is ready (emit may be called from any
// goroutine). hygiene.Run is the one callers wire; the engine takes it as a
// value because package hygiene imports this one for Result and the codes.
type HygieneRunner func(ctx context.Context, in HygieneInput, want func(id string) bool, emit func(...Result))

// HygieneInput is what the hygiene checks read: the discovered inventory and
// the options discovery ran with (the folder, home and environment).
type HygieneInput struct {
	Inventory discover.Inventory
	Discover  discover.Options
}

type baseChoice struct {
	url, from  string
	fromDotenv bool    // read from a dotenv file
	blocked    *Result // set when the key must not go to this URL
}

// chooseBaseURL applies the precedence --base-url, OPENAI_BASE_URL, default,
// and the trust rule: a base URL set in a dotenv file (perhaps from a cloned
// repository) pointing at a host other than OpenAI's (global or regional) or
// loopback never receives
// a key from elsewhere, unless --base-url names that host.
func chooseBaseURL(flag string, inv discover.Inventory) baseChoice {
	if flag != "" {
		return baseChoice{url: strings.TrimRight(flag, "/"), from: "flag"}
	}
	set := inv.BaseURL
	if set.Value == "" || set.Source == nil {
		return baseChoice{url: DefaultBaseURL, from: "default"}
	}
	c := baseChoice{url: strings.TrimRight(set.Value, "/"), from: set.Source.Label(), fromDotenv: set.Source.Kind == discover.SourceDotenv}
	if set.Source.Kind != discover.SourceDotenv || trustedHost(c.url) {
		return c
	}
	if ks := inv.KeySource; ks != nil && ks.Kind == discover.SourceDotenv && ks.Path == set.Source.Path {
		return c // key and URL come from the same file: same trust level
	}
	host := openai.HostOf(c.url)
	c.blocked = &Result{
		ID: NetReach, Status: Warn, Code: CodeBaseURLFromFile,
		Summary: "OPENAI_BASE_URL in " + c.from + " points at " + host + ": an app loading that file would send your key there, so doctor did not",
		Fix:     fixes[CodeBaseURLFromFile].Fill("host", host, "url", openai.MaskURL(c.url), "from", c.from).Do,
	}
	return c
}

// trustedHost reports whether a base URL's host is OpenAI's own (the
// global or a regional host) or loopback.
func trustedHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return openai.IsOpenAIHost(u.Hostname()) || IsLoopbackHost(u.Hostname())
}

// IsLoopbackHost reports whether host is this machine: "localhost" or a
// loopback address (no lookup, so a *.localhost name is not).
func IsLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback()
}
