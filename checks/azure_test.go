package checks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestAzure(t *testing.T) {
	const azureKey = "0123456789abcdef0123456789abcdef"
	const endpoint = "https://myres.openai.azure.com/openai?api-version=2024-10-21"
	tests := []struct {
		name    string
		environ []string
		format  apiWant
		reach   apiWant
		says    string // in the key.format or net.reach text
	}{
		{"azure key and endpoint", []string{"OPENAI_API_KEY=" + azureKey, "OPENAI_BASE_URL=" + endpoint},
			apiWant{Warn, CodeAzureKey}, apiWant{Warn, CodeAzureEndpoint}, "Azure endpoints are not checked"},
		{"azure key for OpenAI", []string{"OPENAI_API_KEY=" + azureKey},
			apiWant{Fail, CodeAzureKey}, apiSkip, "AZURE_OPENAI_API_KEY"},
		{"OpenAI key, azure endpoint", []string{"OPENAI_API_KEY=" + fakeapi.Key("ok"), "OPENAI_BASE_URL=" + endpoint},
			apiPass, apiWant{Warn, CodeAzureEndpoint}, "api-version=***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := &apiCountingTransport{}
			rep := Run(t.Context(), Options{Discover: discover.Options{Dir: t.TempDir(), Environ: tt.environ},
				Only: []string{KeyFormat, APIAuth, APIBilling}, Client: &http.Client{Transport: rt}})
			got := map[string]Result{}
			text := ""
			for _, r := range rep.Results {
				got[r.ID] = r
				text += r.Summary + " " + r.Fix + "\n"
			}
			for id, w := range map[string]apiWant{KeyFormat: tt.format, NetReach: tt.reach} {
				if r := got[id]; r.Status != w.status || r.Code != w.code {
					t.Errorf("%s = %s/%s, want %s/%s: %s", id, r.Status, r.Code, w.status, w.code, r.Summary)
				}
			}
			for _, id := range []string{APIAuth, APIBilling} {
				if got[id].Status != Skip {
					t.Errorf("%s = %s, want skip", id, got[id].Status)
				}
			}
			if !strings.Contains(text, tt.says) {
				t.Errorf("no %q in:\n%s", tt.says, text)
			}
			if strings.Contains(text, azureKey) {
				t.Errorf("the Azure key is shown:\n%s", text)
			}
			if n := rt.n.Load(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}
