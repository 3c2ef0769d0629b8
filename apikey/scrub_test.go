package apikey

import (
	"strings"
	"testing"
)

func TestContainsKey(t *testing.T) {
	proj := testKey("sk-proj-", 74)
	tests := []struct {
		in   string
		want bool
	}{
		{proj, true},
		{"--with-key=" + proj, true},
		{"-" + proj, true},
		{"http://127.0.0.1:9/v1?api_key=" + proj, true},
		{"after-the-marker:" + proj[strings.Index(proj, Marker):], true},
		{"sk-" + strings.Repeat("a", 20), true},
		{"sk-None-" + strings.Repeat("B", 20), true},
		{"sk-" + strings.Repeat("a", 19), false},
		{"sk-proj-…Ab3d", false},
		{"sk-...Ab3d", false},
		{"sk-proj-****Ab3d", false},
		{"Ab3d", false},
		{"the " + Marker + " marker", false},
		{"task-management-system-version-two", false},
		{"gpt-4o-mini", false},
	}
	for _, tt := range tests {
		if got := ContainsKey(tt.in); got != tt.want {
			t.Errorf("ContainsKey(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestScrubMangledEchoes: a server that echoes the key back altered must not
// get 12 consecutive secret characters through.
func TestScrubMangledEchoes(t *testing.T) {
	raw := alnumKey("sk-proj-", 74)
	k := New(raw)
	at := strings.Index(raw, Marker)
	tests := map[string]string{
		"whole":            "key " + raw + " is wrong",
		"space inserted":   "key " + raw[:40] + " " + raw[40:] + " is wrong",
		"after the marker": "got " + raw[at+len(Marker):],
		"cut short":        "Incorrect API key provided: " + raw[:60] + "…",
		"middle only":      "x" + raw[20:50] + "y",
		"twice":            raw[10:30] + "," + raw[100:140],
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			got := Scrub(text, k)
			assertNoLeak(t, raw, got)
			if !strings.Contains(got, k.Fingerprint()) {
				t.Errorf("Scrub() = %q, want the fingerprint in place", got)
			}
		})
	}
	if got := Scrub("nothing secret here, sk-proj-…Ab3d", k); got != "nothing secret here, sk-proj-…Ab3d" {
		t.Errorf("Scrub changed clean text: %q", got)
	}
}

func TestScrubKeepsWhatSurroundsTheKey(t *testing.T) {
	raw := testKey("sk-proj-", 74)
	fp := Fingerprint(raw)
	for in, want := range map[string]string{
		"--with-key=" + raw:                    "--with-key=" + fp,
		"-" + raw:                              "-" + fp,
		"(" + raw + ")":                        "(" + fp + ")",
		raw:                                    fp,
		"sk-" + strings.Repeat("a", 24) + " x": "sk-…aaaa x",
	} {
		if got := Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}
