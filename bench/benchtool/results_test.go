package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadHyperfine(t *testing.T) {
	doc := `{"results":[{"command":"curl","mean":0.31,"median":0.305,"min":0.3,"max":0.33},
		{"command":"doctor","mean":0.35,"median":0.34,"min":0.32,"max":0.4}]}`
	tests := []struct {
		name       string
		wantMedian float64
		wantErr    bool
	}{
		{"", 0.305, false},
		{"doctor", 0.34, false},
		{"gitleaks", 0, true},
	}
	for _, tt := range tests {
		got, err := readHyperfine(strings.NewReader(doc), tt.name)
		if (err != nil) != tt.wantErr {
			t.Fatalf("readHyperfine(%q) error = %v, wantErr %v", tt.name, err, tt.wantErr)
		}
		if got.Median != tt.wantMedian {
			t.Errorf("readHyperfine(%q).Median = %v, want %v", tt.name, got.Median, tt.wantMedian)
		}
	}
}

func TestReadGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkClassify-2         	 1000000	      1043 ns/op	     320 B/op	       4 allocs/op
BenchmarkClassify/html-2    	  500000	      2100 ns/op
PASS
ok  	github.com/setupkit/openai-setup/checks	2.1s`
	got, err := readGoBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	want := []goBench{
		{"BenchmarkClassify", "1043", "320", "4"},
		{"BenchmarkClassify/html", "2100", "-", "-"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCompareHistory(t *testing.T) {
	man := []manifestEntry{
		{Format: "sk-proj-", Fingerprint: "sk-proj-…AAAA", Path: "a.py", Key: "sk-proj-a"},
		{Format: "sk-legacy", Fingerprint: "sk-…BBBB", Key: "sk-b"},
		{Format: formatNone, Fingerprint: "sk-None-…CCCC", Key: "sk-None-c"},
		{Format: formatNone, Fingerprint: "sk-None-…DDDD", Key: "sk-None-d"},
	}
	doctorJSON := func(code string, fps ...string) doctorReport {
		var b strings.Builder
		b.WriteString(`{"schema_version":1,"checks":[{"id":"git.history","status":"warn","code":"` + code + `","findings":[`)
		for i, fp := range fps {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"fingerprint":"` + fp + `"}`)
		}
		b.WriteString(`]}]}`)
		rep, err := readDoctor(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	gl := []gitleaksFinding{{Secret: "sk-proj-a"}, {Secret: "sk-proj-a"}, {Secret: "sk-b"}, {Secret: "sk-None-c"}}

	tests := []struct {
		name        string
		doc         doctorReport
		wantCovers  bool
		wantMissed  int
		wantPlanted int
	}{
		{"all", doctorJSON("leaked", "sk-proj-…AAAA", "sk-…BBBB", "sk-None-…CCCC", "sk-None-…DDDD"), true, 0, 4},
		{"misses legacy", doctorJSON("leaked", "sk-proj-…AAAA", "sk-None-…CCCC", "sk-None-…DDDD"), false, 1, 3},
		{"misses a none gitleaks also missed", doctorJSON("leaked", "sk-proj-…AAAA", "sk-…BBBB", "sk-None-…CCCC"), false, 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := compareHistory(man, tt.doc, gl, true)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Covers(); got != tt.wantCovers {
				t.Errorf("Covers() = %v, want %v", got, tt.wantCovers)
			}
			if got := len(c.DoctorMissed); got != tt.wantMissed {
				t.Errorf("DoctorMissed = %v, want %d entries", c.DoctorMissed, tt.wantMissed)
			}
			if c.DoctorPlanted != tt.wantPlanted {
				t.Errorf("DoctorPlanted = %d, want %d", c.DoctorPlanted, tt.wantPlanted)
			}
			if c.GitleaksUnique != 3 || c.GitleaksPlanted != 3 || c.NoneGitleaks != 1 {
				t.Errorf("gitleaks unique/planted/none = %d/%d/%d, want 3/3/1", c.GitleaksUnique, c.GitleaksPlanted, c.NoneGitleaks)
			}
		})
	}
}

func TestDoctorIncomplete(t *testing.T) {
	tests := []struct {
		name string
		c    doctorCheck
		want bool
	}{
		{"code", doctorCheck{Code: "scan_incomplete"}, true},
		{"detail with keys found", doctorCheck{Code: "leaked", Detail: []string{"the scan stopped at the time limit after 10 of 50 commits"}}, true},
		{"complete", doctorCheck{Code: "leaked"}, false},
	}
	for _, tt := range tests {
		if got := tt.c.incomplete(); got != tt.want {
			t.Errorf("%s: incomplete() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRunGenRepoNeedsManifest(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"genrepo", "-commits", "50"}, &out); err == nil {
		t.Error("genrepo without -manifest = nil error, want one")
	}
}
