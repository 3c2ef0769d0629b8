package usage

import (
	"strings"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	now := time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		since, until string
		want         string // "since until before-since before-until", or an error fragment
	}{
		{"", "", "2026-12-01 2026-12-03 2026-11-28 2026-11-30"},
		{"7d", "", "2026-11-27 2026-12-03 2026-11-20 2026-11-26"},
		{"1d", "", "2026-12-03 2026-12-03 2026-12-02 2026-12-02"},
		{"2026-11-01", "2026-11-30", "2026-11-01 2026-11-30 2026-10-02 2026-10-31"},
		{"", "2026-02-10", "2026-02-01 2026-02-10 2026-01-22 2026-01-31"},
		{"30d", "2026-01-15", "2025-12-17 2026-01-15 2025-11-17 2025-12-16"},
		{"0d", "", "number of days"},
		{"2026-13-01", "", "YYYY-MM-DD"},
		{"", "tomorrow", "--until"},
		{"2026-12-04", "2026-12-03", "is after --until"},
	} {
		p, err := ParsePeriod(tc.since, tc.until, now)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			b := p.Before()
			got = strings.Join([]string{p.Since.Format(time.DateOnly), p.Until.Format(time.DateOnly), b.Since.Format(time.DateOnly), b.Until.Format(time.DateOnly)}, " ")
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("ParsePeriod(%q, %q) = %q, want %q", tc.since, tc.until, got, tc.want)
		}
	}
}
