package checks

import (
	"context"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestRunnersWiredOrSkipped: the checks that live in packages importing
// this one run through Options.Hygiene and Options.Admin, which get what
// they need; without them those checks are reported skipped, never left out.
func TestRunnersWiredOrSkipped(t *testing.T) {
	key := apikey.New(fakeapi.Key("ok"))
	o := Options{Discover: discover.Options{Dir: t.TempDir(), Home: t.TempDir()}, Key: key,
		BaseURL: "http://127.0.0.1:9/v1", Only: []string{KeyOwner, EnvPerms}}
	byID := func(rep Report) map[string]Result {
		m := map[string]Result{}
		for _, r := range rep.Results {
			m[r.ID] = r
		}
		return m
	}

	got := byID(Run(t.Context(), o))
	for _, id := range []string{KeyOwner, EnvPerms} {
		if got[id].Status != Skip || got[id].Summary == "" {
			t.Errorf("%s without a runner = %+v, want skipped with a reason", id, got[id])
		}
	}

	var hygWants []string
	o.Hygiene = func(_ context.Context, in HygieneInput, want func(string) bool, emit func(...Result)) {
		for _, id := range IDs(GroupHygiene) {
			if want(id) {
				hygWants = append(hygWants, id)
			}
		}
		if in.Discover.Dir != o.Discover.Dir {
			t.Errorf("hygiene got Dir %q", in.Discover.Dir)
		}
		emit(Result{ID: EnvPerms, Status: Pass, Summary: "stub"})
	}
	made := 0
	o.Admin = func() AdminLookup {
		made++
		return stubLookup{owner: func(req OwnerRequest) Result {
			if !req.Key.Equal(key) || req.BaseURL != "http://127.0.0.1:9/v1" || !req.Trusted {
				t.Errorf("owner request %+v", req)
			}
			return Result{ID: KeyOwner, Status: Pass, Summary: "stub owner"}
		}}
	}
	got = byID(Run(t.Context(), o))
	if got[EnvPerms].Summary != "stub" || got[KeyOwner].Summary != "stub owner" {
		t.Errorf("results %+v, want the runners'", got)
	}
	if len(hygWants) != 1 || hygWants[0] != EnvPerms {
		t.Errorf("hygiene asked for %v, want only %s", hygWants, EnvPerms)
	}
	if Run(t.Context(), o); made != 2 {
		t.Errorf("two runs made %d admin lookups, want one each", made)
	}
}

// stubLookup answers key.owner with owner and adds no spend.
type stubLookup struct{ owner func(OwnerRequest) Result }

func (s stubLookup) Owner(_ context.Context, req OwnerRequest) Result { return s.owner(req) }
func (stubLookup) Spend(context.Context, OwnerRequest) func([]Result) []Result {
	return func(rs []Result) []Result { return rs }
}
