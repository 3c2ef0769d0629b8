package probe

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestSendOnceWithHeadersAndALimit(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Header.Get("Authorization") != "Bearer sk-test" || r.Header.Get("OpenAI-Organization") != "org-1" ||
			r.Header.Get("OpenAI-Project") != "" || r.Header.Get("User-Agent") != UserAgent {
			t.Errorf("headers %v", r.Header)
		}
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(strings.Repeat("x", 100)))
	}))
	defer srv.Close()
	a := Send(t.Context(), srv.Client(), Request{Method: http.MethodGet, URL: srv.URL + "/v1/models", Key: apikey.New("sk-test"), Org: "org-1", Limit: 10})
	if a.Err != nil || a.Status != 500 || len(a.Body) != 10 || !a.Connected || a.Verdict.Family != FamilyServer {
		t.Errorf("answer %+v", a)
	}
	if n.Load() != 1 {
		t.Errorf("%d requests, want 1 (never retried)", n.Load())
	}
}
