package admin

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestForEachParallel(t *testing.T) {
	t.Run("every index once, never more than the limit at once", func(t *testing.T) {
		var mu sync.Mutex
		seen, running, peak := map[int]int{}, 0, 0
		err := ForEachParallel(t.Context(), 50, 4, func(_ context.Context, i int) error {
			mu.Lock()
			seen[i]++
			running++
			peak = max(peak, running)
			mu.Unlock()
			runtime.Gosched()
			mu.Lock()
			running--
			mu.Unlock()
			return nil
		})
		if err != nil || len(seen) != 50 || peak > 4 {
			t.Fatalf("err %v, %d indexes, peak %d", err, len(seen), peak)
		}
		for i, n := range seen {
			if n != 1 {
				t.Errorf("index %d called %d times", i, n)
			}
		}
	})
	t.Run("the first error is returned and stops the rest", func(t *testing.T) {
		boom := errors.New("boom")
		var calls atomic.Int32
		err := ForEachParallel(t.Context(), 1000, 1, func(_ context.Context, i int) error {
			calls.Add(1)
			if i == 3 {
				return boom
			}
			return nil
		})
		if !errors.Is(err, boom) || calls.Load() > 5 {
			t.Fatalf("err %v after %d calls; want boom after at most 5", err, calls.Load())
		}
	})
}

func TestAllKeysAndMatching(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithProjects(3))
	defer srv.Close()
	listed, err := newClient(srv, "admin_read_only").AllKeys(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(listed) != 6 || listed[0].Project.ID != fakeapi.ProjectID || listed[5].Project.Name != "Project 003" {
		t.Fatalf("AllKeys = %d keys: %+v", len(listed), listed)
	}
	tests := []struct {
		key  string
		want int
	}{
		{fakeapi.Key("ok"), 1},
		{fakeapi.KeyVariant("ok", 102), 1},
		{fakeapi.KeyVariant("ok", 2), 0}, // in an archived project, which is not listed
		{"", 0},
	}
	for _, tt := range tests {
		if got := Matching(listed, apikey.New(tt.key)); len(got) != tt.want {
			t.Errorf("Matching(%q) = %d keys, want %d", apikey.New(tt.key).Fingerprint(), len(got), tt.want)
		}
	}
}
