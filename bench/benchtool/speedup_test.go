package main

import (
	"bytes"
	"testing"
)

func TestSpeedup(t *testing.T) {
	tests := []struct {
		doctor, gitleaks float64
		met              bool
	}{
		{0.68, 2.85, true}, // 4.2× faster
		{1.0, 3.0, true},   // exactly the target
		{1.0, 2.9, false},  // faster, not 3× faster
		{2.0, 1.0, false},  // slower
	}
	for _, tt := range tests {
		if _, met, err := speedup(tt.doctor, tt.gitleaks); err != nil || met != tt.met {
			t.Errorf("speedup(%v, %v) met = %v, %v; want %v", tt.doctor, tt.gitleaks, met, err, tt.met)
		}
	}
	if _, _, err := speedup(0, 1); err == nil {
		t.Error("a zero time was accepted")
	}
	var out bytes.Buffer
	if err := run([]string{"speedup", "0.5", "2"}, &out); err != nil || out.String() != "speedup=4.00\ntarget=3\nmet=yes\n" {
		t.Errorf("benchtool speedup = %q, %v", out.String(), err)
	}
}
