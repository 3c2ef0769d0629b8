package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestDoctorFlags(t *testing.T) {
	tests := []struct {
		args string
		want doctorOptions
	}{
		{"", doctorOptions{Model: "gpt-4o-mini", Timeout: 15 * time.Second}},
		{"--json --no-spend --timeout 3s", doctorOptions{JSON: true, NoSpend: true, Model: "gpt-4o-mini", Timeout: 3 * time.Second}},
		{"--check api.auth --check env.perms --base-url http://127.0.0.1:9/v1", doctorOptions{Checks: []string{"api.auth", "env.perms"}, BaseURL: "http://127.0.0.1:9/v1", Model: "gpt-4o-mini", Timeout: 15 * time.Second}},
		{"--env-file x/.env --model gpt-4.1-mini -v", doctorOptions{EnvFile: "x/.env", Model: "gpt-4.1-mini", Verbose: true, Timeout: 15 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			tr := newTestRun(t)
			var got *doctorOptions
			cmd := newDoctorCmd(tr.app, func(o *doctorOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tt.args))
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.app = nil
			if strings.Join(got.Checks, ",") != strings.Join(tt.want.Checks, ",") {
				t.Errorf("Checks = %v, want %v", got.Checks, tt.want.Checks)
			}
			got.Checks, tt.want.Checks = nil, nil
			if fmt.Sprintf("%+v", *got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"unknown flag", []string{"doctor", "--nope"}, exitUsage},
		{"unknown check", []string{"doctor", "--check", "api.nope"}, exitUsage},
		{"unknown command", []string{"doctr"}, exitUsage},
		{"bad timeout", []string{"doctor", "--timeout", "0s"}, exitUsage},
		{"wizard without a terminal", nil, exitUsage},
		{"with-key flags without --with-key", []string{"--dry-run"}, exitUsage},
		{"list checks", []string{"doctor", "--list-checks"}, exitOK},
		{"version", []string{"--version"}, exitOK},
		{"-v alone is not the version", []string{"-v"}, exitUsage},
		{"help topic", []string{"help", "exit-codes"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTestRun(t)
			if got := tr.run(t, tt.args...); got != tt.want {
				t.Errorf("exit = %d, want %d\nstdout: %s\nstderr: %s", got, tt.want, tr.out, tr.err)
			}
		})
	}
}

func TestWizardNeedsATerminal(t *testing.T) {
	tr := newTestRun(t)
	if code := tr.run(t); code != exitUsage {
		t.Fatalf("exit = %d, want %d", code, exitUsage)
	}
	msg := tr.err.String()
	for _, want := range []string{"needs a terminal", "--with-key", "openai-setup doctor"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr %q lacks %q", msg, want)
		}
	}
	if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
		t.Errorf("want one line, got:\n%s", msg)
	}
}

func TestListChecksNamesEveryCheck(t *testing.T) {
	tr := newTestRun(t)
	tr.run(t, "doctor", "--list-checks")
	for _, id := range []string{"key.found", "key.format", "key.sources", "net.reach", "api.auth", "api.permissions", "api.model", "api.billing", "api.ratelimit", "env.gitignore", "env.tracked", "env.perms", "env.agents", "git.history"} {
		if !strings.Contains(tr.out.String(), id+" ") {
			t.Errorf("--list-checks lacks %s", id)
		}
	}
}

func TestVersionPrintsStampedValues(t *testing.T) {
	old := [3]string{version, commit, date}
	defer func() { version, commit, date = old[0], old[1], old[2] }()
	version, commit, date = "1.2.3", "0123456789abcdef0123", "2026-11-23T00:00:00Z"
	tr := newTestRun(t)
	if code := tr.run(t, "--version"); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"openai-setup 1.2.3 (commit 0123456789ab, commit date 2026-11-23T00:00:00Z)\n"} {
		if !strings.Contains(tr.out.String(), want) {
			t.Errorf("--version printed %q, want %q in it", tr.out.String(), want)
		}
	}
}

func TestVersionWithoutStampSaysWhereItCameFrom(t *testing.T) {
	old := [3]string{version, commit, date}
	defer func() { version, commit, date = old[0], old[1], old[2] }()
	version, commit, date = "", "", ""
	if got := versionString(); !strings.Contains(got, "from the Go build info") {
		t.Errorf("versionString() = %q, want it to name the Go build info", got)
	}
}
