package checks

import (
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
	w, ok := tlsproxy.NodeIgnoresProxy(discover.Getenv(environ), discover.HasPackageJSON(inv.Dir, inv.GitRoot))
	if !ok {
		return r
	}
	return r.WithWarning(CodeNodeIgnoresProxy, w.Summary, fixes[CodeNodeIgnoresProxy].Do)
}
