package provision

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen is the longest project or service-account name accepted.
const MaxNameLen = 200

// DefaultProjectName is the organization's first project, which cannot
// hold service accounts.
const DefaultProjectName = "Default project"

// MaxExpires is the longest key lifetime the API accepts (365 days).
const MaxExpires = 365 * 24 * time.Hour

// CheckName refuses a name the API would reject or a terminal would
// misshow, before any call is made. what is "--project" or "--name".
func CheckName(what, name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("%s is empty", what)
	case !utf8.ValidString(name):
		return fmt.Errorf("%s is not valid UTF-8", what)
	case utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("%s is %d characters; the limit is %d", what, utf8.RuneCountInString(name), MaxNameLen)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("%s holds a control character (a tab, newline or escape); use a plain name", what)
	}
	return nil
}

// CheckProject is CheckName plus the one project that cannot take a
// service account.
func CheckProject(name string) error {
	if err := CheckName("--project", name); err != nil {
		return err
	}
	if strings.EqualFold(strings.TrimSpace(name), DefaultProjectName) {
		return errors.New(`--project: the "Default project" cannot hold service accounts; name another project (it is created if missing)`)
	}
	return nil
}

var dollars = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{1,7})(?:\.([0-9]{1,2}))?$`) })

// ParseBudget reads a dollar amount with at most two decimals ("20",
// "12.5", "7.25") and returns it in cents.
func ParseBudget(s string) (int64, error) {
	m := dollars().FindStringSubmatch(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	if m == nil {
		return 0, fmt.Errorf("--budget %q is not a dollar amount like 20 or 12.50 (at most two decimals)", s)
	}
	whole, _ := strconv.ParseInt(m[1], 10, 64)
	frac := m[2]
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	total := whole*100 + cents
	if total <= 0 {
		return 0, fmt.Errorf("--budget must be more than $0")
	}
	return total, nil
}

// ParseExpires reads a key lifetime: "90d" (days) or a Go duration
// ("720h"), whole seconds, from one second to 365 days.
func ParseExpires(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 366 {
			return 0, fmt.Errorf("--expires %q is not a lifetime like 90d or 720h", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("--expires %q is not a lifetime like 90d or 720h", s)
		}
	}
	switch {
	case d < time.Second:
		return 0, fmt.Errorf("--expires must be at least one second")
	case d > MaxExpires:
		return 0, fmt.Errorf("--expires %s is longer than the API allows (365d)", s)
	case d%time.Second != 0:
		return 0, fmt.Errorf("--expires must be whole seconds")
	}
	return d, nil
}

// CheckEmail refuses an address that cannot be one.
func CheckEmail(s string) error {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.ContainsAny(s, " ,;<>") || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return fmt.Errorf("--alert-email %q is not one e-mail address", s)
	}
	return nil
}
