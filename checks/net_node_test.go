package checks

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/testkit"
)

// node_ignores_proxy: a proxy variable, a package.json in the work tree and
// no NODE_USE_ENV_PROXY. net.reach still passes (the base URL is a loopback
// fake, which never goes through a proxy) and warns.
func TestNetReachNodeIgnoresProxy(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	key := "OPENAI_API_KEY=" + fakeapi.Key("ok")
	proxy := "HTTPS_PROXY=http://127.0.0.1:9"
	tests := []struct {
		name    string
		environ []string
		files   map[string]string
		sub     string // run from this folder of the work tree
		want    Status
	}{
		{"proxy, package.json", []string{key, proxy}, map[string]string{"package.json": "{}"}, "", Warn},
		{"lower-case http_proxy", []string{key, "http_proxy=http://127.0.0.1:9"}, map[string]string{"package.json": "{}"}, "", Warn},
		{"package.json at the repository root", []string{key, proxy}, map[string]string{"package.json": "{}", ".git/HEAD": "ref: refs/heads/main\n"}, "web/src", Warn},
		{"NODE_USE_ENV_PROXY set", []string{key, proxy, "NODE_USE_ENV_PROXY=1"}, map[string]string{"package.json": "{}"}, "", Pass},
		{"no package.json", []string{key, proxy}, nil, "", Pass},
		{"no proxy", []string{key}, map[string]string{"package.json": "{}"}, "", Pass},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testkit.Layout(t, root, t.TempDir(), tt.files)
			dir := filepath.Join(root, filepath.FromSlash(tt.sub))
			testkit.Write(t, filepath.Join(dir, ".keep"), "", 0o600)
			rep := Run(t.Context(), Options{Discover: discover.Options{Dir: dir, Environ: tt.environ}, BaseURL: srv.URL(), NoSpend: true,
				Client: apiTestClient(), Only: []string{NetReach}})
			r := apiByID(t, rep.Results, NetReach)
			if r.Status != tt.want {
				t.Fatalf("net.reach = %s/%s %q, want %s", r.Status, r.Code, r.Summary, tt.want)
			}
			if tt.want == Warn && (r.Code != CodeNodeIgnoresProxy || !strings.Contains(r.Fix, "NODE_USE_ENV_PROXY=1") ||
				!strings.Contains(r.Summary, "Node.js ignores it")) {
				t.Errorf("net.reach = %s %q fix %q", r.Code, r.Summary, r.Fix)
			}
		})
	}
}
