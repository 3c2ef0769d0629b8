package rotate

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/envfile"
)

// twoFiles is a repository with the old key in a/.env and b/.env, and the
// Places naming them in the given order.
func twoFiles(t *testing.T) (a, b string) {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	a, b = filepath.Join(dir, "a", ".env"), filepath.Join(dir, "b", ".env")
	write(t, a, "OPENAI_API_KEY="+oldKey+"\n")
	write(t, b, "X=1\nOPENAI_API_KEY="+oldKey+"\n")
	return a, b
}

func placesOf(old string, paths ...string) Places {
	p := Places{Old: apikey.New(old)}
	for _, path := range paths {
		p.Files = append(p.Files, File{Path: path, Lines: []Line{{Path: path, Name: "OPENAI_API_KEY"}}})
	}
	return p
}

// TestReplaceHoldsEveryLock: once Replace starts writing it holds the lock
// of every file until the last is written, so a save of one of them made
// meanwhile waits, then lands on top of the new key.
func TestReplaceHoldsEveryLock(t *testing.T) {
	a, b := twoFiles(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	whileLocked = func() {
		for _, p := range []string{a, b} {
			short, stop := context.WithTimeout(ctx, 100*time.Millisecond)
			_, err := envfile.Update(short, p, envfile.Options{}, envfile.Edit{Name: "OTHER", Value: "0"})
			stop()
			if err == nil || !strings.Contains(err.Error(), "another program is writing") {
				t.Errorf("a save of %s while Replace writes: %v, want it to wait for the lock", p, err)
			}
		}
		go func() {
			_, err := envfile.Update(ctx, a, envfile.Options{}, envfile.Edit{Name: "OTHER", Value: "2"})
			done <- err
		}()
	}
	defer func() { whileLocked = nil }()
	if _, err := Replace(ctx, placesOf(oldKey, b, a), apikey.New(newKey), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got, want := read(t, a), "OPENAI_API_KEY="+newKey+"\nOTHER=2\n"; got != want {
		t.Errorf("a = %q, want %q", got, want)
	}
	if got, want := read(t, b), "X=1\nOPENAI_API_KEY="+newKey+"\n"; got != want {
		t.Errorf("b = %q, want %q", got, want)
	}
}

// TestConcurrentRotationsDoNotDeadlock: two rotations over the same two
// files, naming them in opposite orders, take the locks in one sorted order
// and so both finish (the context bounds a deadlock).
func TestConcurrentRotationsDoNotDeadlock(t *testing.T) {
	a, b := twoFiles(t)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, run := range []struct {
		from, to string
		order    []string
	}{{oldKey, newKey, []string{a, b}}, {newKey, oldKey, []string{b, a}}} {
		wg.Go(func() {
			for range 10 {
				if _, err := Replace(ctx, placesOf(run.from, run.order...), apikey.New(run.to), Options{}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, p := range []string{a, b} {
		got := read(t, p)
		if strings.Count(got, "OPENAI_API_KEY=") != 1 || !strings.Contains(got, oldKey) && !strings.Contains(got, newKey) {
			t.Errorf("%s = %q", p, got)
		}
	}
}

// TestReplaceWaitsForEveryLock: when another program holds one file's lock
// past the context, Replace writes none of the files and says which lock.
func TestReplaceWaitsForEveryLock(t *testing.T) {
	a, b := twoFiles(t)
	held, err := envfile.LockFiles(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	res, err := Replace(ctx, placesOf(oldKey, a, b), apikey.New(newKey), Options{})
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), b+envfile.LockSuffix) {
		t.Fatalf("err = %v", err)
	}
	for _, r := range res {
		if r.Written || r.Err == nil {
			t.Errorf("%s: written %v, err %v", r.Path, r.Written, r.Err)
		}
	}
	if got := read(t, a); !strings.Contains(got, oldKey) {
		t.Error("a was written while b's lock was held elsewhere")
	}
}
