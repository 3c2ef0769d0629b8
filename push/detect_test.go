package push

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name  string
		dirs  []string
		files []string
		want  []Detected
	}{
		{"nothing", nil, []string{"README.md"}, nil},
		{"workflows", []string{".github/workflows"}, nil, []Detected{{"github", ".github/workflows"}}},
		{".github without workflows", []string{".github"}, nil, nil},
		{"workflows is a file", []string{".github"}, []string{".github/workflows"}, nil},
		// push has no vercel target: its signs offer nothing.
		{"vercel only", []string{".vercel"}, []string{"vercel.json"}, nil},
		{"both", []string{".github/workflows", ".vercel"}, nil, []Detected{{"github", ".github/workflows"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, d := range tt.dirs {
				if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.files {
				if err := os.WriteFile(filepath.Join(root, f), nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if got := Detect(root); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

// A sign of a target push supports is reported once push supports it, and
// never before: every detected target is one New accepts.
func TestDetectOnlySupportedTargets(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{".github/workflows", ".vercel"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range Detect(root) {
		if !slices.Contains(Targets, d.Target) {
			t.Errorf("Detect offers %q, which push does not support", d.Target)
		}
	}
}

func TestDetectMissingRoot(t *testing.T) {
	if got := Detect(filepath.Join(t.TempDir(), "gone")); got != nil {
		t.Errorf("Detect(missing) = %v, want nothing", got)
	}
}
