package tui

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/checks"
)

// A skip after a failed check says that failure's cause, from its code.
func TestResultWordsFromCode(t *testing.T) {
	skip := checks.Result{ID: checks.APIModel, Status: checks.Skip, Summary: "skipped: api.auth failed"}
	netSkip := checks.Result{ID: checks.APIAuth, Status: checks.Skip, Summary: "skipped: net.reach failed"}
	tests := []struct {
		failed  checks.Result
		skip    checks.Result
		want    string
		notWant string
	}{
		{checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: checks.CodeInvalidAPIKey}, skip, "skipped: the key was rejected", ""},
		{checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: checks.CodeRegionalHostname}, skip, "skipped: the API recognised the key, but this is the wrong host", "rejected"},
		{checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: checks.CodeIPNotAuthorized}, skip, "allowlist", "rejected"},
		{checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: "some_new_code"}, skip, "skipped: the Authentication check failed", ""},
		{checks.Result{ID: checks.NetReach, Status: checks.Fail, Code: checks.CodeDNS}, netSkip, "skipped: the API could not be reached", ""},
		// A check that passed is no cause: only the id becomes a name.
		{checks.Result{ID: checks.APIAuth, Status: checks.Pass}, skip, "skipped: the Authentication check failed", ""},
	}
	for _, tt := range tests {
		got := resultWords(tt.skip, []checks.Result{tt.failed, tt.skip})
		if !strings.Contains(got, tt.want) || tt.notWant != "" && strings.Contains(got, tt.notWant) {
			t.Errorf("%s: resultWords = %q, want %q", tt.failed.Code, got, tt.want)
		}
	}
}

// regional_hostname is a cause plain enter saves past; invalid_api_key and
// unknown codes are not.
func TestKeyRejectedByCode(t *testing.T) {
	for code, want := range map[checks.Code]bool{
		checks.CodeRegionalHostname: false, checks.CodeInsufficientQuota: false, checks.CodeDNS: false,
		checks.CodeInvalidAPIKey: true, checks.CodeIPNotAuthorized: true, "some_new_code": true,
	} {
		if got := keyRejectedIn([]checks.Result{{ID: checks.APIAuth, Status: checks.Fail, Code: code}}); got != want {
			t.Errorf("keyRejectedIn(%s) = %v, want %v", code, got, want)
		}
	}
}

func TestOutsideSentence(t *testing.T) {
	tests := []struct {
		codes []checks.Code
		want  string
	}{
		{[]checks.Code{checks.CodeInsufficientQuota}, "The API accepted the key itself; the failure is outside it: no credit left"},
		{[]checks.Code{checks.CodeRegionalHostname}, "The failure is outside the key: the API recognised the key, but this is the wrong host"},
		{[]checks.Code{checks.CodeInsufficientQuota, checks.CodeDNS}, "The key itself was not judged: no credit left to spend (insufficient_quota); the API could not be reached."},
	}
	for _, tt := range tests {
		var fails []checks.Result
		for _, c := range tt.codes {
			fails = append(fails, checks.Result{ID: checks.APIAuth, Status: checks.Fail, Code: c})
		}
		if got := outsideSentence(fails); !strings.HasPrefix(got, tt.want) && !strings.Contains(got, tt.want) {
			t.Errorf("%v: %q, want %q", tt.codes, got, tt.want)
		}
	}
}
