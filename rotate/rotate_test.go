package rotate

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

var (
	oldKey = fakeapi.KeyVariant("ok", 1)
	newKey = fakeapi.KeyVariant("ok", 2)
	other  = fakeapi.KeyVariant("ok", 3)
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	c := exec.Command("git", args...)
	c.Dir = dir
	c.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// project is a repository with the old key in the root .env (twice, under
// two names) and in sub/.env (quoted, CRLF), a different key in
// sub/.env.local, and the old key exported from ~/.zshrc into the
// environment.
type project struct {
	root, sub, home string
	rootEnv, subEnv string
	rootText        string
	subText         string
	environ         []string
}

func newProject(t *testing.T) project {
	t.Helper()
	p := project{root: t.TempDir(), home: t.TempDir()}
	p.sub = filepath.Join(p.root, "app")
	git(t, p.root, "init", "-q", "-b", "main")
	p.rootEnv, p.subEnv = filepath.Join(p.root, ".env"), filepath.Join(p.sub, ".env")
	p.rootText = "# shared\nDB_URL=postgres://u:p@h/db\nOPENAI_API_KEY=" + oldKey + "\nVITE_OPENAI_API_KEY=" + oldKey + "\nLAST=1"
	p.subText = "export OPENAI_API_KEY=\"" + oldKey + "\"\r\nPORT=8080\r\n"
	write(t, p.rootEnv, p.rootText)
	write(t, p.subEnv, p.subText)
	write(t, filepath.Join(p.sub, ".env.local"), "OPENAI_API_KEY="+other+"\n")
	write(t, filepath.Join(p.home, ".zshrc"), "alias ll='ls -l'\nexport OPENAI_API_KEY="+oldKey+"\n# MY_KEY="+oldKey+"\n")
	p.environ = []string{"PATH=/usr/bin:/bin", "OPENAI_API_KEY=" + oldKey}
	return p
}

func (p project) inventory() discover.Inventory {
	return discover.Run(discover.Options{Dir: p.sub, Home: p.home, Environ: p.environ})
}

func TestFind(t *testing.T) {
	p := newProject(t)
	inv := p.inventory()
	got := Find(t.Context(), inv, apikey.New("  "+oldKey+"\n"))
	if got.Old.Reveal() != oldKey {
		t.Errorf("Old = %v, want the cleaned key", got.Old)
	}
	type fileRow struct {
		path    string
		lines   []int
		names   []string
		tracked bool
	}
	var files []fileRow
	for _, f := range got.Files {
		r := fileRow{path: f.Path, tracked: f.Tracked}
		for _, l := range f.Lines {
			r.lines, r.names = append(r.lines, l.Line), append(r.names, l.Name)
		}
		files = append(files, r)
	}
	want := []fileRow{
		{p.subEnv, []int{1}, []string{"OPENAI_API_KEY"}, false},
		{p.rootEnv, []int{3, 4}, []string{"OPENAI_API_KEY", "VITE_OPENAI_API_KEY"}, false},
	}
	if len(files) != len(want) {
		t.Fatalf("Files = %+v, want %+v", files, want)
	}
	for i := range want {
		if files[i].path != want[i].path || !slices.Equal(files[i].lines, want[i].lines) || !slices.Equal(files[i].names, want[i].names) || files[i].tracked != want[i].tracked {
			t.Errorf("Files[%d] = %+v, want %+v", i, files[i], want[i])
		}
	}
	zshrc := filepath.Join(p.home, ".zshrc")
	wantStartup := []Line{{Path: zshrc, Line: 2, Name: "OPENAI_API_KEY"}, {Path: zshrc, Line: 3}}
	if !slices.Equal(got.Startup, wantStartup) {
		t.Errorf("Startup = %+v, want %+v", got.Startup, wantStartup)
	}
	if !slices.Equal(got.Environment, []string{"OPENAI_API_KEY"}) {
		t.Errorf("Environment = %v", got.Environment)
	}
	if len(got.Others) != 1 || got.Others[0].Path != filepath.Join(p.sub, ".env.local") {
		t.Errorf("Others = %+v, want sub/.env.local", got.Others)
	}
	if keys := Keys(inv); len(keys) != 2 || keys[0].Reveal() != oldKey || keys[1].Reveal() != other {
		t.Errorf("Keys = %v, want the old key (winning) then the other", keys)
	}
}

func TestFindTrackedAndNothing(t *testing.T) {
	p := newProject(t)
	git(t, p.root, "add", ".env")
	got := Find(t.Context(), p.inventory(), apikey.New(oldKey))
	if len(got.Files) != 2 || got.Files[0].Tracked || !got.Files[1].Tracked {
		t.Errorf("tracked = %+v, want only the root .env tracked", got.Files)
	}
	none := Find(t.Context(), p.inventory(), apikey.New(newKey))
	if !none.Empty() || len(none.Others) != 5 {
		t.Errorf("a key configured nowhere: %+v", none)
	}
	if z := Find(t.Context(), p.inventory(), apikey.Key{}); !z.Empty() {
		t.Errorf("zero key found: %+v", z)
	}
}

func TestReplaceKeepsEveryOtherByte(t *testing.T) {
	p := newProject(t)
	places := Find(t.Context(), p.inventory(), apikey.New(oldKey))
	res, err := Replace(t.Context(), places, apikey.New(newKey), Options{})
	if err != nil {
		t.Fatalf("Replace: %v", err)
	}
	wantRoot := strings.ReplaceAll(p.rootText, oldKey, newKey)
	wantSub := strings.Replace(p.subText, "\""+oldKey+"\"", newKey, 1) // the editor writes unquoted
	if got := read(t, p.rootEnv); got != wantRoot {
		t.Errorf("root .env =\n%q\nwant\n%q", got, wantRoot)
	}
	if got := read(t, p.subEnv); got != wantSub {
		t.Errorf("sub .env =\n%q\nwant\n%q", got, wantSub)
	}
	if got := read(t, filepath.Join(p.sub, ".env.local")); got != "OPENAI_API_KEY="+other+"\n" {
		t.Errorf(".env.local changed")
	}
	for _, r := range res {
		if !r.Written || r.Err != nil {
			t.Errorf("%s: written %v, err %v", r.Path, r.Written, r.Err)
		}
		for _, c := range r.Changes {
			if c.Action != envfile.Replaced {
				t.Errorf("%s: %v", r.Path, c)
			}
		}
	}
	if _, err := Replace(t.Context(), places, apikey.New(oldKey), Options{}); !errors.Is(err, ErrSameKey) {
		t.Errorf("same key: err = %v, want ErrSameKey", err)
	}
}

func TestReplacePlansBeforeWriting(t *testing.T) {
	tests := []struct {
		name      string
		track     bool
		opts      Options
		wantErr   error
		wantWrite bool
	}{
		{"dry run writes nothing", false, Options{DryRun: true}, nil, false},
		{"tracked file refused, nothing written anywhere", true, Options{}, ErrRefused, false},
		{"tracked dry run is refused too", true, Options{DryRun: true}, ErrRefused, false},
		{"force writes a tracked file", true, Options{Force: true}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject(t)
			if tt.track {
				git(t, p.root, "add", ".env")
			}
			places := Find(t.Context(), p.inventory(), apikey.New(oldKey))
			res, err := Replace(t.Context(), places, apikey.New(newKey), tt.opts)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			written := read(t, p.rootEnv) != p.rootText || read(t, p.subEnv) != p.subText
			if written != tt.wantWrite {
				t.Errorf("files written = %v, want %v", written, tt.wantWrite)
			}
			if len(res) != 2 {
				t.Fatalf("results = %d, want one per file", len(res))
			}
			if tt.wantErr != nil && (res[0].Err != nil || !errors.Is(res[1].Err, envfile.ErrTracked)) {
				t.Errorf("per-file errors = %v, %v; want only the root .env refused", res[0].Err, res[1].Err)
			}
			for _, r := range res {
				if len(r.Changes) == 0 {
					t.Errorf("%s: no planned changes to show", r.Path)
				}
				if r.Err != nil && strings.Contains(err.Error()+r.Err.Error(), newKey[10:30]) {
					t.Errorf("error leaks the key")
				}
			}
		})
	}
}

func TestReplaceRefusesAVanishedFile(t *testing.T) {
	p := newProject(t)
	places := Find(t.Context(), p.inventory(), apikey.New(oldKey))
	gone := filepath.Join(p.root, "gone", ".env")
	places.Files = append(places.Files, File{Path: gone, Lines: []Line{{Path: gone, Line: 1, Name: Variable}}})
	res, err := Replace(t.Context(), places, apikey.New(newKey), Options{})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	if len(res) != 3 || !errors.Is(res[2].Err, ErrGone) || res[0].Err != nil || res[1].Err != nil {
		t.Errorf("results = %+v", res)
	}
	if read(t, p.rootEnv) != p.rootText || read(t, p.subEnv) != p.subText {
		t.Errorf("a refused plan wrote files")
	}
	if _, err := os.Stat(gone); err == nil {
		t.Errorf("Replace created a file")
	}
}

func TestStateOf(t *testing.T) {
	tests := []struct {
		r    checks.Result
		want KeyState
	}{
		{checks.Result{Status: checks.Pass}, KeyValid},
		{checks.Result{Status: checks.Warn, Code: "rate_limited"}, KeyValid},
		{checks.Result{Status: checks.Fail, Code: "invalid_api_key"}, KeyRevoked},
		{checks.Result{Status: checks.Fail, Code: "connect"}, KeyUnknown},
		{checks.Result{Status: checks.Fail, Code: "timeout"}, KeyUnknown},
		{checks.Result{Status: checks.Fail, Code: "server_error"}, KeyUnknown},
		{checks.Result{Status: checks.Fail, Code: "mismatched_project"}, KeyUnknown},
		{checks.Result{Status: checks.Skip}, KeyUnknown},
	}
	for _, tt := range tests {
		if got := StateOf(tt.r); got != tt.want {
			t.Errorf("StateOf(%s %s) = %s, want %s", tt.r.Status, tt.r.Code, got, tt.want)
		}
	}
}

func request(url, key string) checks.APIRequest {
	return checks.APIRequest{BaseURL: url, Key: apikey.New(key), Client: &http.Client{Timeout: 5 * time.Second}}
}

func TestWaitRevoked(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithRevokeAfter(oldKey, 2))
	defer srv.Close()
	var polls []Poll
	got, err := WaitRevoked(t.Context(), request(srv.URL(), oldKey), time.Millisecond, time.Minute, func(p Poll) { polls = append(polls, p) })
	if err != nil || got != KeyRevoked {
		t.Fatalf("WaitRevoked = %s, %v; want revoked", got, err)
	}
	var states []KeyState
	for i, p := range polls {
		states = append(states, p.State)
		if p.Attempt != i+1 {
			t.Errorf("poll %d has attempt %d", i, p.Attempt)
		}
	}
	if want := []KeyState{KeyValid, KeyValid, KeyRevoked}; !slices.Equal(states, want) {
		t.Errorf("states = %v, want %v", states, want)
	}
	for _, r := range srv.Requests() {
		if r.Path != "/v1/models" || r.Paid {
			t.Errorf("polling sent %s %s", r.Method, r.Path)
		}
	}
}

func TestWaitRevokedStillValid(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	n := 0
	got, err := WaitRevoked(t.Context(), request(srv.URL(), oldKey), time.Hour, 0, func(Poll) { n++ })
	if err != nil || got != KeyValid || n != 1 {
		t.Errorf("WaitRevoked(wait 0) = %s, %v after %d polls; want still_valid after 1", got, err, n)
	}
}

func TestWaitRevokedNeverGuessesFromNetworkErrors(t *testing.T) {
	srv := fakeapi.New()
	url := srv.URL()
	srv.Close() // connection refused from now on
	var states []KeyState
	got, err := WaitRevoked(t.Context(), request(url, oldKey), time.Millisecond, 20*time.Millisecond, func(p Poll) { states = append(states, p.State) })
	if err != nil || got != KeyUnknown {
		t.Errorf("WaitRevoked against a dead server = %s, %v; want unknown", got, err)
	}
	if len(states) < 2 || slices.Contains(states, KeyRevoked) {
		t.Errorf("states = %v", states)
	}
}

func TestWaitRevokedCancels(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	got, err := WaitRevoked(ctx, request(srv.URL(), oldKey), time.Hour, time.Hour, func(Poll) { cancel() })
	if !errors.Is(err, context.Canceled) || got != KeyValid {
		t.Errorf("cancelled wait = %s, %v; want still_valid, context.Canceled", got, err)
	}
}
