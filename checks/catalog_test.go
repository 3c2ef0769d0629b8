package checks

import "testing"

// Every key and API check in the catalog has a judge, and every judge a
// catalog entry: adding a check cannot half-wire it.
func TestEveryCheckHasAJudge(t *testing.T) {
	for _, g := range []struct {
		group  Group
		judged func(string) bool
		n      int
	}{
		{GroupKey, func(id string) bool { _, ok := keyJudges[id]; return ok }, len(keyJudges)},
		// key.owner is judged by keyOwner, not from the probes.
		{GroupAPI, func(id string) bool { _, ok := apiJudges()[id]; return ok || id == KeyOwner }, len(apiJudges()) + 1},
	} {
		ids := IDs(g.group)
		for _, id := range ids {
			if !g.judged(id) {
				t.Errorf("%s has no judge", id)
			}
		}
		if len(ids) != g.n {
			t.Errorf("group %s: %d checks, %d judges", g.group, len(ids), g.n)
		}
	}
	if len(IDs()) != len(Catalog()) {
		t.Errorf("IDs() lists %d of %d checks", len(IDs()), len(Catalog()))
	}
}
