package envfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const raceStart = "# app\nA=1\nOPENAI_API_KEY=start\nexport B=\"two words\"\n"

// lockedSave is one whole save as the command makes it: lock, add the
// .gitignore entry, set the key, unlock. It returns the value it replaced.
func lockedSave(path, value string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	lk, err := LockFiles(ctx, path)
	if err != nil {
		return "", err
	}
	defer lk.Unlock()
	if _, err := EnsureIgnored(ctx, path, Options{Lock: lk}); err != nil {
		return "", err
	}
	res, err := Update(ctx, path, Options{Lock: lk}, Edit{keyName, value})
	if err != nil {
		return "", err
	}
	if !res.Written || len(res.Changes) != 1 || res.Changes[0].Action != Replaced {
		return "", fmt.Errorf("result = %+v", res)
	}
	return res.Changes[0].OldValue(), nil
}

// checkRace asserts that runs which each replaced one value (olds[i] by
// values[i]) took turns: every other line is intact, there is one key line,
// and the values replaced chain from "start" through every run's value but
// the last written, each replaced exactly once.
func checkRace(t *testing.T, path string, values, olds []string) {
	t.Helper()
	got := readTestFile(t, path)
	if n := strings.Count(got, keyName+"="); n != 1 {
		t.Fatalf("%d key lines:\n%s", n, got)
	}
	var final string
	for _, v := range values {
		if !slices.Contains(olds, v) {
			final = v
		}
	}
	if want := strings.Replace(raceStart, "=start", "="+final, 1); got != want {
		t.Errorf("file =\n%q\nwant\n%q", got, want)
	}
	want := append([]string{"start"}, values...)
	want = slices.DeleteFunc(want, func(v string) bool { return v == final })
	slices.Sort(want)
	sorted := slices.Sorted(slices.Values(olds))
	if !slices.Equal(sorted, want) {
		t.Errorf("values replaced %q, want each of %q once (a lost update reads one value twice)", sorted, want)
	}
	gi := readTestFile(t, filepath.Join(filepath.Dir(path), ".gitignore"))
	if strings.Count(gi, "/.env\n") != 1 || strings.Count(gi, "/.env.lock\n") != 1 {
		t.Errorf(".gitignore = %q, want one entry each", gi)
	}
}

func raceValue(i int) string { return fmt.Sprintf("sk-proj-race%02d", i) }

// TestConcurrentSavesTakeTurns: twenty saves at once, five rounds, each on
// a fresh file: every round ends with every other line intact, one key line
// and each replaced value seen exactly once.
func TestConcurrentSavesTakeTurns(t *testing.T) {
	isolateGit(t)
	for round := range 5 {
		path := filepath.Join(t.TempDir(), ".env")
		writeTestFile(t, path, raceStart)
		const n = 20
		values, olds := make([]string, n), make([]string, n)
		var wg sync.WaitGroup
		for i := range n {
			values[i] = raceValue(i)
			wg.Go(func() {
				old, err := lockedSave(path, values[i])
				if err != nil {
					t.Errorf("round %d, save %d: %v", round, i, err)
				}
				olds[i] = old
			})
		}
		wg.Wait()
		checkRace(t, path, values, olds)
	}
}

// raceChildEnv makes the test binary one save of another process.
const raceChildEnv = "ENVFILE_RACE_CHILD"

func TestRaceChild(t *testing.T) {
	spec := os.Getenv(raceChildEnv)
	if spec == "" {
		t.Skip("only run as a child of TestConcurrentProcessesTakeTurns")
	}
	path, value, _ := strings.Cut(spec, "|")
	old, err := lockedSave(path, value)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("replaced=" + old)
}

func TestConcurrentProcessesTakeTurns(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no processes")
	}
	isolateGit(t)
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	path := filepath.Join(t.TempDir(), ".env")
	writeTestFile(t, path, raceStart)
	const n = 20
	values, olds := make([]string, n), make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		values[i] = raceValue(i)
		wg.Go(func() {
			cmd := exec.Command(exe, "-test.run=^TestRaceChild$", "-test.v")
			cmd.Env = append(os.Environ(), raceChildEnv+"="+path+"|"+values[i])
			out, err := cmd.CombinedOutput()
			_, rest, ok := strings.Cut(string(out), "replaced=")
			if err != nil || !ok {
				t.Errorf("child %d: %v\n%s", i, err, out)
				return
			}
			olds[i], _, _ = strings.Cut(rest, "\n")
		})
	}
	wg.Wait()
	checkRace(t, path, values, olds)
}

// A write planned from bytes the file no longer holds is refused, and the
// file keeps what the other program wrote.
func TestExpectRefusesChangedFile(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	env, gi := filepath.Join(dir, ".env"), filepath.Join(dir, ".gitignore")
	for _, c := range []struct {
		name, before, after string
	}{{"edited", "A=1\n", "A=2\n"}, {"created since", "", "A=2\n"}, {"deleted since", "A=1\n", ""}} {
		t.Run(c.name, func(t *testing.T) {
			set := func(p, s string) {
				os.Remove(p)
				if s != "" {
					writeTestFile(t, p, s)
				}
			}
			set(env, c.before)
			set(gi, c.before)
			plan, err := Update(context.Background(), env, Options{DryRun: true}, Edit{keyName, newKey})
			if err != nil {
				t.Fatal(err)
			}
			ign, err := EnsureIgnored(context.Background(), env, Options{DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			set(env, c.after)
			set(gi, c.after)
			if _, err := Update(context.Background(), env, Options{Expect: plan.Sum}, Edit{keyName, newKey}); !errors.Is(err, ErrChanged) {
				t.Errorf("Update err = %v, want ErrChanged", err)
			}
			if _, err := EnsureIgnored(context.Background(), env, Options{Expect: ign.Sum}); !errors.Is(err, ErrChanged) {
				t.Errorf("EnsureIgnored err = %v, want ErrChanged", err)
			}
			for _, p := range []string{env, gi} {
				if b, _ := os.ReadFile(p); string(b) != c.after {
					t.Errorf("%s = %q, want %q", p, b, c.after)
				}
			}
			if _, err := Update(context.Background(), env, Options{Expect: Sum([]byte(c.after), c.after != "")}, Edit{keyName, newKey}); err != nil {
				t.Errorf("write with the current sum: %v", err)
			}
		})
	}
}

func TestLockFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "b", ".env"), filepath.Join(dir, "a", ".env")
	os.MkdirAll(filepath.Dir(a), 0o755)
	os.MkdirAll(filepath.Dir(b), 0o755)
	lk, err := LockFiles(context.Background(), a, b, a)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{b, a}; !slices.Equal(lk.paths, want) {
		t.Errorf("lock order %q, want sorted %q", lk.paths, want)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(a + LockSuffix); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("lock file: %v, %v", fi, err)
		}
	}
	// Another holder waits until its context ends, and says who holds it.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := LockFiles(ctx, a); err == nil || !strings.Contains(err.Error(), a+LockSuffix) {
		t.Errorf("second lock: %v", err)
	}
	// A write under a lock that does not cover the file is refused.
	other := filepath.Join(dir, "c.env")
	if _, err := Update(context.Background(), other, Options{Lock: lk}, Edit{keyName, newKey}); err == nil {
		t.Errorf("write under a lock not covering it succeeded")
	}
	if err := lk.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(a + LockSuffix); err != nil {
		t.Errorf("lock file removed: %v", err)
	}
	if _, err := LockFiles(context.Background(), filepath.Join(dir, "nope", ".env")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("lock in a missing folder: %v", err)
	}
	lk2, err := LockFiles(context.Background(), a)
	if err != nil {
		t.Fatalf("relock after unlock: %v", err)
	}
	lk2.Unlock()
}

// The rotate flow: plan every file unlocked, lock them all, write each from
// the bytes it was planned from (or get ErrChanged), unlock. Two such runs
// name the files in opposite orders; TestLockFiles asserts the sorted order
// that keeps them from deadlocking, which a timing-free test cannot force.
func TestLockFilesRotateFlow(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", ".env"), filepath.Join(dir, "b", ".env")
	writeTestFile(t, a, "A=1\n")
	writeTestFile(t, b, "B=1\n")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, order := range [][]string{{a, b}, {b, a}} {
		wg.Go(func() {
			for i := range 20 {
				plans := map[string]Result{}
				for _, p := range order {
					plan, err := Update(ctx, p, Options{DryRun: true}, Edit{keyName, fmt.Sprint("v", i)})
					if err != nil {
						t.Error(err)
						return
					}
					plans[p] = plan
				}
				lk, err := LockFiles(ctx, order...)
				if err != nil {
					t.Error(err)
					return
				}
				for _, p := range order {
					_, err := Update(ctx, p, Options{Lock: lk, Expect: plans[p].Sum}, Edit{keyName, fmt.Sprint("v", i)})
					if err != nil && !errors.Is(err, ErrChanged) {
						t.Error(err)
					}
				}
				lk.Unlock()
			}
		})
	}
	wg.Wait()
	for _, p := range []string{a, b} {
		if got := readTestFile(t, p); strings.Count(got, keyName+"=") != 1 {
			t.Errorf("%s = %q", p, got)
		}
	}
}
