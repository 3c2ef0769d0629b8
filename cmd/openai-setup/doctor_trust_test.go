package main

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// A base URL's password, query values and fragment never reach any output:
// the report header, the sources table, net.reach and JSON base_url all
// show the masked form.
func TestDoctorMasksTheBaseURL(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	host := strings.TrimPrefix(strings.TrimSuffix(srv.URL(), "/v1"), "http://")
	raw := "http://gwuser:hunter2@" + host + "/v1?api_key=s3cret#frag"
	want := "http://gwuser:***@" + host + "/v1?api_key=***"
	env := []string{"OPENAI_API_KEY=" + fakeapi.Key("ok"), "OPENAI_BASE_URL=" + raw}

	tr := newTestRun(t, env...)
	rep, _ := runDoctorJSON(t, tr, "--check", "api.auth")
	if rep.BaseURL != want {
		t.Errorf("JSON base_url = %q, want %q", rep.BaseURL, want)
	}
	tr2 := newTestRun(t, env...)
	tr2.run(t, "doctor", "--verbose")
	for name, out := range map[string]string{"json": tr.out.String() + tr.err.String(), "text": tr2.out.String() + tr2.err.String()} {
		for _, secret := range []string{"hunter2", "s3cret", "frag"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output shows %q:\n%s", name, secret, out)
			}
		}
	}
	if n := strings.Count(tr2.out.String(), want); n < 2 {
		t.Errorf("text output shows the masked base URL %d times, want the header and the sources table:\n%s", n, tr2.out.String())
	}
}

// An Azure OpenAI key is reported as one (key.kind azure, key.format
// azure_key), and beside an Azure endpoint nothing is sent.
func TestDoctorAzure(t *testing.T) {
	const azureKey = "0123456789abcdef0123456789abcdef"
	tr := newTestRun(t, "OPENAI_API_KEY="+azureKey, "OPENAI_BASE_URL=https://myres.openai.azure.com/openai")
	rep, _ := runDoctorJSON(t, tr)
	if rep.Key == nil || rep.Key.Kind != "azure" {
		t.Errorf("key = %+v, want kind azure", rep.Key)
	}
	if c := checkByID(rep, "key.format"); c.Code != "azure_key" {
		t.Errorf("key.format = %s/%s, want azure_key", c.Status, c.Code)
	}
	if c := checkByID(rep, "net.reach"); c.Status != "warn" || c.Code != "azure_endpoint" {
		t.Errorf("net.reach = %s/%s, want warn/azure_endpoint", c.Status, c.Code)
	}
	if c := checkByID(rep, "api.auth"); c.Status != "skip" || !strings.Contains(c.Summary, "Azure endpoints are not checked") {
		t.Errorf("api.auth = %s %q", c.Status, c.Summary)
	}
	if strings.Contains(tr.out.String(), azureKey) {
		t.Error("the Azure key is in the output")
	}
}
