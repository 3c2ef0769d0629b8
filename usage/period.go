// Package usage turns the Admin API's costs and completions usage into a
// report: a period of UTC days, the period just before it, and spend,
// share, tokens and requests per project, model, key or line item. Money
// is summed as exact decimals, never floats.
package usage

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

const day = 24 * time.Hour

// Period is a run of whole UTC days, Since and Until both included (both
// at midnight UTC).
type Period struct{ Since, Until time.Time }

// ParsePeriod reads --since (YYYY-MM-DD or Nd: the last N UTC days
// including the --until day) and --until (YYYY-MM-DD; default today).
// Neither given: this calendar month so far.
func ParsePeriod(since, until string, now time.Time) (Period, error) {
	today := now.UTC().Truncate(day)
	p := Period{Until: today}
	if until != "" {
		t, err := parseDate("--until", until)
		if err != nil {
			return Period{}, err
		}
		p.Until = t
	}
	switch {
	case since == "":
		p.Since = time.Date(p.Until.Year(), p.Until.Month(), 1, 0, 0, 0, 0, time.UTC)
	case strings.HasSuffix(since, "d") && !strings.Contains(since, "-"):
		n, err := strconv.Atoi(strings.TrimSuffix(since, "d"))
		if err != nil || n < 1 || n > 3660 {
			return Period{}, fmt.Errorf("--since %q: give a date (YYYY-MM-DD) or a number of days from 1 to 3660 (7d, 30d)", since)
		}
		p.Since = p.Until.AddDate(0, 0, -(n - 1))
	default:
		t, err := parseDate("--since", since)
		if err != nil {
			return Period{}, err
		}
		p.Since = t
	}
	if p.Since.After(p.Until) {
		return Period{}, fmt.Errorf("--since %s is after --until %s", p.Since.Format(time.DateOnly), p.Until.Format(time.DateOnly))
	}
	return p, nil
}

func parseDate(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: give a UTC date as YYYY-MM-DD", flag, s)
	}
	return t, nil
}

// Days is how many days the period holds.
func (p Period) Days() int { return int(p.Until.Sub(p.Since)/day) + 1 }

// Start is the first instant of the period; End the first instant after it.
func (p Period) Start() time.Time { return p.Since }
func (p Period) End() time.Time   { return p.Until.Add(day) }

// Before is the same number of days just before the period.
func (p Period) Before() Period { return p.Shift(-1) }

// Shift moves the period by n of its own lengths (n < 0: back in time).
func (p Period) Shift(n int) Period {
	d := n * p.Days()
	return Period{Since: p.Since.AddDate(0, 0, d), Until: p.Until.AddDate(0, 0, d)}
}

// String is "2026-12-01 – 2026-12-03".
func (p Period) String() string {
	if p.Days() == 1 {
		return p.Since.Format(time.DateOnly)
	}
	return p.Since.Format(time.DateOnly) + " – " + p.Until.Format(time.DateOnly)
}
