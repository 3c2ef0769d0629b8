package discover

import (
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func TestAdminKeyFromEnvironment(t *testing.T) {
	tests := []struct {
		environ []string
		want    string
	}{
		{nil, ""},
		{[]string{"OPENAI_ADMIN_KEY=" + fakeapi.AdminKey("admin")}, fakeapi.AdminKey("admin")},
		{[]string{"OPENAI_ADMIN_KEY=x", "OPENAI_ADMIN_KEY=\"" + fakeapi.AdminKey("admin") + "\" "}, fakeapi.AdminKey("admin")},
		{[]string{"XOPENAI_ADMIN_KEY=" + fakeapi.AdminKey("admin")}, ""},
	}
	for i, tt := range tests {
		if got := Run(Options{Dir: t.TempDir(), Home: t.TempDir(), Environ: tt.environ}).AdminKey.Reveal(); got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, apikey.New(got).Fingerprint(), apikey.New(tt.want).Fingerprint())
		}
	}
}
