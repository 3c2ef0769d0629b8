package checks

import (
	"fmt"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

// netReach is read from the probes' own transport errors: any answer (or
// any established connection) proves the base URL is reachable.
func (r *apiRun) netReach() Result {
	res := r.reach()
	if res.Status != Fail && openai.IsOpenAIHost(r.base.Hostname()) && r.base.Path != "/v1" {
		path := r.base.Path
		if path == "" {
			path = "empty"
		}
		res = res.WithWarning(CodeBaseURLPath,
			fmt.Sprintf("the base URL's path on %s is %s, but OpenAI's API lives under /v1: SDKs would call the wrong URLs", r.base.Hostname(), probe.Sanitize(path)),
			fixes[CodeBaseURLPath].Fill("host", r.base.Hostname()).Do)
	}
	if r.base.insecure && res.Status == Pass {
		res = res.WithWarning(CodeInsecureBaseURL,
			"the key went to "+r.base.Host+" over plain http (--insecure-http): anyone on the network path could read it",
			fixFor(CodeInsecureBaseURL, "allowed").Do)
	}
	return res
}

// reach is net.reach before the plain-http warning.
func (r *apiRun) reach() Result {
	host := r.base.Host
	via := ""
	if r.proxy != nil {
		via = " via proxy " + r.proxy.Host
	}
	for _, p := range r.answered() {
		if p.Status == 0 {
			continue
		}
		if r.proxyAnswered(p) {
			f := probe.ProxyAnswerFailure(r.proxy.Host, host, p.Status, p.Verdict.Message)
			return Result{ID: NetReach, Status: Fail, Code: Code(f.Code), Summary: f.Summary, Fix: f.Fix, Duration: p.Elapsed}
		}
		what := "HTTP"
		if v := probe.TLSVersionName(p.TLSVersion); v != "" {
			what = v + ", HTTP"
		}
		return Result{ID: NetReach, Status: Pass, Duration: p.Elapsed,
			Summary: fmt.Sprintf("reached %s%s (%s %d in %s)", host, via, what, p.Status, probe.Round(p.Elapsed))}
	}
	if ps := r.answered(); len(ps) > 0 {
		return Result{ID: NetReach, Status: Pass, Duration: ps[0].Elapsed,
			Summary: fmt.Sprintf("connected to %s%s (no answer yet; see api.auth)", host, via)}
	}
	p := r.probe(probe.List)
	if p == nil || p.Err == nil {
		return Skipped(NetReach, "", "skipped: no request was made")
	}
	return r.transportResult(NetReach, p)
}

// reachFailed reports whether net.reach failed, so the API checks skip.
func (r *apiRun) reachFailed() bool {
	return r.baseFailure != nil || r.result(NetReach).Status == Fail
}

// proxyAnswered reports whether the proxy wrote p's answer itself: a 407
// is always the proxy's, and over plain http (no tunnel) so is an error
// page that is not the API's JSON.
func (r *apiRun) proxyAnswered(p *probe.Named) bool {
	if r.proxy == nil {
		return false
	}
	return p.Status == 407 || r.base.Scheme == "http" && p.Status >= 500 && !p.Verdict.JSON
}
