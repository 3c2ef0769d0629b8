package main

import (
	"testing"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// TestNoScenarioLeaksTheKey runs doctor on every scenario the fake API
// plays, in text and JSON, and checks that neither the key nor any
// 12-character slice of its secret part reaches stdout or stderr.
func TestNoScenarioLeaksTheKey(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	for _, sc := range fakeapi.Scenarios() {
		if sc == "hang" || sc == "slow" {
			continue // covered with a short timeout elsewhere; they only add waiting here
		}
		t.Run(sc, func(t *testing.T) {
			key := fakeapi.Key(sc)
			for _, args := range [][]string{{"doctor", "-v"}, {"doctor", "--json"}} {
				tr := newTestRun(t, "OPENAI_API_KEY="+key)
				tr.run(t, append(args, "--base-url", srv.URL(), "--timeout", "5s")...)
				if tr.out.Len() == 0 {
					t.Fatalf("%v printed nothing", args)
				}
				assertNoLeak(t, key, tr.out.String()+tr.err.String())
			}
		})
	}
}
