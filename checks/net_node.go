package checks

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/tlsproxy"
)

// nodeProxy adds the node_ignores_proxy warning to net.reach's result r: a
// proxy variable is set, the work tree has a package.json and
// NODE_USE_ENV_PROXY is unset. Node's built-in fetch (which the openai
// package uses) ignores proxy variables unless NODE_USE_ENV_PROXY=1
// (Node.js 22.21+ and 24.5+), so doctor passing through the proxy does not
// mean the Node app will. environ is the process environment doctor read.
func nodeProxy(r Result, environ []string, inv discover.Inventory) Result {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	w, ok := tlsproxy.NodeIgnoresProxy(func(k string) string { return env[k] }, hasPackageJSON(inv.Dir, inv.GitRoot))
	if !ok {
		return r
	}
	return r.WithWarning(CodeNodeIgnoresProxy, w.Summary, fixes[CodeNodeIgnoresProxy].Do)
}

// hasPackageJSON reports whether a package.json is in dir or a folder above
// it up to root (the work tree's root; "" checks dir alone).
func hasPackageJSON(dir, root string) bool {
	for d := dir; d != ""; {
		if fi, err := os.Stat(filepath.Join(d, "package.json")); err == nil && fi.Mode().IsRegular() {
			return true
		}
		parent := filepath.Dir(d)
		if root == "" || d == root || parent == d {
			return false
		}
		d = parent
	}
	return false
}
