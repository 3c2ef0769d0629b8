package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/probe"
)

// scopeState is what the free probes say about the key's scopes.
type apiScopeState struct {
	missing    []string
	canList    bool
	canRequest bool
	unknown    *probe.Named // the scope probe, when it could not tell
}

func (r *apiRun) scopes() apiScopeState {
	var st apiScopeState
	if p := r.probe(probe.List); p != nil && p.Err == nil {
		switch p.Verdict.Family {
		case probe.FamilyScopes:
			st.missing = append(st.missing, apiNonEmptyScopes(p.Verdict.Scopes, "api.model.read")...)
		case probe.FamilyOK:
			st.canList = true
		}
	}
	p := r.probe(probe.Scope)
	if paid := r.probe(probe.Paid); paid != nil && paid.Err == nil && paid.Verdict.Family == probe.FamilyScopes {
		p = paid
	}
	if p == nil {
		return st
	}
	if p.Err != nil {
		st.unknown = p
		return st
	}
	switch p.Verdict.Family {
	case probe.FamilyScopes:
		for _, s := range apiNonEmptyScopes(p.Verdict.Scopes, "model.request") {
			if !slices.Contains(st.missing, s) {
				st.missing = append(st.missing, s)
			}
		}
	case probe.FamilyOK, probe.FamilyBadRequest, probe.FamilyModel, probe.FamilyVerification, probe.FamilyQuota, probe.FamilyRate:
		// Scopes are checked before the body, the model and billing.
		st.canRequest = true
	default:
		st.unknown = p
	}
	return st
}

func apiNonEmptyScopes(s []string, dflt string) []string {
	if len(s) == 0 {
		return []string{dflt}
	}
	return s
}

// lacksRequest reports whether the key may not call models at all.
func (st apiScopeState) lacksRequest() bool {
	return slices.ContainsFunc(st.missing, func(s string) bool {
		return openai.ScopeToggle(s) == "Model capabilities → Request"
	})
}

func (r *apiRun) permissions() Result {
	if !r.authOK() {
		return r.skipAfterAuth(APIPermissions)
	}
	st := r.scopes()
	if len(st.missing) > 0 {
		f := apiScopesFix(st.missing)
		res := Result{ID: APIPermissions, Status: Fail, Code: CodeMissingScopes,
			Summary: "the key lacks " + apiScopeList(st.missing), Fix: f.Do, URL: f.URL}
		var what []string
		if !st.canList && slices.ContainsFunc(st.missing, func(s string) bool { return openai.ScopeToggle(s) == "Models → Read" }) {
			what = append(what, "list models")
		}
		if st.lacksRequest() {
			what = append(what, "call models")
		}
		if len(what) > 0 {
			res.Summary += ": it cannot " + strings.Join(what, " or ")
		}
		for _, name := range []string{probe.List, probe.Scope, probe.Paid} {
			if p := r.probe(name); p != nil && p.Err == nil && p.Verdict.Family == probe.FamilyScopes {
				res.RequestID = p.Verdict.RequestID
				res.Detail = append(res.Detail, r.serverSaid(p)...)
				res.Duration = max(res.Duration, p.Elapsed)
			}
		}
		return res
	}
	if st.unknown != nil {
		p := st.unknown
		if p.Err != nil {
			res := r.probeFailure(APIPermissions, p)
			if res.Status != Skip {
				res.Status = Warn
				res.Summary = "could not tell whether the key may call models: " + res.Summary
			}
			return res
		}
		res := r.apiFail(APIPermissions, Warn, p, fmt.Sprintf("could not tell whether the key may call models: the free probe got HTTP %d%s", p.Status, apiGist(p.Verdict)))
		if res.Code == "" || p.Verdict.Family == probe.FamilyAuth {
			res.Code = CodeUnexpectedResponse
		}
		if p.Verdict.Family == probe.FamilyAuth {
			res.Status = Fail
			res.Code = Code(p.Verdict.Code)
			res.Summary = "listing models works, but calling them is refused: " + r.authSummary(p.Verdict)
		}
		return res
	}
	var can []string
	if st.canList {
		can = append(can, "list models (Models → Read)")
	}
	if st.canRequest {
		can = append(can, "call them (Model capabilities → Request)")
	}
	if len(can) == 0 {
		return Skipped(APIPermissions, "", "skipped: no probe could tell")
	}
	return Result{ID: APIPermissions, Status: Pass, Summary: "the key may " + strings.Join(can, " and ") + ", found without spending"}
}
