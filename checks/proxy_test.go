package checks

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// rawProxy answers every CONNECT with reply, byte for byte.
func rawProxy(t *testing.T, reply string) *url.URL {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				br := bufio.NewReader(c)
				if _, err := http.ReadRequest(br); err != nil {
					return
				}
				_, _ = c.Write([]byte(reply))
			}()
		}
	}()
	u, _ := url.Parse("http://" + l.Addr().String())
	return u
}

// A proxy's own failure is named as the proxy's: not OpenAI's, not the
// key's, not the internet connection's.
func TestProxyOwnErrorsNameTheProxy(t *testing.T) {
	tests := []struct {
		name, reply string
		has         string // in summary or fix
	}{
		{"407", "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n", "user name and password"},
		{"502", "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", "Bad Gateway"},
		{"malformed header", "HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n", "proxy"},
		{"oversized header", "HTTP/1.1 200 OK\r\nX-Pad: " + strings.Repeat("a", 8<<10) + "\r\n\r\n", "proxy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proxy := rawProxy(t, tt.reply)
			tr := &http.Transport{Proxy: http.ProxyURL(proxy), MaxResponseHeaderBytes: 4 << 10}
			req := APIRequest{BaseURL: "https://api.openai.com/v1", Key: apikey.New(fakeapi.Key("ok")), Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
			res := apiRunAll(t, req)
			apiCheck(t, res, apiNetSkips(CodeProxy))
			r := res[0]
			text := r.Summary + " " + r.Fix
			if !strings.Contains(r.Summary, "proxy "+proxy.Host) {
				t.Errorf("summary does not name the proxy %s: %q", proxy.Host, r.Summary)
			}
			if !strings.Contains(text, tt.has) {
				t.Errorf("summary and fix lack %q: %q", tt.has, text)
			}
			for _, bad := range []string{"internet connection", "OpenAI's side", "status.openai.com", "your key"} {
				if strings.Contains(text, bad) {
					t.Errorf("blames something else (%q): %q", bad, text)
				}
			}
		})
	}
}

// Over plain http the proxy answers in place of the server: its 502 page
// or its 407 is the proxy's, not a server error at OpenAI.
func TestProxyHTTPAnswerIsTheProxys(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusProxyAuthRequired} {
		proxySrv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = w.Write([]byte("<html><title>proxy error</title></html>"))
		})
		proxy, _ := url.Parse(proxySrv)
		tr := &http.Transport{Proxy: http.ProxyURL(proxy)}
		req := APIRequest{BaseURL: "http://gateway.internal:8080/v1", InsecureHTTP: true, Key: apikey.New(fakeapi.Key("ok")),
			Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
		res := apiRunAll(t, req)
		apiCheck(t, res, apiNetSkips(CodeProxy))
		if !strings.Contains(res[0].Summary, "proxy "+proxy.Host) || strings.Contains(res[0].Summary+res[0].Fix, "OpenAI's side") {
			t.Errorf("HTTP %d: %q / %q", status, res[0].Summary, res[0].Fix)
		}
	}
}

func httptestServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// rotate polls CheckAuth: a proxy's own answer is reported as the proxy's.
func TestCheckAuthProxyAnswer(t *testing.T) {
	proxySrv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusProxyAuthRequired)
	})
	proxy, _ := url.Parse(proxySrv)
	req := APIRequest{BaseURL: "http://gateway.internal:8080/v1", InsecureHTTP: true, Key: apikey.New(fakeapi.Key("ok")),
		Client: &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}, Timeout: 5 * time.Second}}
	r := CheckAuth(t.Context(), req)
	if r.ID != APIAuth || r.Status != Fail || r.Code != CodeProxy {
		t.Errorf("CheckAuth through a proxy asking for credentials = %+v", r)
	}
}
