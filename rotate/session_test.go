package rotate

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestJudge(t *testing.T) {
	tests := []struct {
		before, seen KeyState
		ended        bool
		want         Revocation
	}{
		{KeyValid, KeyRevoked, false, RevokedNow},
		{KeyValid, KeyRevoked, true, RevokedNow},
		{KeyRevoked, KeyUnknown, false, RevokedAlready},
		{KeyValid, KeyValid, true, StillValid},
		{KeyValid, KeyUnknown, true, RevokeUnknown},
		{KeyUnknown, KeyValid, false, NotWaited}, // stopped while it still worked
		{KeyUnknown, KeyUnknown, false, NotWaited},
	}
	for _, tt := range tests {
		if got := Judge(tt.before, tt.seen, tt.ended); got != tt.want {
			t.Errorf("Judge(%s, %s, ended=%v) = %s, want %s", tt.before, tt.seen, tt.ended, got, tt.want)
		}
	}
}

func TestStatesMarshalAsTheirJSONNames(t *testing.T) {
	b, err := json.Marshal(map[string]any{
		"k": []KeyState{KeyUnknown, KeyValid, KeyRevoked},
		"r": []Revocation{NotWaited, RevokedNow, RevokedAlready, StillValid, RevokeUnknown},
	})
	want := `{"k":["unknown","still_valid","revoked"],"r":["not_waited","revoked","already_revoked","still_valid","unknown"]}`
	if err != nil || string(b) != want {
		t.Errorf("got %s, %v\nwant %s", b, err, want)
	}
	for _, r := range []Revocation{RevokedNow, RevokedAlready} {
		if !r.Revoked() || !r.Confirmed() {
			t.Errorf("%s: not revoked", r)
		}
	}
	for _, r := range []Revocation{StillValid, RevokeUnknown} {
		if r.Revoked() || r.Confirmed() || RevocationErr(r) == nil {
			t.Errorf("%s: taken for a success", r)
		}
	}
}

func TestCode(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{errors.New("other"), ""},
		{ErrNoKey, "no_key"},
		{ErrSameKey, "same_key"},
		{fmt.Errorf("2 of 3 file(s) refused: %w", ErrRefused), "replace_failed"},
		{fmt.Errorf("x: %w", ErrPartial), "replace_failed"},
		{ErrNewKeyFailed, "new_key_failed"},
		{ErrDeclined, "declined"},
		{RevocationErr(StillValid), "still_valid"},
		{RevocationErr(RevokeUnknown), "unknown"},
		{ErrInterrupted, "interrupted"},
	}
	for _, tt := range tests {
		if got := Code(tt.err); got != tt.want {
			t.Errorf("Code(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestTodos(t *testing.T) {
	zshrc := "/h/.zshrc"
	p := Places{
		Startup: []Line{
			{Path: zshrc, Line: 2, Name: "OPENAI_API_KEY"},
			{Path: zshrc, Line: 3},
			{Path: zshrc, Line: 5, Name: "OPENAI_API_KEY", Dynamic: true},
		},
		Environment: []string{"OPENAI_API_KEY"},
	}
	want := []Todo{
		{Kind: TodoStartupLine, Path: zshrc, Line: 2, Name: "OPENAI_API_KEY"},
		{Kind: TodoStartupCopy, Path: zshrc, Line: 3},
		{Kind: TodoStartupComputed, Path: zshrc, Line: 5, Name: "OPENAI_API_KEY"},
		{Kind: TodoEnvironment, Name: "OPENAI_API_KEY"},
	}
	if got := p.Todos(); !slices.Equal(got, want) {
		t.Errorf("Todos = %+v\nwant %+v", got, want)
	}
}

func TestChoose(t *testing.T) {
	inv := newProject(t).inventory()
	tests := []struct {
		want   string
		picked string
		errHas string
	}{
		{"", oldKey, ""},
		{apikey.Fingerprint(other), other, ""},
		{strings.ReplaceAll(apikey.Fingerprint(other), "…", "..."), other, ""},
		{other[len(other)-4:], other, ""},
		{"zzzz", "", "matches no configured key; the keys configured here are " + apikey.Fingerprint(oldKey)},
	}
	for _, tt := range tests {
		got, err := Choose(inv, tt.want)
		if got.Reveal() != tt.picked || (err == nil) != (tt.errHas == "") || err != nil && !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("Choose(%q) = %v, %v; want %s, %q", tt.want, got, err, apikey.Fingerprint(tt.picked), tt.errHas)
		}
	}
	if k, err := Choose(discover.Inventory{}, ""); !k.IsZero() || err != nil {
		t.Errorf("nothing configured: %v, %v", k, err)
	}
}

// newSession begins a rotation of oldKey in p against srv.
func newSession(t *testing.T, p project, srv *fakeapi.Server) *Session {
	t.Helper()
	cfg := Config{
		Checks: checks.Options{Discover: discover.Options{Dir: p.sub, Home: p.home, Environ: p.environ},
			BaseURL: srv.URL(), NoSpend: true, Timeout: 5 * time.Second},
		NewKeyChecks: []string{checks.KeyFormat, checks.APIAuth},
	}
	s, err := Begin(t.Context(), cfg, p.inventory(), apikey.New(oldKey))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSessionChecksTheOldKeyOnce(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithRevokeAfter(oldKey, 1))
	defer srv.Close()
	s := newSession(t, newProject(t), srv)
	if _, ok := s.CheckedOld(); ok {
		t.Fatal("an answer before any check")
	}
	first := s.CheckOld(t.Context())
	if first.State != KeyValid || !first.CanPoll() || first.History.ID != checks.GitHistory {
		t.Fatalf("first check %+v", first)
	}
	// The API now rejects the key: a second look must still be the first
	// answer, so every face tells the same story.
	if again := s.CheckOld(t.Context()); again.State != KeyValid {
		t.Errorf("second check asked the API again: %s", again.State)
	}
	if n := srv.Count("/v1/models"); n != 1 {
		t.Errorf("GET /models sent %d times, want 1", n)
	}
	got, err := s.WaitRevoked(t.Context(), time.Millisecond, time.Minute, nil)
	if got != KeyRevoked || err != nil {
		t.Errorf("wait = %s, %v", got, err)
	}
	if _, err := Begin(t.Context(), Config{}, discover.Inventory{}, apikey.Key{}); !errors.Is(err, ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
}

func TestSessionSkipChecksSendsNothing(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	s := newSession(t, newProject(t), srv)
	s.cfg.SkipChecks = true
	c := s.CheckOld(t.Context())
	if c.State != KeyUnknown || c.CanPoll() || c.Auth.Status != checks.Skip {
		t.Errorf("skipped check %+v", c)
	}
	if st, _ := s.WaitRevoked(t.Context(), time.Millisecond, time.Second, nil); st != KeyUnknown {
		t.Errorf("wait = %s", st)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests with SkipChecks", n)
	}
}

func TestSessionCheckNew(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newProject(t)
	s := newSession(t, p, srv)
	tests := []struct {
		key  string
		want error
	}{
		{oldKey, ErrSameKey},
		{fakeapi.Key("invalid_api_key"), ErrNewKeyFailed},
		{newKey, nil},
	}
	for _, tt := range tests {
		var seen []string
		_, err := s.CheckNew(t.Context(), apikey.New(tt.key), func(r checks.Result) { seen = append(seen, r.ID) })
		if !errors.Is(err, tt.want) || err == nil && !slices.Contains(seen, checks.APIAuth) {
			t.Errorf("CheckNew(%s) = %v after %v, want %v", apikey.Fingerprint(tt.key), err, seen, tt.want)
		}
	}
	// Replace with paths writes only those files.
	if _, err := s.Replace(t.Context(), []string{p.subEnv}, apikey.New(newKey), Options{}); err != nil {
		t.Fatal(err)
	}
	if read(t, p.rootEnv) != p.rootText || !strings.Contains(read(t, p.subEnv), newKey) {
		t.Error("Replace wrote outside the paths given")
	}
}

func TestSessionTodosIncludeWhatTheWriteLeft(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newProject(t)
	write(t, p.subEnv, p.subText+"# was "+oldKey+"\n")
	s := newSession(t, p, srv)
	before := len(s.Todos())
	if _, err := s.Replace(t.Context(), nil, apikey.New(newKey), Options{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if len(s.Todos()) != before {
		t.Error("a dry run added to-dos")
	}
	if _, err := s.Replace(t.Context(), nil, apikey.New(newKey), Options{}); err != nil {
		t.Fatal(err)
	}
	todos := s.Todos()
	if len(todos) != before+1 || todos[before] != (Todo{Kind: TodoCopy, Path: p.subEnv, Line: 3}) || !todos[before].InFile() {
		t.Errorf("to-dos %+v", todos[before:])
	}
}
