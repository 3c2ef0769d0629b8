// Package tlsproxy explains two network failures that corporate proxies
// cause, as pure functions the checks can call: a TLS certificate signed by
// an authority the system does not trust (a TLS-inspecting proxy), with the
// fix for each runtime, and Node.js ignoring HTTPS_PROXY.
//
// It imports nothing from the project and does no I/O of its own: callers
// pass the error, the OS name and an environment lookup.
package tlsproxy

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"strconv"
	"strings"
	"unicode"
)

// UnknownAuthority describes a certificate chain signed by an authority
// the system does not trust. Every string is escaped: a hostile proxy
// chooses these names.
type UnknownAuthority struct {
	Issuer  string // issuer of the presented (leaf) certificate, e.g. "CN=Zscaler Intermediate Root CA,O=Zscaler Inc."
	Subject string // subject of the presented certificate
	// TopIssuer is the issuer of the last certificate presented: the
	// authority the proxy's CA file must hold. Equal to Issuer for a
	// chain of one.
	TopIssuer  string
	SelfSigned bool // the presented certificate signed itself
}

// maxName caps an escaped name: a certificate may carry a huge one.
const maxName = 200

// FromError finds an unknown-authority failure in err's chain (from
// net/http, crypto/tls or crypto/x509) and describes the certificate
// presented. ok is false for any other error.
func FromError(err error) (UnknownAuthority, bool) {
	var uae x509.UnknownAuthorityError
	if !errors.As(err, &uae) {
		var p *x509.UnknownAuthorityError
		if !errors.As(err, &p) {
			return UnknownAuthority{}, false
		}
		uae = *p
	}
	chain := []*x509.Certificate{}
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) {
		chain = cve.UnverifiedCertificates
	}
	if len(chain) == 0 && uae.Cert != nil {
		chain = []*x509.Certificate{uae.Cert}
	}
	if len(chain) == 0 {
		return UnknownAuthority{}, true
	}
	leaf, top := chain[0], chain[len(chain)-1]
	return UnknownAuthority{
		Issuer:     Escape(leaf.Issuer.String()),
		Subject:    Escape(leaf.Subject.String()),
		TopIssuer:  Escape(top.Issuer.String()),
		SelfSigned: leaf.Issuer.String() == leaf.Subject.String() && leaf.CheckSignatureFrom(leaf) == nil,
	}, true
}

// Escape makes a name safe to print on a terminal and in JSON text:
// control and other non-graphic characters become Go escapes, and the
// result is cut to a readable length.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsGraphic(r) && r != '\\' {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\x1b'
		b.WriteString(q[1 : len(q)-1])
	}
	out := b.String()
	if len(out) > maxName {
		cut := maxName
		for cut > 0 && !isRuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "…"
	}
	return out
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// Describe says who issued the presented certificate, for a summary line.
func (u UnknownAuthority) Describe() string {
	switch {
	case u.Issuer == "":
		return "no certificate was presented"
	case u.SelfSigned:
		return "it is self-signed by " + u.Issuer
	case u.TopIssuer != u.Issuer:
		return "it was issued by " + u.Issuer + ", under " + u.TopIssuer
	}
	return "it was issued by " + u.Issuer
}
