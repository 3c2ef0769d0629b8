package admin

import (
	"slices"
	"testing"
)

func TestMissingScopes(t *testing.T) {
	cases := []struct {
		msg  string
		want []string
	}{
		{"You have insufficient permissions for this operation. Missing scopes: api.management.write. Check that…", []string{"api.management.write"}},
		{"Missing scopes: api.usage.read, api.management.read.", []string{"api.usage.read", "api.management.read"}},
		{"Missing scope: model.request", []string{"model.request"}},
		{"Incorrect API key provided", nil},
	}
	for _, c := range cases {
		if got := (&Error{Message: c.msg}).MissingScopes(); !slices.Equal(got, c.want) {
			t.Errorf("MissingScopes(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
}
