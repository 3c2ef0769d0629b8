package checks

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestNewestSnapshot(t *testing.T) {
	ids := []string{"gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-2024-11-20", "gpt-4o-2024-08-06", "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
		"gpt-4o-mini-realtime-preview-2024-12-17", "gpt-4o-mini-2024-07-18-ft", "gpt-5"}
	tests := map[string]string{
		"gpt-4o":                 "gpt-4o-2024-11-20",
		"gpt-4o-mini":            "gpt-4o-mini-2024-07-18",
		"gpt-5":                  "gpt-5", // no snapshot listed
		"gpt-4o-mini-2024-07-18": "gpt-4o-mini-2024-07-18",
		"o4-mini":                "o4-mini", // not listed at all
	}
	for model, want := range tests {
		if got := newestSnapshot(model, ids); got != want {
			t.Errorf("newestSnapshot(%q) = %q, want %q", model, got, want)
		}
	}
	if got := newestSnapshot("gpt-4o", nil); got != "gpt-4o" {
		t.Errorf("with no list: %q", got)
	}
}

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
