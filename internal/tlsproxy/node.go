package tlsproxy

import "strings"

// proxyVars are the variables a proxy is set in, in the order curl and Go
// look at them for an https URL.
var proxyVars = []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}

// EnvNodeUseEnvProxy makes recent Node.js releases honour HTTP_PROXY,
// HTTPS_PROXY and NO_PROXY in fetch (and, later, the http modules); without
// it Node.js ignores them.
const EnvNodeUseEnvProxy = "NODE_USE_ENV_PROXY"

// NodeProxyWarning is the node_ignores_proxy finding.
type NodeProxyWarning struct {
	Var     string // the proxy variable set, e.g. HTTPS_PROXY
	Summary string
	Fix     string
}

// NodeIgnoresProxy reports the trap of a Node.js project behind a proxy:
// a proxy variable is set, the work tree has a package.json (hasPackageJSON,
// which the caller looks up) and NODE_USE_ENV_PROXY is unset, so the openai
// Node SDK (and fetch) connect directly and fail or hang while curl and
// Python work. ok is false when the trap does not apply.
func NodeIgnoresProxy(getenv func(string) string, hasPackageJSON bool) (w NodeProxyWarning, ok bool) {
	if !hasPackageJSON || strings.TrimSpace(getenv(EnvNodeUseEnvProxy)) != "" {
		return w, false
	}
	for _, v := range proxyVars {
		if strings.TrimSpace(getenv(v)) != "" {
			w.Var = v
			break
		}
	}
	if w.Var == "" {
		return w, false
	}
	w.Summary = w.Var + " is set, but Node.js ignores it unless " + EnvNodeUseEnvProxy + "=1, so Node.js code in this project (such as the openai package) would connect directly, past the proxy"
	w.Fix = "export " + EnvNodeUseEnvProxy + "=1 (older Node.js releases ignore it), or give the client undici's EnvHttpProxyAgent as fetchOptions.dispatcher"
	return w, true
}
