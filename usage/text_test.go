package usage

import (
	"testing"
	"time"
)

func TestDollarsAndClip(t *testing.T) {
	for in, want := range map[string]string{"0": "$0.00", "0.004": "<$0.01", "0.005": "<$0.01", "0.0149": "$0.01", "12.345": "$12.35", "1234.5": "$1234.50", "0.009999": "<$0.01", "0.01": "$0.01"} {
		if got := Dollars(d(in)); got != want {
			t.Errorf("Dollars(%s) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"project", 7, "project"}, {"projects", 7, "projec…"}, {"日本語テキスト", 7, "日本語…"}, {"ab", 1, "ab"},
	} {
		if got := Clip(tc.in, tc.w); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

func TestHeadline(t *testing.T) {
	p := Period{Since: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)}
	rep := Report{Period: p, Total: d("1.5"), Previous: d("1")}
	if got, want := rep.Headline(), "2026-12-01 – 2026-12-03: $1.50 spent · the 3 days before: $1.00 (+50%)"; got != want {
		t.Errorf("Headline() = %q, want %q", got, want)
	}
	rep = Report{Period: Period{Since: p.Since, Until: p.Since}, Total: d("0.001")}
	if got, want := rep.Headline(), "2026-12-01: <$0.01 spent · the day before: $0.00"; got != want {
		t.Errorf("Headline() = %q, want %q", got, want)
	}
}
