package keyowner

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestKeyOwnerAdminFailures: every way the Admin API can turn doctor away
// becomes a warning with its own code, never the key in the text.
func TestKeyOwnerAdminFailures(t *testing.T) {
	admin := apikey.New(fakeapi.AdminKey("admin"))
	tests := []struct {
		name    string
		status  int
		body    string
		base    string // overrides the server's URL
		want    checks.Status
		code    checks.Code
		summary string
	}{
		{name: "missing read scope", status: 401, body: `{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.management.read.","type":"invalid_request_error"}}`,
			want: checks.Warn, code: checks.CodeNeedsAdminKey, summary: "may not read the organization's keys (401 Missing scopes: api.management.read)"},
		{name: "html page", status: 502, body: "<html>bad gateway</html>", want: checks.Warn, code: checks.CodeAdminError, summary: "did not answer like the OpenAI Admin API"},
		{name: "other API error", status: 500, body: `{"error":{"message":"boom ` + admin.Reveal() + `","type":"server_error"}}`, want: checks.Warn, code: checks.CodeAdminError, summary: "the Admin API answered 500 server_error"},
		{name: "plain http to another host", base: "http://api.example.invalid/v1", want: checks.Skip, summary: "never sent over plain http to api.example.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			base := srv.URL + "/v1"
			if tt.base != "" {
				base = tt.base
			}
			r := New().Owner(t.Context(), checks.OwnerRequest{Key: apikey.New(fakeapi.Key("ok")), AdminKey: admin, BaseURL: base, BaseFrom: "flag",
				Trusted: true, Client: &http.Client{Timeout: 5 * time.Second}, Timeout: 5 * time.Second, Now: time.Now()})
			if r.Status != tt.want || r.Code != tt.code || !strings.Contains(r.Summary, tt.summary) {
				t.Fatalf("got %s/%s %q, want %s/%s %q", r.Status, r.Code, r.Summary, tt.want, tt.code, tt.summary)
			}
			if strings.Contains(r.Summary+r.Fix, admin.Reveal()[10:30]) {
				t.Errorf("the admin key leaks: %q", r.Summary)
			}
		})
	}
}
