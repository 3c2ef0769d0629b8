package fakeapi

import (
	"encoding/json"
	"testing"
)

// The knobs provision's tests use: a new key that is not accepted at
// first, a write that fails, a key-lifetime policy.
func TestAdminKnobs(t *testing.T) {
	srv := New(WithAccountKeyWarmup(2), WithAdminFailure("/spend_limit", 503))
	defer srv.Close()
	admin := AdminKey("admin")
	base := "/organization/projects/" + ProjectID
	r := call(t, srv, "POST", base+"/service_accounts", admin, `{"name":"app"}`, nil)
	var sa struct {
		APIKey struct{ Value string } `json:"api_key"`
	}
	if err := json.Unmarshal([]byte(r.body), &sa); err != nil || sa.APIKey.Value == "" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var got []int
	for range 3 {
		got = append(got, call(t, srv, "GET", "/models", sa.APIKey.Value, "", nil).status)
	}
	if got[0] != 401 || got[1] != 401 || got[2] != 200 {
		t.Errorf("warm-up 2: /models answered %v, want 401 401 200", got)
	}
	if s := call(t, srv, "POST", base+"/spend_limit", admin, `{"threshold_amount":100}`, nil).status; s != 503 {
		t.Errorf("failing spend_limit: %d, want 503", s)
	}
	if s := call(t, srv, "GET", "/organization/projects", admin, "", nil).status; s != 200 {
		t.Errorf("a GET was failed too: %d", s)
	}

	lifetime := AdminKey("admin_key_lifetime")
	if r := call(t, srv, "POST", base+"/service_accounts", lifetime, `{"name":"x"}`, nil); r.status != 400 || r.errObj.Code == nil || *r.errObj.Code != "missing_required_parameter" {
		t.Errorf("key-lifetime policy without expiry: %d %s", r.status, r.body)
	}
	if s := call(t, srv, "POST", base+"/service_accounts", lifetime, `{"name":"x","expires_in_seconds":86400}`, nil).status; s != 200 {
		t.Errorf("key-lifetime policy with expiry: %d", s)
	}
}
