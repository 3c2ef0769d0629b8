package gitcli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// newRepo makes a repository holding one committed file, tracked.txt.
func newRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "tracked.txt"), []byte("x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run("add", "tracked.txt")
	run("commit", "-qm", "first")
	return dir
}

// TestRepositoryConfigRunsNothing: a cloned repository's .git/config and
// hooks name programs; no gitcli call may start them. The same config makes
// a plain git run the program, so the test can fail.
func TestRepositoryConfigRunsNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("shell scripts")
	}
	dir := newRepo(t)
	marker := filepath.Join(t.TempDir(), "ran")
	script := filepath.Join(t.TempDir(), "evil.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch '"+marker+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, hook := range []string{"post-index-change", "reference-transaction", "post-checkout"} {
		if err := os.WriteFile(filepath.Join(dir, ".git", "hooks", hook), []byte("#!/bin/sh\ntouch '"+marker+"'\n"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range [][2]string{
		{"core.fsmonitor", script},
		{"diff.external", script},
		{"diff.evil.textconv", script},
		{"log.showSignature", "true"},
		{"gpg.program", script},
		{"core.pager", script},
	} {
		cfg := exec.Command("git", "config", kv[0], kv[1])
		cfg.Dir = dir
		if out, err := cfg.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "info", "attributes"), []byte("* diff=evil\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Plain git runs the external diff for log -p: the config is live.
	plainLog := exec.Command("git", "log", "-p")
	plainLog.Dir = dir
	_ = plainLog.Run()
	if _, err := os.Stat(marker); err != nil {
		t.Fatalf("plain git log -p ran no program, so this test proves nothing: %v", err)
	}
	_ = os.Remove(marker)

	plain := exec.Command("git", "ls-files", "--error-unmatch", "--", "tracked.txt")
	plain.Dir = dir
	_ = plain.Run()
	if _, err := os.Stat(marker); err != nil {
		t.Fatalf("plain git did not run the fsmonitor program, so this test proves nothing: %v", err)
	}
	_ = os.Remove(marker)

	ctx := context.Background()
	if ok, err := Tracks(ctx, filepath.Join(dir, "tracked.txt")); !ok || err != nil {
		t.Fatalf("Tracks = %v, %v", ok, err)
	}
	if _, err := IgnoreRule(ctx, filepath.Join(dir, ".env")); err != nil {
		t.Fatalf("IgnoreRule: %v", err)
	}
	for _, args := range [][]string{
		{"log", "-p", "--all"},
		{"show", "HEAD"},
		{"diff", "HEAD~0", "--", "tracked.txt"},
		{"status", "--porcelain"},
	} {
		if _, err := Output(ctx, dir, nil, args...); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a gitcli call ran a program named by the repository's config or hooks")
	}
}

// TestTracks covers the three answers: tracked, not tracked, and unknown
// (a .git entry is there but git cannot answer), which must be an error.
func TestTracks(t *testing.T) {
	ctx := context.Background()
	dir := newRepo(t)
	if err := os.WriteFile(filepath.Join(dir, "new.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()

	corrupt := t.TempDir()
	if err := os.WriteFile(filepath.Join(corrupt, ".git"), []byte("gitdir: /nonexistent/elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		path    string
		want    bool
		wantErr bool
	}{
		{"committed file", filepath.Join(dir, "tracked.txt"), true, false},
		{"untracked file", filepath.Join(dir, "new.txt"), false, false},
		{"missing file in a repo", filepath.Join(dir, ".env"), false, false},
		{"missing folder in a repo", filepath.Join(dir, "gone", ".env"), false, false},
		{"a name git would read as a pattern", filepath.Join(dir, "*.txt"), false, false},
		{"no repository above", filepath.Join(outside, ".env"), false, false},
		{"broken .git entry", filepath.Join(corrupt, ".env"), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Tracks(ctx, tt.path)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Fatalf("Tracks = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}

	t.Run("git missing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		got, err := Tracks(ctx, filepath.Join(dir, "tracked.txt"))
		if got || err == nil {
			t.Fatalf("Tracks without git = %v, %v; want an error", got, err)
		}
		if got, err := Tracks(ctx, filepath.Join(outside, ".env")); got || err != nil {
			t.Fatalf("Tracks outside a repo without git = %v, %v; want false, nil", got, err)
		}
	})
}

// TestEnvironmentCannotRedirect: GIT_DIR and injected config from the
// caller's environment (set inside hooks, for one) are dropped.
func TestEnvironmentCannotRedirect(t *testing.T) {
	dir := newRepo(t)
	other := newRepo(t)
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_CONFIG_COUNT", "1")
	t.Setenv("GIT_CONFIG_KEY_0", "core.quotepath")
	t.Setenv("GIT_CONFIG_VALUE_0", "on")
	if err := os.WriteFile(filepath.Join(dir, "ünï.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := Output(context.Background(), dir, nil, "ls-files", "--others", "-z")
	if err != nil {
		t.Fatal(err)
	}
	if got := SplitZ(out); len(got) != 1 || got[0] != "ünï.txt" {
		t.Fatalf("ls-files = %q; want the raw name from this repository", got)
	}
}

func TestIgnoreRule(t *testing.T) {
	dir := newRepo(t)
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.log\n!keep.log\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r, err := IgnoreRule(ctx, filepath.Join(dir, "a.log"))
	if err != nil || !r.Matched || r.Negated() || r.Source != ".gitignore:1" {
		t.Fatalf("a.log: %+v, %v", r, err)
	}
	r, err = IgnoreRule(ctx, filepath.Join(dir, "keep.log"))
	if err != nil || !r.Negated() {
		t.Fatalf("keep.log: %+v, %v", r, err)
	}
	r, err = IgnoreRule(ctx, filepath.Join(dir, ".env"))
	if err != nil || r.Matched {
		t.Fatalf(".env: %+v, %v", r, err)
	}
	if _, err := IgnoreRule(ctx, filepath.Join(t.TempDir(), ".env")); err != ErrNoRepo {
		t.Fatalf("outside: %v, want ErrNoRepo", err)
	}
}

func TestFindRoot(t *testing.T) {
	dir := newRepo(t)
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := FindRoot(sub); got != dir {
		t.Fatalf("FindRoot = %q, want %q", got, dir)
	}
	wt := t.TempDir() // a worktree or submodule has a .git file
	if err := os.WriteFile(filepath.Join(wt, ".git"), []byte("gitdir: /elsewhere\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := FindRoot(wt); got != wt {
		t.Fatalf("FindRoot(.git file) = %q, want %q", got, wt)
	}
	if got := FindRoot(t.TempDir()); got != "" {
		t.Fatalf("FindRoot outside = %q", got)
	}
}

func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Output(context.Background(), t.TempDir(), nil, "status"); err != ErrNoGit {
		t.Fatalf("err = %v, want ErrNoGit", err)
	}
}

// TestDroppedEnv: variables that redirect git, inject configuration or
// re-enable transports are dropped; the user's own config files are kept.
func TestDroppedEnv(t *testing.T) {
	for name, drop := range map[string]bool{
		"GIT_DIR": true, "GIT_WORK_TREE": true, "GIT_INDEX_FILE": true, "GIT_OBJECT_DIRECTORY": true,
		"GIT_CONFIG": true, "GIT_CONFIG_PARAMETERS": true, "GIT_CONFIG_COUNT": true, "GIT_CONFIG_KEY_0": true,
		"GIT_EXEC_PATH": true, "GIT_EXTERNAL_DIFF": true, "GIT_ALLOW_PROTOCOL": true, "GIT_SSH_COMMAND": true,
		"GIT_TRACE": true, "GIT_LITERAL_PATHSPECS": true,
		"GIT_CONFIG_GLOBAL": false, "GIT_CONFIG_NOSYSTEM": false, "HOME": false, "PATH": false, "GIT_AUTHOR_NAME": false,
	} {
		if got := droppedEnv(name); got != drop {
			t.Errorf("droppedEnv(%s) = %v, want %v", name, got, drop)
		}
	}
}

func TestIgnoreRulesOneCall(t *testing.T) {
	dir := newRepo(t)
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.log\n!keep.log\nsub/.env\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rules, err := IgnoreRules(context.Background(), dir, []string{"a.log", "keep.log", ".env", "sub/.env", "name with\nnewline.log"})
	if err != nil || len(rules) != 5 {
		t.Fatalf("rules %+v, %v", rules, err)
	}
	want := []struct {
		path, file, line, pattern string
		matched                   bool
	}{
		{"a.log", ".gitignore", "1", "*.log", true},
		{"keep.log", ".gitignore", "2", "!keep.log", true},
		{".env", "", "", "", false},
		{"sub/.env", ".gitignore", "3", "sub/.env", true},
		{"name with\nnewline.log", ".gitignore", "1", "*.log", true},
	}
	for i, w := range want {
		r := rules[i]
		if r.Path != w.path || r.Matched != w.matched || r.File != w.file || r.Line != w.line || r.Pattern != w.pattern {
			t.Errorf("rule %d = %+v, want %+v", i, r, w)
		}
	}
	if !rules[1].Negated() || rules[0].Negated() || rules[0].Source != ".gitignore:1" {
		t.Errorf("Negated/Source wrong: %+v", rules[:2])
	}
}
