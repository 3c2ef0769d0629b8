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
