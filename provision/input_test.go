package provision

import (
	"strings"
	"testing"
	"time"
)

func TestCheckProject(t *testing.T) {
	tests := []struct{ in, wantErr string }{
		{"my-app", ""},
		{"Projekt für Tests", ""},
		{"", "empty"},
		{"   ", "empty"},
		{strings.Repeat("a", 200), ""},
		{strings.Repeat("a", 201), "201 characters"},
		{"bad\x1b[31mname", "control character"},
		{"tab\tname", "control character"},
		{"Default project", "cannot hold service accounts"},
		{" default PROJECT ", "cannot hold service accounts"},
	}
	for _, tt := range tests {
		err := CheckProject(tt.in)
		if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("CheckProject(%q) = %v, want %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestParseBudget(t *testing.T) {
	tests := []struct {
		in    string
		cents int64
		ok    bool
	}{
		{"20", 2000, true}, {"12.5", 1250, true}, {"7.25", 725, true}, {"$3", 300, true}, {"0.01", 1, true},
		{"0", 0, false}, {"-5", 0, false}, {"1.234", 0, false}, {"ten", 0, false}, {"", 0, false}, {"1e3", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseBudget(tt.in)
		if got != tt.cents || (err == nil) != tt.ok {
			t.Errorf("ParseBudget(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.cents, tt.ok)
		}
	}
}

func TestParseExpires(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * day, true}, {"365d", 365 * day, true}, {"720h", 30 * day, true}, {"1s", time.Second, true},
		{"366d", 0, false}, {"0d", 0, false}, {"1.5s", 0, false}, {"ninety", 0, false}, {"-1h", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseExpires(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseExpires(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for in, ok := range map[string]bool{"a@b": true, "ops@example.com": true, "nobody": false, "@b": false, "a@": false, "a@b, c@d": false} {
		if err := CheckEmail(in); (err == nil) != ok {
			t.Errorf("CheckEmail(%q) = %v, want ok=%v", in, err, ok)
		}
	}
}
