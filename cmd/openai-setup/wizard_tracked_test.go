package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestWizardSaveTrackedUnknown: when a .git entry exists but git cannot
// say whether the .env is tracked, the Save screen's plan carries git's
// reason (so the screen asks) instead of refusing; Save still refuses and
// writes nothing, and only SaveAnyway (the user's y) writes. With --force
// nothing is asked.
func TestWizardSaveTrackedUnknown(t *testing.T) {
	raw := fakeapi.Key("ok")
	key := apikey.New(raw)
	tr := newTestRun(t)
	if err := os.WriteFile(filepath.Join(tr.app.Dir, ".git"), []byte("gitdir: /nonexistent/elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	envPath := filepath.Join(tr.app.Dir, ".env")
	if err := os.WriteFile(envPath, []byte("A=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	forced := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true, Force: true})
	if plan, err := forced.PlanSave(".env", key); err != nil || plan.TrackedUnknown != "" {
		t.Errorf("with --force: %+v, %v", plan, err)
	}

	opts := wizardOptions(&setupOptions{app: tr.app, EnvFile: ".env", NoBrowser: true})
	plan, err := opts.PlanSave(".env", key)
	if err != nil || len(plan.Lines) == 0 || !strings.Contains(plan.TrackedUnknown, "not a git repository") {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	if strings.Contains(plan.TrackedUnknown, "whether git tracks") {
		t.Errorf("the reason is not git's alone: %q", plan.TrackedUnknown)
	}
	_, err = opts.Save(".env", key)
	refusal := fmt.Sprint(err)
	if err == nil || !strings.Contains(err.Error(), "whether git tracks") || strings.Contains(err.Error(), "system refused") {
		t.Fatalf("Save without the yes: %v", err)
	}
	if got, _ := os.ReadFile(envPath); string(got) != "A=1\n" {
		t.Fatalf("written without the yes: %d bytes", len(got))
	}
	rep, err := opts.SaveAnyway(".env", key)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(envPath); !strings.Contains(string(got), "OPENAI_API_KEY="+raw) {
		t.Errorf("SaveAnyway did not write: %d bytes", len(got))
	}
	assertNoLeak(t, raw, strings.Join(plan.Lines, "\n")+plan.TrackedUnknown+strings.Join(rep.Lines, "\n")+refusal)
}
