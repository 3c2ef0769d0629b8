package checks

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// A new account's free allowance answers the alias but refuses the dated
// snapshot for billing: the paid call goes to the snapshot, so billing is
// not reported as working, and the summary names the model called.
func TestBillingCallsTheSnapshot(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	res := apiRunAll(t, apiTestRequest(srv, "snapshot_quota"))
	apiCheck(t, res, map[string]apiWant{APIBilling: {Fail, CodeInsufficientQuota}, APIRateLimit: apiSkip})
	if s := res[4].Summary; !strings.Contains(s, "gpt-4o-mini-2024-07-18") {
		t.Errorf("api.billing summary does not name the model called: %q", s)
	}
	if s := res[3].Summary; !strings.Contains(s, "gpt-4o-mini-2024-07-18") {
		t.Errorf("api.model summary does not name the model called: %q", s)
	}
	if n := srv.PaidCalls(); n != 1 {
		t.Errorf("%d paid calls, want 1", n)
	}
}
