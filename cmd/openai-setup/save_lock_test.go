package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/envfile"
)

// Twenty saves at once with different keys: every other line survives, one
// key line is left, the .gitignore gets one entry, and each report is true:
// exactly one run added the key line, every other replaced one.
func TestConcurrentSavesReportWhatTheyDid(t *testing.T) {
	tr := newTestRun(t)
	gitInit(t, tr.app.Dir)
	envPath := filepath.Join(tr.app.Dir, ".env")
	const other = "# app\nDB=postgres://h/db\n"
	if err := os.WriteFile(envPath, []byte(other), 0o600); err != nil {
		t.Fatal(err)
	}
	const n = 20
	reps := make([]saveReport, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			key := apikey.New(fmt.Sprintf("sk-proj-%048d", i))
			rep, err := saveKey(tr.app, ".env", key, false)
			if err != nil {
				t.Errorf("save %d: %v", i, err)
			}
			reps[i] = rep
		})
	}
	wg.Wait()
	got, _ := os.ReadFile(envPath)
	if !strings.HasPrefix(string(got), other) || strings.Count(string(got), "OPENAI_API_KEY=") != 1 {
		t.Errorf(".env =\n%s", got)
	}
	gi, _ := os.ReadFile(filepath.Join(tr.app.Dir, ".gitignore"))
	if strings.Count(string(gi), "/.env\n") != 1 {
		t.Errorf(".gitignore = %q", gi)
	}
	actions := map[envfile.Action]int{}
	wroteIgnore := 0
	for _, r := range reps {
		for _, c := range r.Changes {
			if c.File == ".env" {
				actions[c.Action]++
			}
		}
		for _, f := range r.Files {
			if f == ".gitignore" {
				wroteIgnore++
			}
		}
	}
	if actions["added"] != 1 || actions["replaced"] != n-1 || wroteIgnore != 1 {
		t.Errorf(".env actions %v, .gitignore written by %d runs; want 1 added, %d replaced, 1 writer", actions, wroteIgnore, n-1)
	}
}

// A save confirmed from a preview is refused when the .env changed since,
// and writes nothing: neither the .env nor the .gitignore.
func TestSaveFromStalePreviewIsRefused(t *testing.T) {
	tr := newTestRun(t)
	envPath := filepath.Join(tr.app.Dir, ".env")
	os.WriteFile(envPath, []byte("A=1\n"), 0o600)
	key := apikey.New("sk-proj-" + strings.Repeat("a", 48))
	plan, err := planSave(tr.app, ".env", key, false)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(envPath, []byte("A=1\nB=2\n"), 0o600)
	rep, err := saveKeyFrom(tr.app, ".env", key, false, &plan)
	if !errors.Is(err, envfile.ErrChanged) || len(rep.Files) != 0 {
		t.Fatalf("err = %v, files %v; want ErrChanged, none", err, rep.Files)
	}
	if got, _ := os.ReadFile(envPath); string(got) != "A=1\nB=2\n" {
		t.Errorf(".env = %q", got)
	}
	if _, err := os.Stat(filepath.Join(tr.app.Dir, ".gitignore")); err == nil {
		t.Errorf(".gitignore written")
	}
	if plan, err = planSave(tr.app, ".env", key, false); err != nil {
		t.Fatal(err)
	}
	if _, err := saveKeyFrom(tr.app, ".env", key, false, &plan); err != nil {
		t.Errorf("save from a fresh preview: %v", err)
	}
}
