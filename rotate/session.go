package rotate

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
)

// Config is how a Session reaches the API and the disk.
type Config struct {
	// Checks is the base of every check rotate runs (discovery, base URL,
	// model, no-spend, timeout, client); Key, Only and OnResult are set
	// per call.
	Checks checks.Options
	// NewKeyChecks are the check ids run on the new key.
	NewKeyChecks []string
	// SkipChecks makes no network call: the old key is not asked about and
	// its revocation is not waited for.
	SkipChecks bool
	// PollClient sends the revocation wait's polls; nil: one with a 10s timeout.
	PollClient *http.Client
}

// Session is one rotation: the procedure every face (printed steps, JSON,
// the wizard) drives. It prints nothing; its methods return data and the
// typed errors of errors.go. It is safe for use from several goroutines.
type Session struct {
	cfg    Config
	inv    discover.Inventory
	places Places

	mu      sync.Mutex
	old     OldCheck
	oldDone bool

	leftMu sync.Mutex
	left   []Todo // what the last write left in the files it wrote
}

// Begin finds every place the old key lives. old is usually Choose's pick;
// a zero old is ErrNoKey.
func Begin(ctx context.Context, cfg Config, inv discover.Inventory, old apikey.Key) (*Session, error) {
	if old.IsZero() {
		return nil, ErrNoKey
	}
	return &Session{cfg: cfg, inv: inv, places: Find(ctx, inv, old)}, nil
}

// Places is where the old key was found.
func (s *Session) Places() Places { return s.places }

// Old is the key being replaced.
func (s *Session) Old() apikey.Key { return s.places.Old }

// Inventory is what discovery found.
func (s *Session) Inventory() discover.Inventory { return s.inv }

// InUse reports whether the old key is the one apps here read.
func (s *Session) InUse() bool {
	ks := s.inv.KeySource
	if ks == nil {
		return false
	}
	c, _ := apikey.Clean(ks.Value.Reveal())
	return s.Old().Equal(apikey.New(c))
}

// OtherKeys are the configured keys other than the old one.
func (s *Session) OtherKeys() []apikey.Key {
	var out []apikey.Key
	for _, k := range Keys(s.inv) {
		if !k.Equal(s.Old()) {
			out = append(out, k)
		}
	}
	return out
}

// OldCheck is what the API and git history say about the old key.
type OldCheck struct {
	State   KeyState
	Auth    checks.Result // api.auth (a skip with --skip-checks)
	History checks.Result // git.history
	req     *checks.APIRequest
}

// CanPoll reports whether the old key can be sent to the API again.
func (c OldCheck) CanPoll() bool { return c.req != nil }

// CheckOld asks the API about the old key and scans git history for it,
// once: every later call, from any face, gets the same answer (a call
// cut short by its ctx is not kept).
func (s *Session) CheckOld(ctx context.Context) OldCheck {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.oldDone {
		return s.old
	}
	c := s.checkOld(ctx)
	if ctx.Err() == nil {
		s.old, s.oldDone = c, true
	}
	return c
}

// CheckedOld is CheckOld's answer if there is one yet; it never waits.
func (s *Session) CheckedOld() (OldCheck, bool) {
	if !s.mu.TryLock() {
		return OldCheck{}, false
	}
	defer s.mu.Unlock()
	return s.old, s.oldDone
}

func (s *Session) checkOld(ctx context.Context) OldCheck {
	o := s.cfg.Checks
	o.Key, o.OnResult = s.Old(), nil
	o.Only = []string{checks.APIAuth, checks.GitHistory}
	if s.cfg.SkipChecks {
		o.Only = []string{checks.GitHistory}
	}
	rep := checks.Run(ctx, o)
	c := OldCheck{Auth: resultFor(rep, checks.APIAuth), History: resultFor(rep, checks.GitHistory)}
	c.State = StateOf(c.Auth)
	if c.Auth.Status != checks.Skip && rep.BaseURL != "" {
		client := s.cfg.PollClient
		if client == nil {
			client = &http.Client{Timeout: 10 * time.Second}
		}
		c.req = &checks.APIRequest{BaseURL: rep.BaseURL, Key: s.Old(), OrgID: s.inv.OrgID.Value,
			ProjectID: s.inv.ProjectID.Value, Client: client}
	}
	return c
}

// CheckNew checks newKey, calling onResult (when set) per result as it is
// ready. ErrSameKey when it is the old key, ErrNewKeyFailed when a check
// failed: nothing may be written then.
func (s *Session) CheckNew(ctx context.Context, newKey apikey.Key, onResult func(checks.Result)) (checks.Report, error) {
	return checkNew(ctx, s.cfg, s.Old(), newKey, onResult)
}

func checkNew(ctx context.Context, cfg Config, old, newKey apikey.Key, onResult func(checks.Result)) (checks.Report, error) {
	if newKey.Equal(old) {
		return checks.Report{}, ErrSameKey
	}
	o := cfg.Checks
	o.Key, o.Only, o.OnResult = newKey, cfg.NewKeyChecks, onResult
	rep := checks.Run(ctx, o)
	if !rep.OK() {
		return rep, ErrNewKeyFailed
	}
	return rep, nil
}

// CheckNewAt is CheckNew against baseURL instead of the configured base
// URL: a key the API recognised but sent to its project's regional host.
func (s *Session) CheckNewAt(ctx context.Context, newKey apikey.Key, baseURL string, onResult func(checks.Result)) (checks.Report, error) {
	cfg := s.cfg
	cfg.Checks.BaseURL = baseURL
	return checkNew(ctx, cfg, s.Old(), newKey, onResult)
}

// Replace plans (o.DryRun) or writes newKey into the files at paths, nil
// meaning every file holding the old key; see Replace.
func (s *Session) Replace(ctx context.Context, paths []string, newKey apikey.Key, o Options) ([]FileResult, error) {
	sel := s.places
	if paths != nil {
		sel.Files = nil
		for _, f := range s.places.Files {
			if slices.Contains(paths, f.Path) {
				sel.Files = append(sel.Files, f)
			}
		}
	}
	results, err := Replace(ctx, sel, newKey, o)
	if !o.DryRun {
		var left []Todo
		for _, r := range results {
			left = append(left, r.Left...)
		}
		s.leftMu.Lock()
		s.left = left
		s.leftMu.Unlock()
	}
	return results, err
}

// Todos are the changes left to the user: those of Places.Todos, then what
// the last write left in the .env files (copies of the old key, lines
// holding another key).
func (s *Session) Todos() []Todo {
	s.leftMu.Lock()
	defer s.leftMu.Unlock()
	return append(s.places.Todos(), s.left...)
}

// WaitRevoked polls the old key until the API rejects it, for at most
// wait (see the function WaitRevoked). It first waits for CheckOld's
// answer; KeyUnknown when the key cannot be sent.
func (s *Session) WaitRevoked(ctx context.Context, interval, wait time.Duration, onPoll func(Poll)) (KeyState, error) {
	c := s.CheckOld(ctx)
	if c.req == nil || s.cfg.SkipChecks {
		return KeyUnknown, ctx.Err()
	}
	return WaitRevoked(ctx, *c.req, interval, wait, onPoll)
}

// resultFor returns the result with id, or a skip.
func resultFor(rep checks.Report, id string) checks.Result {
	for _, r := range rep.Results {
		if r.ID == id {
			return r
		}
	}
	return checks.Result{ID: id, Status: checks.Skip, Summary: "not checked"}
}

// UnknownOldError is Choose's error when want names no key, or more than
// one: a sentence naming the fingerprints configured here.
type UnknownOldError struct{ msg string }

func (e *UnknownOldError) Error() string { return e.msg }

// Choose picks the key to rotate: the one apps here use when want is "",
// else the configured key whose fingerprint (sk-proj-…Ab3d, or with "...")
// or last four characters is want. A zero key and no error: nothing is
// configured.
func Choose(inv discover.Inventory, want string) (apikey.Key, error) {
	keys := Keys(inv)
	if want == "" {
		if len(keys) == 0 {
			return apikey.Key{}, nil
		}
		return keys[0], nil
	}
	want = strings.TrimSpace(want)
	var match, list []string
	var picked apikey.Key
	for _, k := range keys {
		fp := k.Fingerprint()
		list = append(list, fp)
		if fp == want || strings.ReplaceAll(fp, "…", "...") == want || len(want) == 4 && strings.HasSuffix(k.Reveal(), want) {
			match, picked = append(match, fp), k
		}
	}
	found := "no key is configured here"
	if len(list) > 0 {
		found = "the keys configured here are " + strings.Join(list, ", ")
	}
	switch len(match) {
	case 0:
		return apikey.Key{}, &UnknownOldError{fmt.Sprintf("--old %s matches no configured key; %s", apikey.Scrub(want), found)}
	case 1:
		return picked, nil
	}
	return apikey.Key{}, &UnknownOldError{fmt.Sprintf("--old %s matches %d keys; give the whole fingerprint: %s", apikey.Scrub(want), len(match), found)}
}
