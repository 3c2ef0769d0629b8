package tlsproxy

import "strings"

// Fix is what to run for one runtime or system so it trusts the proxy's CA
// in addition to the usual ones (never instead of them).
type Fix struct {
	For   string   // "Go and curl", "Python (requests, httpx, openai)", "Node.js", "macOS", "Windows", "Debian and Ubuntu", …
	Lines []string // shell lines, in order
}

// Placeholder paths used in the fix lines.
const (
	ProxyCA  = "$HOME/.config/proxy-ca.pem"      // the proxy's CA certificate, saved there by the user
	Combined = "$HOME/.config/ca-with-proxy.pem" // the system bundle plus the proxy's CA
)

// systemBundles are the usual CA bundle files, per OS family; the first
// one that exists is the system's.
var systemBundles = map[string][]string{
	"linux":   {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem"},
	"darwin":  {"/etc/ssl/cert.pem"},
	"freebsd": {"/usr/local/etc/ssl/cert.pem", "/etc/ssl/cert.pem"},
}

// SystemBundle is the CA bundle file of goos that exists, or "" (Windows
// keeps its roots in the certificate store).
func SystemBundle(goos string, exists func(string) bool) string {
	for _, p := range systemBundles[goos] {
		if exists(p) {
			return p
		}
	}
	return ""
}

// Fixes lists, for goos, how to make each runtime trust the proxy's CA
// saved as ProxyCA, adding it to what they trust already: Go and curl
// read SSL_CERT_FILE, which replaces their bundle, so it names a combined
// bundle; Python's requests reads REQUESTS_CA_BUNDLE and httpx (the openai
// SDK's client) reads SSL_CERT_FILE; Node adds NODE_EXTRA_CA_CERTS to its
// own roots, so it names the proxy's CA alone. bundle is the system bundle
// (see SystemBundle); "" leaves the combined-bundle lines out.
func Fixes(goos, bundle string) []Fix {
	var out []Fix
	if bundle != "" {
		combine := "cat " + bundle + " \"" + ProxyCA + "\" > \"" + Combined + "\""
		out = append(out,
			Fix{For: "Go and curl", Lines: []string{combine, "export SSL_CERT_FILE=\"" + Combined + "\""}},
			Fix{For: "Python (requests, httpx, openai)", Lines: []string{combine,
				"export REQUESTS_CA_BUNDLE=\"" + Combined + "\"", "export SSL_CERT_FILE=\"" + Combined + "\""}},
		)
	}
	node := "export NODE_EXTRA_CA_CERTS=\"" + ProxyCA + "\""
	if goos == "windows" {
		node = `$env:NODE_EXTRA_CA_CERTS = "$HOME\.config\proxy-ca.pem"`
	}
	out = append(out, Fix{For: "Node.js", Lines: []string{node}})
	switch goos {
	case "darwin":
		out = append(out, Fix{For: "macOS (the system keychain, which Go programs use)",
			Lines: []string{"sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain \"" + ProxyCA + "\""}})
	case "windows":
		out = append(out, Fix{For: "Windows (your certificate store, which Go programs use)",
			Lines: []string{`Import-Certificate -FilePath "$HOME\.config\proxy-ca.pem" -CertStoreLocation Cert:\CurrentUser\Root`}})
	case "linux":
		if strings.HasSuffix(bundle, "ca-certificates.crt") {
			out = append(out, Fix{For: "Debian and Ubuntu (system-wide)",
				Lines: []string{"sudo cp \"" + ProxyCA + "\" /usr/local/share/ca-certificates/proxy-ca.crt", "sudo update-ca-certificates"}})
		} else if strings.HasPrefix(bundle, "/etc/pki/") {
			out = append(out, Fix{For: "Fedora and RHEL (system-wide)",
				Lines: []string{"sudo cp \"" + ProxyCA + "\" /etc/pki/ca-trust/source/anchors/", "sudo update-ca-trust"}})
		}
	}
	return out
}

// FixText is Fixes as one line for a check's fix field: where to save the
// proxy's CA, then each runtime's lines.
func FixText(goos, bundle string) string {
	parts := []string{"if your network inspects TLS (a corporate proxy or antivirus), save its CA certificate (from IT) as " + ProxyCA +
		" and add it to what each runtime trusts"}
	for _, f := range Fixes(goos, bundle) {
		parts = append(parts, f.For+": "+strings.Join(f.Lines, " && "))
	}
	return strings.Join(parts, "; ")
}
