package fakeapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

const (
	msgLifetimePolicy = "Your organization's API key lifetime policy requires an expiration: set 'expires_in_seconds'."
	msgAdminRead      = "You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization (Reader, Writer, Owner), and if you're using a restricted API key, that it has the necessary scopes."
	msgAdminWrite     = "You have insufficient permissions for this operation. Missing scopes: api.management.write. Check that you have the correct role in your organization (Reader, Writer, Owner), and if you're using a restricted API key, that it has the necessary scopes."
)

// isAdminPath reports whether path is an Admin API endpoint.
func isAdminPath(path string) bool {
	return path == "/v1/organization" || strings.HasPrefix(path, "/v1/organization/")
}

// serviceAccountLive reports whether key is a service-account key the fake
// handed out and has not deleted: such keys work like Key("ok").
func (s *Server) serviceAccountLive(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.admin.liveKeys[key] {
		return false
	}
	if s.admin.warming[key] > 0 { // WithAccountKeyWarmup: not accepted yet
		s.admin.warming[key]--
		return false
	}
	return true
}

// serveAdmin answers /v1/organization/*: admin keys only (a project or
// service-account key gets 401 Missing scopes, as on the real API).
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, key string, hasAuth bool, body []byte) {
	if !hasAuth {
		writeAnswer(w, apiError(401, msgMissingKey, "invalid_request_error", nil, nil))
		return
	}
	scenario, ok := decodeAdminKey(key)
	if !ok {
		if _, project := decodeKey(key); project || s.serviceAccountLive(key) {
			writeAnswer(w, apiError(401, msgAdminRead, "invalid_request_error", nil, nil))
			return
		}
		writeAnswer(w, invalidKey(key))
		return
	}
	if scenario == "admin_read_only" && r.Method != http.MethodGet {
		writeAnswer(w, apiError(401, msgAdminWrite, "invalid_request_error", nil, nil))
		return
	}
	s.mu.Lock()
	a, failed := s.admin.failure(r)
	if !failed {
		a = s.adminRoute(r, scenario, body)
	}
	s.mu.Unlock()
	commonHeaders(w, false)
	writeAnswer(w, a)
}

// adminRoute answers one admin call; s.mu is held.
func (s *Server) adminRoute(r *http.Request, scenario string, body []byte) answer {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/v1/organization"), "/"), "/")
	if a, ok := s.usageRoute(r, scenario); ok {
		return a
	}
	get, post, del := r.Method == http.MethodGet, r.Method == http.MethodPost, r.Method == http.MethodDelete
	if len(parts) == 0 || parts[0] != "projects" {
		return notFoundURL(r)
	}
	if len(parts) == 1 {
		switch {
		case get:
			return s.listProjects(r)
		case post:
			var req struct{ Name string }
			if json.Unmarshal(body, &req) != nil || strings.TrimSpace(req.Name) == "" {
				return apiError(400, "Missing required parameter: 'name'.", "invalid_request_error", "missing_required_parameter", "name")
			}
			return jsonAnswer(s.admin.addProject(req.Name).json())
		}
		return notFoundURL(r)
	}
	p := s.admin.project(parts[1])
	if p == nil {
		return apiError(404, "No such project: "+parts[1], "invalid_request_error", nil, nil)
	}
	rest := parts[2:]
	switch {
	case len(rest) == 0 && get:
		return jsonAnswer(p.json())
	case len(rest) == 1 && rest[0] == "api_keys" && get:
		items := make([]map[string]any, len(p.keys))
		for i, k := range p.keys {
			items[i] = k.json()
		}
		return listPage(r, items)
	case len(rest) == 2 && rest[0] == "api_keys" && del:
		return s.deleteKey(p, rest[1])
	case len(rest) == 1 && rest[0] == "service_accounts" && get:
		items := make([]map[string]any, len(p.accounts))
		for i, acc := range p.accounts {
			items[i] = acc.json()
		}
		return listPage(r, items)
	case len(rest) == 1 && rest[0] == "service_accounts" && post:
		return s.createAccount(p, body, scenario)
	case len(rest) == 2 && rest[0] == "service_accounts" && del:
		return s.deleteAccount(p, rest[1])
	case len(rest) == 1 && rest[0] == "spend_limit" && get:
		if scenario == "admin_no_guardrails" || p.spendLimit == nil {
			return notFoundURL(r)
		}
		return jsonAnswer(p.spendLimit)
	case len(rest) == 1 && (rest[0] == "spend_limit" || rest[0] == "spend_alerts") && post:
		if scenario == "admin_no_guardrails" {
			return notFoundURL(r)
		}
		var req map[string]any
		if json.Unmarshal(body, &req) != nil || req["threshold_amount"] == nil {
			return apiError(400, "Missing required parameter: 'threshold_amount'.", "invalid_request_error", "missing_required_parameter", "threshold_amount")
		}
		req["object"] = "project." + strings.TrimSuffix(rest[0], "s")
		if rest[0] == "spend_limit" {
			p.spendLimit = req // read back by GET
		}
		return jsonAnswer(req)
	}
	return notFoundURL(r)
}

func (s *Server) createAccount(p *fakeProject, body []byte, scenario string) answer {
	var req struct {
		Name      string `json:"name"`
		ExpiresIn *int64 `json:"expires_in_seconds"`
	}
	if json.Unmarshal(body, &req) != nil || strings.TrimSpace(req.Name) == "" {
		return apiError(400, "Missing required parameter: 'name'.", "invalid_request_error", "missing_required_parameter", "name")
	}
	if req.ExpiresIn == nil && scenario == "admin_key_lifetime" {
		return apiError(400, msgLifetimePolicy, "invalid_request_error", "missing_required_parameter", "expires_in_seconds")
	}
	if req.ExpiresIn != nil && (*req.ExpiresIn < 1 || *req.ExpiresIn > 31536000) {
		return apiError(400, "Invalid 'expires_in_seconds': must be between 1 and 31536000.", "invalid_request_error", "invalid_value", "expires_in_seconds")
	}
	acc := s.admin.addAccount(p, req.Name)
	out := acc.json()
	out["api_key"] = map[string]any{"object": "organization.project.service_account.api_key", "id": acc.key.id,
		"name": acc.key.name, "created_at": acc.key.created, "value": acc.key.secret}
	return jsonAnswer(out)
}

func (s *Server) deleteAccount(p *fakeProject, id string) answer {
	i := slices.IndexFunc(p.accounts, func(a *fakeAccount) bool { return a.id == id })
	if i < 0 {
		return apiError(404, "No such service account: "+id, "invalid_request_error", nil, nil)
	}
	acc := p.accounts[i]
	p.accounts = slices.Delete(p.accounts, i, i+1)
	p.keys = slices.DeleteFunc(p.keys, func(k *fakeKey) bool { return k == acc.key })
	p.gone = append(p.gone, acc.key)
	delete(s.admin.liveKeys, acc.key.secret)
	return jsonAnswer(map[string]any{"object": "organization.project.service_account.deleted", "id": id, "deleted": true})
}

func (s *Server) deleteKey(p *fakeProject, id string) answer {
	i := slices.IndexFunc(p.keys, func(k *fakeKey) bool { return k.id == id })
	if i < 0 {
		return apiError(404, "No such API key: "+id, "invalid_request_error", nil, nil)
	}
	if p.keys[i].account != nil {
		return apiError(400, "Cannot delete a service account's API key; delete the service account instead.", "invalid_request_error", nil, nil)
	}
	s.revoked[p.keys[i].secret] = true
	p.gone = append(p.gone, p.keys[i])
	p.keys = slices.Delete(p.keys, i, i+1)
	return jsonAnswer(map[string]any{"object": "organization.project.api_key.deleted", "id": id, "deleted": true})
}

func (s *Server) listProjects(r *http.Request) answer {
	all := r.URL.Query().Get("include_archived") == "true"
	var items []map[string]any
	for _, p := range s.admin.projects {
		if all || !p.archived {
			items = append(items, p.json())
		}
	}
	return listPage(r, items)
}

// listPage answers one page of items the way the Admin API pages: limit
// (1–100, default 20), after=<id>, first_id/last_id/has_more.
func listPage(r *http.Request, items []map[string]any) answer {
	q := r.URL.Query()
	limit := 20
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return apiError(400, "Invalid 'limit': integer between 1 and 100 expected.", "invalid_request_error", "invalid_value", "limit")
		}
		limit = n
	}
	start := 0
	if after := q.Get("after"); after != "" {
		i := slices.IndexFunc(items, func(m map[string]any) bool { return m["id"] == after })
		if i < 0 {
			return apiError(400, "Invalid 'after': no object with id "+after+".", "invalid_request_error", "invalid_value", "after")
		}
		start = i + 1
	}
	end := min(start+limit, len(items))
	page := items[start:end]
	if page == nil {
		page = []map[string]any{}
	}
	var first, last any
	if len(page) > 0 {
		first, last = page[0]["id"], page[len(page)-1]["id"]
	}
	return jsonAnswer(map[string]any{"object": "list", "data": page, "first_id": first, "last_id": last, "has_more": end < len(items)})
}

func jsonAnswer(v any) answer {
	b, _ := json.Marshal(v)
	return answer{status: 200, body: string(b)}
}

func notFoundURL(r *http.Request) answer {
	return apiError(404, "Invalid URL ("+r.Method+" "+r.URL.Path+")", "invalid_request_error", nil, nil)
}
