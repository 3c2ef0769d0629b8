package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// TestWizardProvisionAccessible: --accessible offers the admin-key route
// (choice 4 here) and ends as the full screen does: saved exits 0; saved
// anyway after a failed run exits 1; quitting with the new key unsaved
// prints what exists and exits 3; deleting the service account after a
// failure exits 1 with nothing saved. Neither key is ever printed.
func TestWizardProvisionAccessible(t *testing.T) {
	const (
		toMake     = "4\n\n\n\n\n\n\n\n"   // choice, the environment's admin key, five fields, yes
		withBudget = "4\n\n\n\n20\n\n\n\n" // the same with a budget, so a spend limit is set
	)
	for _, tt := range []struct {
		name, input string
		fail        bool // the spend limit answers 500 after the service account
		code        int
		saved       bool
		want        []string
	}{
		{name: "saved", input: toMake + "\n\n\n", code: 0, saved: true,
			want: []string{"created service account", "[pass] Authentication", "Saved key sk-svcacct-"}},
		{name: "quit unsaved", input: toMake + "q\n", code: 3,
			want: []string{"Quit without saving the new key sk-svcacct-", "What exists now:", "curl -X DELETE"}},
		{name: "saved anyway after a failure", input: withBudget + "s\n\n\n", fail: true, code: 1, saved: true,
			want: []string{"Not finished: The Admin API answered 500", "Saved key sk-svcacct-"}},
		{name: "deleted after a failure", input: withBudget + "d\n", fail: true, code: 1,
			want: []string{"deleted service account", "No key was saved", "openai-setup: no key was saved."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var opts []fakeapi.Option
			if tt.fail {
				opts = append(opts, fakeapi.WithAdminFailure("/spend_limit", 500))
			}
			srv := fakeapi.New(opts...)
			defer srv.Close()
			tr := newTestRun(t, adminEnv("admin"))
			gitInit(t, tr.app.Dir)
			tr.app.In, tr.app.InTTY, tr.app.OutTTY = strings.NewReader(tt.input), true, true
			code := tr.run(t, "--accessible", "--no-spend", "--base-url", srv.URL())
			out := tr.out.String() + tr.err.String()
			if code != tt.code {
				t.Errorf("exit %d, want %d:\n%s", code, tt.code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			env, err := os.ReadFile(filepath.Join(tr.app.Dir, ".env"))
			if saved := err == nil && strings.HasPrefix(string(env), "OPENAI_API_KEY=sk-svcacct-"); saved != tt.saved {
				t.Errorf(".env saved = %v, want %v: %q", saved, tt.saved, env)
			}
			testkit.AssertNoLeak(t, out, fakeapi.AdminKey("admin"))
			if tt.saved {
				testkit.AssertNoLeak(t, out, strings.TrimSpace(strings.TrimPrefix(string(env), "OPENAI_API_KEY=")))
			}
		})
	}
}
