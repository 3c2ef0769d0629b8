package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// ciFixture is a fresh repository with the given workflows and a .env
// holding key; it returns the real path of the repository's root.
func ciFixture(t *testing.T, tr *testRun, key string, workflows map[string]string) string {
	t.Helper()
	gitInit(t, tr.app.Dir)
	root, err := filepath.EvalSymlinks(tr.app.Dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{".env": "OPENAI_API_KEY=" + key + "\n", ".gitignore": ".env\n"}
	for name, content := range workflows {
		files[filepath.Join(".github", "workflows", name)] = content
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// plainValue is a literal that is not key-shaped: only the judge, not the
// output's key scrubbing, keeps it off the screen.
const plainValue = "plain-value-q7Zr2mWx9"

func ciWorkflows(key string) map[string]string {
	return map[string]string{
		"nightly.yml": "name: nightly\non:\n  schedule:\n    - cron: \"0 3 * * *\"\nenv:\n  OPENAI_API_KEY: " + key + "\njobs:\n  eval:\n    runs-on: ubuntu-latest\n" +
			"    env:\n      OPENAI_API_KEY: " + plainValue + "\n    steps:\n      - run: make eval\n",
		"review.yml": "on: pull_request_target\njobs:\n  review:\n    uses: ./.github/workflows/reusable.yml\n    secrets: inherit\n",
		"test.yaml": "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n        env:\n" +
			"          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n",
	}
}

func TestDoctorEnvCI(t *testing.T) {
	key, inWorkflow := fakeapi.Key("ok"), fakeapi.Key("invalid_api_key")
	tr := newTestRun(t)
	root := ciFixture(t, tr, key, ciWorkflows(inWorkflow))
	nightly := filepath.Join(root, ".github", "workflows", "nightly.yml")

	rep, code := runDoctorJSON(t, tr, "--check", "env.ci")
	c := checkByID(rep, "env.ci")
	if code != exitFailed || c.Status != "fail" || c.Code != "ci_literal" ||
		!strings.Contains(c.Summary, ".github/workflows/nightly.yml:6 (workflow env) is a key written into the file") ||
		!strings.Contains(c.Fix, "openai-setup push github") || !strings.Contains(c.Fix, "${{ secrets.OPENAI_API_KEY }}") || !strings.Contains(c.Fix, "openai-setup rotate") {
		t.Errorf("exit %d, env.ci = %+v; want ci_literal failing at nightly.yml:6", code, c)
	}
	var places []string
	for _, f := range c.Findings {
		places = append(places, f.Path+":"+strconv.Itoa(f.Line))
	}
	want := []string{nightly + ":6", nightly + ":11", filepath.Join(root, ".github", "workflows", "review.yml") + ":5"}
	if strings.Join(places, " ") != strings.Join(want, " ") {
		t.Errorf("findings at %v, want %v", places, want)
	}
	if !strings.Contains(strings.Join(c.Detail, "\n"), "also: job review of .github/workflows/review.yml runs on pull_request_target with every secret (line 5)") {
		t.Errorf("the fork exposure is not in the detail: %q", c.Detail)
	}

	text := newTestRun(t)
	text.app.Dir, text.app.Home = tr.app.Dir, tr.app.Home
	if code := text.run(t, "doctor", "--check", "env.ci", "-v"); code != exitFailed {
		t.Errorf("text exit %d", code)
	}
	for _, s := range []string{"[✗] env.ci", "code: ci_literal", "openai-setup push github", nightly + ":11 — OPENAI_API_KEY: a plain value",
		"runs on pull_request_target with every secret", "secrets: inherit passes every secret"} {
		if !strings.Contains(text.out.String(), s) {
			t.Errorf("text output lacks %q:\n%s", s, text.out)
		}
	}
	out := tr.out.String() + tr.err.String() + text.out.String() + text.err.String()
	assertNoLeak(t, inWorkflow, out)
	assertNoLeak(t, key, out)
	if strings.Contains(out, plainValue) {
		t.Errorf("a workflow's value reached the output:\n%s", out)
	}
}

// A repository whose workflows take the key from secrets only passes; the
// fork exposure alone is a warning (exit 0).
func TestDoctorEnvCIPassAndWarn(t *testing.T) {
	key := fakeapi.Key("ok")
	wf := ciWorkflows("")
	tests := []struct {
		name, keep, status, code, has string
	}{
		{"secrets only", "test.yaml", "pass", "", "1 workflow checked: OPENAI_API_KEY is never written into one or taken from a variable or input (1 place takes it from a secret)"},
		{"fork exposure", "review.yml", "warn", "ci_fork_exposure", "a fork's pull request can run it with the key"},
		{"no workflows", "", "pass", "", "no GitHub Actions workflows in this work tree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t)
			files := map[string]string{}
			if tt.keep != "" {
				files[tt.keep] = wf[tt.keep]
			}
			ciFixture(t, tr, key, files)
			rep, code := runDoctorJSON(t, tr, "--check", "env.ci")
			c := checkByID(rep, "env.ci")
			if code != exitOK || string(c.Status) != tt.status || c.Code != tt.code || !strings.Contains(c.Summary, tt.has) {
				t.Errorf("exit %d, env.ci = %+v; want %s %s with %q", code, c, tt.status, tt.code, tt.has)
			}
			assertNoLeak(t, key, tr.out.String()+tr.err.String())
		})
	}
}
