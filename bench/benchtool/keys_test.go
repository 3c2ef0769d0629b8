package main

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
)

func TestFakeKeyLayout(t *testing.T) {
	wantKind := map[string]apikey.Kind{
		"sk-proj-": apikey.KindProject, "sk-svcacct-": apikey.KindServiceAccount, "sk-admin-": apikey.KindAdmin,
		"sk-legacy": apikey.KindUser, formatNone: apikey.KindUserNone,
	}
	wantLen := map[string]int{"sk-proj-": 164, "sk-svcacct-": 167, "sk-admin-": 133, "sk-legacy": 51, formatNone: 56}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range keyFormats {
		t.Run(f.name, func(t *testing.T) {
			for range 200 {
				k := fakeKey(f, rng)
				if got := len(k); got != wantLen[f.name] {
					t.Fatalf("len = %d, want %d", got, wantLen[f.name])
				}
				if got := apikey.KindOf(k); got != wantKind[f.name] {
					t.Fatalf("KindOf = %q, want %q", got, wantKind[f.name])
				}
				if mid := k[len(f.prefix)+f.side:][:len(marker)]; mid != marker {
					t.Fatalf("marker at the middle = %q", mid)
				}
				if got := apikey.FindAll(`x = "` + k + `"`); len(got) != 1 || got[0] != k {
					t.Fatalf("FindAll = %q, want the key", got)
				}
				if last := k[len(k)-1]; !strings.ContainsRune(alnumChars, rune(last)) {
					t.Fatalf("last character %q is not alphanumeric", last)
				}
			}
		})
	}
}

func TestFakeKeysDeterministicAndDistinct(t *testing.T) {
	a, b := fakeKeys(7, 3), fakeKeys(7, 3)
	seen := map[string]bool{}
	for _, f := range keyFormats {
		if got := len(a[f.name]); got != 3 {
			t.Fatalf("%s: %d keys, want 3", f.name, got)
		}
		for i, k := range a[f.name] {
			if b[f.name][i] != k {
				t.Errorf("%s[%d] differs between runs with one seed", f.name, i)
			}
			fp := apikey.Fingerprint(k)
			if seen[fp] {
				t.Errorf("fingerprint %s repeats", fp)
			}
			seen[fp] = true
		}
	}
	if c := fakeKeys(8, 3); c["sk-proj-"][0] == a["sk-proj-"][0] {
		t.Error("another seed gave the same key")
	}
}
