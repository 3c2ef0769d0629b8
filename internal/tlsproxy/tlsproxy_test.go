package tlsproxy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFromErrorOnLoopback: a self-signed certificate served on 127.0.0.1
// fails verification, and the description names its issuer.
func TestFromErrorOnLoopback(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	// No trusted roots at all: the test certificate is unknown, whatever the machine trusts.
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: x509.NewCertPool()}}}
	_, err := client.Get(srv.URL)
	if err == nil {
		t.Fatal("no error from a self-signed certificate")
	}
	ua, ok := FromError(err)
	if !ok {
		t.Fatalf("FromError(%v) not recognised", err)
	}
	if !strings.Contains(ua.Issuer, "Acme Co") || ua.TopIssuer == "" {
		t.Errorf("got %+v; want the test certificate's issuer (Acme Co)", ua)
	}
}

func TestFromErrorOther(t *testing.T) {
	for _, err := range []error{errors.New("connection refused"), x509.HostnameError{}, nil} {
		if _, ok := FromError(err); ok {
			t.Errorf("FromError(%v) recognised", err)
		}
	}
}

// hostileCert is a self-signed certificate whose names hold a terminal
// escape sequence.
func hostileCert(t *testing.T) *x509.Certificate {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	name := pkix.Name{CommonName: "Proxy\x1b[2J CA", Organization: []string{`Evil\Corp`}}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: name, Issuer: name,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFromErrorEscapesNames(t *testing.T) {
	err := fmt.Errorf("Get: %w", x509.UnknownAuthorityError{Cert: hostileCert(t)})
	ua, ok := FromError(err)
	if !ok {
		t.Fatal("not recognised")
	}
	if strings.ContainsRune(ua.Issuer, 0x1b) || !strings.Contains(ua.Issuer, `Proxy\x1b[2J CA`) {
		t.Errorf("issuer %q: the escape byte must be shown escaped", ua.Issuer)
	}
	if !ua.SelfSigned {
		t.Errorf("%+v: want self-signed", ua)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CN=Zscaler Root CA", "CN=Zscaler Root CA"},
		{"a\nb\tc", `a\nb\tc`},
		{`back\slash`, `back\\slash`},
		{"Ünïcode ✓", "Ünïcode ✓"},
		{"\u202eevil", `\u202eevil`}, // a bidi override is not graphic
		{strings.Repeat("é", 150), strings.Repeat("é", 100) + "…"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFixes(t *testing.T) {
	tests := []struct {
		goos, bundle string
		wantFor      []string
		has          []string
		hasNot       []string
	}{
		{"linux", "/etc/ssl/certs/ca-certificates.crt",
			[]string{"Go and curl", "Python (requests, httpx, openai)", "Node.js", "Debian and Ubuntu (system-wide)"},
			[]string{`cat /etc/ssl/certs/ca-certificates.crt "$HOME/.config/proxy-ca.pem" > "$HOME/.config/ca-with-proxy.pem"`,
				`export SSL_CERT_FILE="$HOME/.config/ca-with-proxy.pem"`, `export REQUESTS_CA_BUNDLE="$HOME/.config/ca-with-proxy.pem"`,
				`export NODE_EXTRA_CA_CERTS="$HOME/.config/proxy-ca.pem"`, "sudo update-ca-certificates"},
			[]string{`SSL_CERT_FILE="$HOME/.config/proxy-ca.pem"`}}, // never the proxy CA alone: it would replace the system roots
		{"linux", "/etc/pki/tls/certs/ca-bundle.crt", []string{"Go and curl", "Python (requests, httpx, openai)", "Node.js", "Fedora and RHEL (system-wide)"},
			[]string{"sudo update-ca-trust"}, nil},
		{"darwin", "/etc/ssl/cert.pem", []string{"Go and curl", "Python (requests, httpx, openai)", "Node.js", "macOS (the system keychain, which Go programs use)"},
			[]string{"security add-trusted-cert"}, nil},
		{"windows", "", []string{"Node.js", "Windows (your certificate store, which Go programs use)"},
			[]string{`$env:NODE_EXTRA_CA_CERTS`, "Import-Certificate"}, []string{"export "}},
	}
	for _, tt := range tests {
		t.Run(tt.goos+tt.bundle, func(t *testing.T) {
			fixes := Fixes(tt.goos, tt.bundle)
			var fors, lines []string
			for _, f := range fixes {
				fors = append(fors, f.For)
				lines = append(lines, f.Lines...)
			}
			if !slices.Equal(fors, tt.wantFor) {
				t.Errorf("for %q, want %q", fors, tt.wantFor)
			}
			all := strings.Join(lines, "\n")
			for _, h := range tt.has {
				if !strings.Contains(all, h) {
					t.Errorf("lacks %q:\n%s", h, all)
				}
			}
			for _, h := range tt.hasNot {
				if strings.Contains(all, h) {
					t.Errorf("holds %q:\n%s", h, all)
				}
			}
		})
	}
}

func TestSystemBundle(t *testing.T) {
	exists := func(p string) bool { return p == "/etc/pki/tls/certs/ca-bundle.crt" }
	if got := SystemBundle("linux", exists); got != "/etc/pki/tls/certs/ca-bundle.crt" {
		t.Errorf("linux: %q", got)
	}
	if got := SystemBundle("windows", func(string) bool { return true }); got != "" {
		t.Errorf("windows: %q", got)
	}
}

func TestNodeIgnoresProxy(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		pkgJSON bool
		want    string // the variable named; "" = no warning
	}{
		{"proxy, package.json, no opt-in", map[string]string{"HTTPS_PROXY": "http://proxy:3128"}, true, "HTTPS_PROXY"},
		{"lower-case http_proxy", map[string]string{"http_proxy": "http://proxy:3128"}, true, "http_proxy"},
		{"opted in", map[string]string{"HTTPS_PROXY": "http://proxy:3128", "NODE_USE_ENV_PROXY": "1"}, true, ""},
		{"no package.json", map[string]string{"HTTPS_PROXY": "http://proxy:3128"}, false, ""},
		{"no proxy", map[string]string{"NO_PROXY": "localhost"}, true, ""},
		{"blank proxy", map[string]string{"HTTPS_PROXY": " "}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, ok := NodeIgnoresProxy(func(k string) string { return tt.env[k] }, tt.pkgJSON)
			if ok != (tt.want != "") || w.Var != tt.want {
				t.Fatalf("got %+v, %v; want %q", w, ok, tt.want)
			}
			if ok && (!strings.Contains(w.Summary, tt.want) || !strings.Contains(w.Fix, "NODE_USE_ENV_PROXY=1")) {
				t.Errorf("text %+v", w)
			}
		})
	}
}

func TestFixTextAndDescribe(t *testing.T) {
	text := FixText("linux", "/etc/ssl/certs/ca-certificates.crt")
	for _, want := range []string{"save its CA certificate (from IT) as $HOME/.config/proxy-ca.pem", "Go and curl: cat ", "Node.js: export NODE_EXTRA_CA_CERTS"} {
		if !strings.Contains(text, want) {
			t.Errorf("FixText lacks %q:\n%s", want, text)
		}
	}
	tests := []struct {
		u    UnknownAuthority
		want string
	}{
		{UnknownAuthority{}, "no certificate was presented"},
		{UnknownAuthority{Issuer: "CN=P", SelfSigned: true, TopIssuer: "CN=P"}, "it is self-signed by CN=P"},
		{UnknownAuthority{Issuer: "CN=Int", TopIssuer: "CN=Root"}, "it was issued by CN=Int, under CN=Root"},
		{UnknownAuthority{Issuer: "CN=Int", TopIssuer: "CN=Int"}, "it was issued by CN=Int"},
	}
	for _, tt := range tests {
		if got := tt.u.Describe(); got != tt.want {
			t.Errorf("Describe(%+v) = %q, want %q", tt.u, got, tt.want)
		}
	}
}
