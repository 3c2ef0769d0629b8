package openai

import (
	"net/url"
	"strings"
)

// masked replaces every secret part of a URL.
const masked = "***"

// MaskURL is how a base URL from the environment or a dotenv file is
// shown, everywhere: the password and every query value become ***, the
// fragment is dropped (https://user:***@host/v1?api_key=***). Gateways put
// tokens in all three. Text that does not parse as a URL is masked the
// same way, by position.
func MaskURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return maskLoose(raw)
	}
	var user string
	if u.User != nil {
		user = url.User(u.User.Username()).String()
		if _, ok := u.User.Password(); ok {
			user += ":" + masked
		}
		user += "@"
	}
	query := u.RawQuery
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	s := u.String()
	if user != "" {
		if scheme, rest, ok := strings.Cut(s, "//"); ok {
			s = scheme + "//" + user + rest
		}
	}
	if query != "" {
		s += "?" + maskQuery(query)
	}
	return s
}

// maskQuery keeps each parameter's name and masks its value; a bare word
// may itself be a token, so it is masked too.
func maskQuery(q string) string {
	parts := strings.Split(q, "&")
	for i, p := range parts {
		if name, _, ok := strings.Cut(p, "="); ok {
			parts[i] = name + "=" + masked
		} else if p != "" {
			parts[i] = masked
		}
	}
	return strings.Join(parts, "&")
}

// maskLoose masks text url.Parse refused: everything from # is dropped,
// query values after ? are masked, and a userinfo before @ keeps only its
// user name.
func maskLoose(s string) string {
	s, _, _ = strings.Cut(s, "#")
	s, q, hasQuery := strings.Cut(s, "?")
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	}
	if at := strings.LastIndex(s, "@"); at >= start {
		info := s[start:at]
		if name, _, ok := strings.Cut(info, ":"); ok {
			info = name + ":" + masked
		}
		s = s[:start] + info + s[at:]
	}
	if hasQuery {
		s += "?" + maskQuery(q)
	}
	return s
}

// HostOf is the host (with its port) of a base URL, for sentences such as
// "no answer from HOST"; text that is not a URL with a host is shown masked
// (see MaskURL), never as given.
func HostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return MaskURL(raw)
}
