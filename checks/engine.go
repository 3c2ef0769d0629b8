package checks

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	wants := func(id string) bool { return want[id] }
	rep := Report{Model: o.Model, NoSpend: o.NoSpend}

	inv := discover.Run(o.Discover)
	if !o.Key.IsZero() {
		inv.Key = o.Key
		inv.KeySource = &discover.Source{Kind: discover.SourceInput, Name: openai.EnvAPIKey, Value: o.Key}
	}
	rep.Inventory = inv
	rep.KeySource = sourceLabel(inv.KeySource)
	rep.AdminKey = adminKeyFrom(o.Discover.Environ)

	start := time.Now()
	var mu sync.Mutex
	emit := func(rs ...Result) {
		for i := range rs {
			if rs[i].Duration == 0 {
				rs[i].Duration = time.Since(start)
			}
			if rs[i].ID == NetReach {
				rs[i] = nodeProxy(rs[i], o.Discover.Environ, inv)
			}
		}
		mu.Lock()
		rep.Results = append(rep.Results, rs...)
		mu.Unlock()
		if o.OnResult != nil {
			for _, r := range rs {
				o.OnResult(r)
			}
		}
	}

	local := keyChecks(inv, wants)
	emit(local...)

	cleaned, _ := apikey.Clean(inv.Key.Reveal())
	key := apikey.New(cleaned)
	sendable := !key.IsZero() && apikey.Validate(cleaned).Severity != apikey.Invalid
	if sendable {
		rep.Key = key
	}

	base := chooseBaseURL(o.BaseURL, inv)
	rep.BaseURL, rep.BaseFrom = base.url, base.from

	var wg sync.WaitGroup
	apiIDs := IDs(GroupAPI)
	if slices.ContainsFunc(apiIDs, wants) {
		switch {
		case azureBase(base.url):
			if wants(NetReach) {
				emit(Result{ID: NetReach, Status: Warn, Code: CodeAzureEndpoint,
					Summary: "the base URL " + openai.MaskURL(base.url) + " is an Azure OpenAI endpoint: Azure endpoints are not checked, so nothing was sent",
					Fix:     fixes[CodeAzureEndpoint].Do})
			}
			for _, id := range apiIDs[1:] {
				if wants(id) {
					emit(skipped(id, "", "skipped: Azure endpoints are not checked (see net.reach)"))
				}
			}
		case !sendable:
			why := "skipped: no usable key (see key.found and key.format), so nothing was sent"
			for _, id := range apiIDs {
				if wants(id) {
					emit(skipped(id, "", why))
				}
			}
		case base.blocked != nil:
			emit(*base.blocked)
			for _, id := range apiIDs[1:] {
				if wants(id) {
					emit(skipped(id, "", "skipped: the key was not sent to a base URL set in a file (see net.reach)"))
				}
			}
		default:
			client := o.Client
			if client == nil {
				client = &http.Client{Timeout: o.Timeout}
			}
			if slices.ContainsFunc(ProbeIDs(), wants) {
				wg.Go(func() {
					req := APIRequest{BaseURL: base.url, Key: key, OrgID: inv.OrgID.Value, ProjectID: inv.ProjectID.Value,
						Model: o.Model, NoSpend: o.NoSpend, Client: client, Resolver: o.Resolver,
						InsecureHTTP: o.InsecureHTTP && !base.fromDotenv}
					emit(RunAPI(ctx, req, wants)...)
				})
			}
			if wants(KeyOwner) {
				wg.Go(func() {
					adminURL, from, trusted := BaseURLForKeyNotInFile(o.BaseURL, inv)
					emit(keyOwner(ctx, ownerRequest{Key: key, AdminKey: rep.AdminKey, BaseURL: adminURL, BaseFrom: from,
						Trusted: trusted, Client: client, Timeout: o.Timeout, Now: time.Now()}))
				})
			}
		}
	}
	hygieneIDs := IDs(GroupHygiene)
	if slices.ContainsFunc(hygieneIDs, wants) {
		wg.Go(func() {
			// The history scan gets most of the budget, so it can say it
			// stopped early before the whole run's deadline.
			hctx, hcancel := context.WithTimeout(ctx, o.Timeout*4/5)
			defer hcancel()
			emit(hygieneChecks(hctx, inv, o.Discover.Dir, wants)...)
		})
	}
	if wants(EnvAgents) {
		wg.Go(func() {
			actx, acancel := context.WithTimeout(ctx, o.Timeout*4/5) // leaves time to report an incomplete scan
			defer acancel()
			emit(agentsCheck(actx, inv, o.Discover))
		})
	}
	wg.Wait()

	order := map[string]int{}
	for i, s := range Catalog() {
		order[s.ID] = i
	}
	slices.SortStableFunc(rep.Results, func(a, b Result) int { return order[a.ID] - order[b.ID] })
	return rep
}

// adminKeyFrom reads OPENAI_ADMIN_KEY from an environment list (the last
// setting wins, as in a shell), cleaned of quotes and whitespace.
func adminKeyFrom(environ []string) apikey.Key {
	var raw string
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, openai.EnvAdminKey+"="); ok {
			raw = v
		}
	}
	cleaned, _ := apikey.Clean(raw)
	return apikey.New(cleaned)
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
	c := baseChoice{url: strings.TrimRight(set.Value, "/"), from: sourceLabel(set.Source), fromDotenv: set.Source.Kind == discover.SourceDotenv}
	if set.Source.Kind != discover.SourceDotenv || trustedHost(c.url) {
		return c
	}
	if ks := inv.KeySource; ks != nil && ks.Kind == discover.SourceDotenv && ks.Path == set.Source.Path {
		return c // key and URL come from the same file: same trust level
	}
	host := c.url
	if u, err := url.Parse(c.url); err == nil && u.Host != "" {
		host = u.Host
	}
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
	h := u.Hostname()
	if openai.IsOpenAIHost(h) || strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// sourceLabel names a source for people: "environment", "./.env:3", "~/.zshrc:12".
func sourceLabel(s *discover.Source) string {
	if s == nil {
		return ""
	}
	switch s.Kind {
	case discover.SourceEnvironment:
		return "environment"
	case discover.SourceInput:
		return "input"
	}
	if s.Line > 0 {
		return s.Path + ":" + strconv.Itoa(s.Line)
	}
	return s.Path
}
