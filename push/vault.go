package push

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// vault drives the HashiCorp Vault CLI. In `vault kv put -mount=M PATH
// NAME=-` the value "-" makes Vault read it from standard input (Vault's
// kv put docs: `echo "abcd1234" | vault kv put -mount=secret foo bar=-`),
// and `vault kv get -field=NAME` prints the value with no trailing newline.
type vault struct {
	mount, path string
}

// DefaultMount is the KV mount a dev server and most setups have.
const DefaultMount = "secret"

// vaultPathPattern keeps a mount or path to plain path characters: no
// leading dash (it would read as a flag), no "=" or "@" (Vault's argument
// syntax), no spaces.
var vaultPathPattern = regexp.MustCompile(`^[A-Za-z0-9_.][A-Za-z0-9_./-]*$`)

func newVault(o Options) (target, error) {
	if o.Repo != "" || o.Env != "" {
		return nil, &UsageError{"--repo and --env go with github, not vault"}
	}
	if o.Path == "" {
		return nil, &UsageError{"vault needs --path PATH: the secret's path under the mount, like myapp/openai"}
	}
	mount := o.Mount
	if mount == "" {
		mount = DefaultMount
	}
	for flag, v := range map[string]string{"--mount": mount, "--path": o.Path} {
		if !vaultPathPattern.MatchString(v) || strings.Contains(v, "..") {
			return nil, &UsageError{fmt.Sprintf("%s %q: use letters, digits and _ . / - only", flag, v)}
		}
	}
	return &vault{mount: strings.Trim(mount, "/"), path: strings.Trim(o.Path, "/")}, nil
}

func (v *vault) name() string                           { return "vault" }
func (v *vault) tool() string                           { return "vault" }
func (v *vault) resolve(context.Context, runner) *Error { return nil }
func (v *vault) where() string                          { return "Vault " + v.mount + "/" + v.path }

func (v *vault) missing() *Error {
	return &Error{Code: CodeCLIMissing, Msg: "vault (the HashiCorp Vault CLI) is not installed: not found on PATH",
		Fix: "install vault (https://developer.hashicorp.com/vault/install) or set the secret in the Vault UI at " + v.mount + "/" + v.path}
}

func (v *vault) loginCheck() []string { return []string{"vault", "token", "lookup"} }

func (v *vault) loggedOut(out string) *Error {
	return &Error{Code: CodeLoggedOut, Msg: "vault has no valid token (vault token lookup failed)",
		Fix: "run vault login (and check VAULT_ADDR points at your server), then try again", Output: out}
}

func (v *vault) write(name string) []string {
	return []string{"vault", "kv", "put", "-mount=" + v.mount, v.path, name + "=-"}
}

func (v *vault) readBack(name string) []string {
	return []string{"vault", "kv", "get", "-mount=" + v.mount, "-field=" + name, v.path}
}

// verify compares the value read back with the key, in memory, as keys:
// neither is ever printed, only their fingerprints.
func (v *vault) verify(out []byte, key apikey.Key, name string, _ time.Time) *Error {
	got := apikey.New(string(out))
	if got.Equal(key) {
		return nil
	}
	fix := fmt.Sprintf("set it again with no newline: printf '%%s' \"$OPENAI_API_KEY\" | vault kv put -mount=%s %s %s=- (openai-setup sent none, so look for a wrapper around vault on PATH)", v.mount, v.path, name)
	if trimmed := strings.TrimRight(string(out), "\r\n \t"); trimmed == key.Reveal() {
		return &Error{Code: CodeMismatch, Msg: fmt.Sprintf("Vault holds %s with %d extra trailing byte(s) (a newline or spaces), so apps reading it get a broken key", name, len(out)-len(trimmed)), Fix: fix}
	}
	return &Error{Code: CodeMismatch, Msg: fmt.Sprintf("the value read back from Vault (%s) is not the key pushed (%s)", got.Fingerprint(), key.Fingerprint()),
		Fix: "something else wrote " + v.mount + "/" + v.path + " at the same time, or a wrapper around vault changed the value: check which vault is on PATH and push again"}
}

func (v *vault) notes(string) []string {
	return []string{"vault kv put replaced every field at " + v.mount + "/" + v.path + " with this one (KV v2 keeps the earlier version)."}
}
