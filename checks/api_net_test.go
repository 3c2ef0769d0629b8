package checks

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// apiNetSkips is what every API check shows when net.reach failed.
func apiNetSkips(code Code) map[string]apiWant {
	return map[string]apiWant{NetReach: {Fail, code}, APIAuth: apiSkip, APIPermissions: apiSkip, APIModel: apiSkip, APIBilling: apiSkip, APIRateLimit: apiSkip}
}

// apiClosedPort returns a loopback address nothing listens on.
func apiClosedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// apiCountingTransport records whether anything was sent at all.
type apiCountingTransport struct{ n atomic.Int32 }

func (c *apiCountingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	c.n.Add(1)
	return nil, errors.New("must not be called")
}

func TestRunAPIBadBaseURLSendsNothing(t *testing.T) {
	tests := []struct {
		base string
		code Code
	}{
		{"", "bad_base_url"},
		{"::not a url", "bad_base_url"},
		{"api.openai.com/v1", "bad_base_url"},
		{"ftp://api.openai.com/v1", "bad_base_url"},
		{"https://user:secret@api.openai.com/v1", "bad_base_url"},
		{"http://api.openai.com/v1", "insecure_base_url"},
		{"http://10.0.0.5:8080/v1", "insecure_base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			rt := &apiCountingTransport{}
			req := APIRequest{BaseURL: tt.base, Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: rt}}
			res := apiRunAll(t, req)
			apiCheck(t, res, apiNetSkips(tt.code))
			if rt.n.Load() != 0 {
				t.Errorf("%d requests were sent", rt.n.Load())
			}
			if strings.Contains(res[0].Summary, "secret") {
				t.Errorf("summary shows the URL's password: %q", res[0].Summary)
			}
		})
	}
}

func TestRunAPILoopbackHTTPIsAllowed(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.BaseURL = strings.Replace(srv.URL(), "127.0.0.1", "localhost", 1)
	res := apiRunAll(t, req)
	if res[0].Status != Pass {
		t.Errorf("http://localhost: %+v", res[0])
	}
}

func TestRunAPIConnectRefused(t *testing.T) {
	req := APIRequest{BaseURL: "http://" + apiClosedPort(t) + "/v1", Key: apikey.New(fakeapi.Key("ok")), Client: apiTestClient()}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("connect"))
	if !strings.Contains(res[0].Summary, "refused") {
		t.Errorf("summary %q", res[0].Summary)
	}
}

func TestRunAPIUntrustedCertificate(t *testing.T) {
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the request reached the handler through an untrusted certificate")
	}))
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	ts.StartTLS()
	defer ts.Close()
	req := APIRequest{BaseURL: ts.URL + "/v1", Key: apikey.New(fakeapi.Key("ok")), Client: apiTestClient()}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("tls"))
	if !strings.Contains(res[0].Fix, "SSL_CERT_FILE") || !strings.Contains(res[0].Summary, "unknown authority") {
		t.Errorf("tls result %+v", res[0])
	}
}

func TestRunAPIHTTPSToPlainServer(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	req := apiTestRequest(srv, "ok")
	req.BaseURL = strings.Replace(srv.URL(), "http://", "https://", 1)
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("tls"))
	if !strings.Contains(res[0].Summary, "plain HTTP") {
		t.Errorf("summary %q", res[0].Summary)
	}
}

func TestRunAPIProxyDown(t *testing.T) {
	proxy, _ := url.Parse("http://user:hunter2@" + apiClosedPort(t))
	tr := &http.Transport{Proxy: http.ProxyURL(proxy)}
	req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("proxy"))
	if strings.Contains(res[0].Summary+res[0].Fix, "hunter2") {
		t.Errorf("proxy password shown: %q", res[0].Summary)
	}
	if !strings.Contains(res[0].Fix, "HTTPS_PROXY") {
		t.Errorf("fix %q", res[0].Fix)
	}
}

func TestRunAPIProxyRefusesConnect(t *testing.T) {
	proxySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			t.Errorf("proxy got %s, want CONNECT", r.Method)
		}
		if r.Header.Get("Authorization") != "" {
			t.Errorf("the key was sent to the proxy in clear")
		}
		http.Error(w, "blocked by policy", http.StatusForbidden)
	}))
	defer proxySrv.Close()
	proxy, _ := url.Parse(proxySrv.URL)
	tr := &http.Transport{Proxy: http.ProxyURL(proxy)}
	req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("proxy"))
	if !strings.Contains(res[0].Summary, "Forbidden") {
		t.Errorf("summary %q", res[0].Summary)
	}
}

func TestRunAPIDNSFailure(t *testing.T) {
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "api.openai.com", IsNotFound: true}}
	}}
	req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: tr}}
	res := apiRunAll(t, req)
	apiCheck(t, res, apiNetSkips("dns"))
	if !strings.Contains(res[0].Fix, "nslookup api.openai.com") {
		t.Errorf("fix %q", res[0].Fix)
	}
}

func TestRunAPIConnectTimeout(t *testing.T) {
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		<-ctx.Done() // a black-holed SYN: nothing comes back
		return nil, ctx.Err()
	}}
	req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: tr}}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	res := RunAPI(ctx, req, func(string) bool { return true })
	apiCheck(t, res, apiNetSkips("timeout"))
	if !strings.Contains(res[0].Summary, "no connection") {
		t.Errorf("summary %q", res[0].Summary)
	}
}

func TestRedirectNeverCarriesTheKey(t *testing.T) {
	// The other host is the same IP on another port: Go's own redirect
	// rule would forward Authorization there, so this proves ours.
	srv := fakeapi.New()
	defer srv.Close()
	res := apiRunAll(t, apiTestRequest(srv, "redirect_other_host"))
	if n, auth := srv.OtherHost(); n != 0 || auth != 0 {
		t.Fatalf("other host got %d requests (%d with Authorization)", n, auth)
	}
	auth := apiByID(t, res, APIAuth)
	if auth.Code != "unexpected_response" || !strings.HasPrefix(auth.RequestID, "req_") {
		t.Errorf("auth = %+v", auth)
	}

	// Even a caller's own CheckRedirect that allows everything is wrapped.
	req := apiTestRequest(srv, "redirect_other_host")
	req.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return nil }
	apiRunAll(t, req)
	if n, _ := srv.OtherHost(); n != 0 {
		t.Fatalf("a permissive CheckRedirect let %d requests through", n)
	}
}

func TestRedirectSameOriginIsFollowed(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/old/") {
			http.Redirect(w, r, "/v1/"+strings.TrimPrefix(r.URL.Path, "/old/"), http.StatusTemporaryRedirect)
			return
		}
		// Proxy to the fake API, as a same-origin gateway would.
		out, _ := http.NewRequestWithContext(r.Context(), r.Method, strings.TrimSuffix(srv.URL(), "/v1")+r.URL.Path, r.Body)
		out.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	defer front.Close()
	req := apiTestRequest(srv, "ok")
	req.BaseURL = front.URL + "/old"
	apiCheck(t, apiRunAll(t, req), nil)
}

func TestCheckAuthNetworkFailureIsNotABadKey(t *testing.T) {
	req := APIRequest{BaseURL: "http://" + apiClosedPort(t) + "/v1", Key: apikey.New(fakeapi.Key("ok")), Client: apiTestClient()}
	r := CheckAuth(t.Context(), req)
	if r.ID != APIAuth || r.Status != Fail || r.Code != "connect" {
		t.Errorf("CheckAuth on a closed port = %+v, want fail/connect", r)
	}
}
