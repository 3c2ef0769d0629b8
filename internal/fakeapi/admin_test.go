package fakeapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestAdminKeysAreWellFormedAndDecode(t *testing.T) {
	for _, sc := range AdminScenarios() {
		k := AdminKey(sc)
		if apikey.KindOf(k) != apikey.KindAdmin || len(k) != 133 || k[67:75] != apikey.Marker {
			t.Errorf("AdminKey(%q) is not laid out as an admin key (%d characters)", sc, len(k))
		}
		if got, ok := decodeAdminKey(k); !ok || got != sc {
			t.Errorf("decodeAdminKey(AdminKey(%q)) = %q, %v", sc, got, ok)
		}
		if _, ok := decodeAdminKey(k[:len(k)-1] + flip(k[len(k)-1])); ok {
			t.Errorf("a tampered admin key for %q decodes", sc)
		}
	}
	if v := apikey.Validate(serviceAccountKey(3)); v.Kind != apikey.KindServiceAccount || v.Severity != apikey.OK {
		t.Errorf("serviceAccountKey: Validate = %+v", v)
	}
}

// TestAdminAnswers: who may call /organization/* and what each scenario answers.
func TestAdminAnswers(t *testing.T) {
	srv := New()
	defer srv.Close()
	cases := []struct {
		name, method, path, key, body string
		status                        int
		want                          string // in the body
	}{
		{"admin lists projects", "GET", "/organization/projects", AdminKey("admin"), "", 200, `"name":"Default project"`},
		{"archived left out", "GET", "/organization/projects", AdminKey("admin"), "", 200, `"has_more":false`},
		{"no key", "GET", "/organization/projects", "", "", 401, "You didn't provide an API key"},
		{"project key", "GET", "/organization/projects", Key("ok"), "", 401, "Missing scopes: api.management.read"},
		{"unknown admin key", "GET", "/organization/projects", "sk-admin-" + strings.Repeat("x", 124), "", 401, "invalid_api_key"},
		{"admin key on models", "GET", "/models", AdminKey("admin"), "", 401, "invalid_api_key"},
		{"read-only reads", "GET", "/organization/projects/" + ProjectID + "/api_keys", AdminKey("admin_read_only"), "", 200, `"redacted_value"`},
		{"read-only writes", "POST", "/organization/projects", AdminKey("admin_read_only"), `{"name":"x"}`, 401, "Missing scopes: api.management.write"},
		{"limit out of range", "GET", "/organization/projects?limit=101", AdminKey("admin"), "", 400, "Invalid 'limit'"},
		{"unknown project", "GET", "/organization/projects/proj_nope/api_keys", AdminKey("admin"), "", 404, "No such project"},
		{"spend limit", "POST", "/organization/projects/" + ProjectID + "/spend_limit", AdminKey("admin"), `{"threshold_amount":2000}`, 200, `"project.spend_limit"`},
		{"spend limit read back", "GET", "/organization/projects/" + ProjectID + "/spend_limit", AdminKey("admin"), "", 200, `"threshold_amount":2000`},
		{"no guard-rails read", "GET", "/organization/projects/" + ProjectID + "/spend_limit", AdminKey("admin_no_guardrails"), "", 404, "Invalid URL"},
		{"no guard-rails", "POST", "/organization/projects/" + ProjectID + "/spend_limit", AdminKey("admin_no_guardrails"), `{"threshold_amount":2000}`, 404, "Invalid URL"},
		{"no guard-rails alert", "POST", "/organization/projects/" + ProjectID + "/spend_alerts", AdminKey("admin_no_guardrails"), `{"threshold_amount":2000}`, 404, "Invalid URL"},
		{"create without name", "POST", "/organization/projects", AdminKey("admin"), `{}`, 400, "'name'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := call(t, srv, c.method, c.path, c.key, c.body, nil)
			if r.status != c.status || !strings.Contains(r.body, c.want) {
				t.Errorf("%s %s: %d %s; want %d with %q", c.method, c.path, r.status, r.body, c.status, c.want)
			}
		})
	}
}

func TestAdminPaging(t *testing.T) {
	srv := New(WithProjects(4))
	defer srv.Close()
	var ids []string
	after := ""
	for range 10 {
		path := "/organization/projects?limit=2"
		if after != "" {
			path += "&after=" + after
		}
		var page struct {
			Data []struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			}
			LastID  string `json:"last_id"`
			HasMore bool   `json:"has_more"`
		}
		r := call(t, srv, "GET", path, AdminKey("admin"), "", nil)
		if err := json.Unmarshal([]byte(r.body), &page); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		if len(page.Data) > 2 {
			t.Fatalf("limit=2 gave %d items", len(page.Data))
		}
		for _, p := range page.Data {
			ids = append(ids, p.ID)
			if p.Status != "active" {
				t.Errorf("archived project %s listed without include_archived", p.ID)
			}
		}
		if !page.HasMore {
			break
		}
		after = page.LastID
	}
	if len(ids) != 5 || ids[0] != ProjectID {
		t.Errorf("paged ids = %v, want the default project and 4 more", ids)
	}
	r := call(t, srv, "GET", "/organization/projects?include_archived=true&limit=100", AdminKey("admin"), "", nil)
	if !strings.Contains(r.body, `"status":"archived"`) {
		t.Errorf("include_archived: %s", r.body)
	}
}

// TestServiceAccountKeyLifecycle: a created service account's key works on
// the normal endpoints, is listed redacted, and answers 401 once deleted.
func TestServiceAccountKeyLifecycle(t *testing.T) {
	srv := New()
	defer srv.Close()
	admin := AdminKey("admin")
	base := "/organization/projects/" + ProjectID
	r := call(t, srv, "POST", base+"/service_accounts", admin, `{"name":"app"}`, nil)
	var sa struct {
		ID     string `json:"id"`
		APIKey struct {
			Value string `json:"value"`
		} `json:"api_key"`
	}
	if err := json.Unmarshal([]byte(r.body), &sa); err != nil || r.status != 200 || sa.APIKey.Value == "" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	key := sa.APIKey.Value
	if s := call(t, srv, "GET", "/models", key, "", nil).status; s != 200 {
		t.Errorf("new service-account key on /models: %d", s)
	}
	list := call(t, srv, "GET", base+"/api_keys?limit=100", admin, "", nil).body
	if strings.Contains(list, key) || !strings.Contains(list, key[:6]+"..."+key[len(key)-4:]) {
		t.Errorf("listing does not show the new key redacted: %s", list)
	}
	if s := call(t, srv, "DELETE", base+"/service_accounts/"+sa.ID, admin, "", nil).status; s != 200 {
		t.Errorf("delete: %d", s)
	}
	if s := call(t, srv, "GET", "/models", key, "", nil).status; s != 401 {
		t.Errorf("deleted service account's key on /models: %d, want 401", s)
	}
	if s := call(t, srv, "POST", base+"/service_accounts", admin, `{"name":"x","expires_in_seconds":0}`, nil).status; s != 400 {
		t.Errorf("expires_in_seconds 0: %d, want 400", s)
	}
}

func TestDeleteUserKeyRevokesIt(t *testing.T) {
	srv := New()
	defer srv.Close()
	base := "/organization/projects/" + ProjectID + "/api_keys/"
	if s := call(t, srv, "GET", "/models", Key("ok"), "", nil).status; s != 200 {
		t.Fatalf("before: %d", s)
	}
	if r := call(t, srv, "DELETE", base+"key_FakeUser0000000001", AdminKey("admin"), "", nil); r.status != 200 || !strings.Contains(r.body, `"deleted":true`) {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if s := call(t, srv, "GET", "/models", Key("ok"), "", nil).status; s != 401 {
		t.Errorf("deleted key on /models: %d, want 401", s)
	}
	list := call(t, srv, "GET", "/organization/projects/"+ProjectID+"/api_keys", AdminKey("admin"), "", nil).body
	if strings.Contains(list, "key_FakeUser0000000001") {
		t.Errorf("deleted key still listed: %s", list)
	}
	if !strings.Contains(list, `"type":"service_account"`) {
		t.Fatalf("no service-account key listed: %s", list)
	}
}
