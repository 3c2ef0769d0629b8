package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/spf13/cobra"
)

// insecureHTTPHelp is the help text of --insecure-http, on every command
// that sends a key.
const insecureHTTPHelp = "allow a plain-http base URL on another host: the key crosses the network unencrypted (never for a base URL from a dotenv file)"

// defaultAdminTimeout bounds a whole admin command: listing every project's
// keys is one call per project.
const defaultAdminTimeout = 30 * time.Second

// adminFlags are the flags every command that uses an admin key shares
// (keys now; provision and usage later).
type adminFlags struct {
	Stdin        bool
	BaseURL      string
	Timeout      time.Duration
	InsecureHTTP bool
}

func (f *adminFlags) add(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.BoolVar(&f.Stdin, "admin-key-stdin", false, "read the admin key from standard input instead of $"+openai.EnvAdminKey)
	fs.StringVar(&f.BaseURL, "base-url", "", "API base URL (default $"+openai.EnvBaseURL+", else "+openai.DefaultBaseURL+")")
	fs.DurationVar(&f.Timeout, "timeout", defaultAdminTimeout, "bound on the whole command")
	fs.BoolVar(&f.InsecureHTTP, "insecure-http", false, insecureHTTPHelp)
}

// adminSession is an admin key ready to use: the client, where it sends
// the key, and what discovery found in this folder.
type adminSession struct {
	Client    *admin.Client
	Key       apikey.Key
	Base      string // the API base URL the admin key goes to
	Host      string
	Timeout   time.Duration
	Inventory discover.Inventory
}

// openAdmin reads the admin key (standard input with --admin-key-stdin,
// else $OPENAI_ADMIN_KEY, else a hidden prompt at a terminal; never an
// argument or a file) and decides where it may be sent. withKeyStdin is
// set when the command also reads an API key from standard input. inv is
// the command's discovery when it already ran one; nil discovers here.
func openAdmin(a *app, f adminFlags, withKeyStdin bool, inv *discover.Inventory) (*adminSession, error) {
	if f.Stdin && withKeyStdin {
		return nil, usagef("--admin-key-stdin and --with-key both read standard input; put the admin key in %s instead", openai.EnvAdminKey)
	}
	if f.Timeout <= 0 {
		return nil, usagef("--timeout must be positive")
	}
	key, err := readAdminKey(a, f.Stdin)
	if err != nil {
		return nil, err
	}
	if inv == nil {
		found := discoverHere(a)
		inv = &found
	}
	base, from, trusted := checks.BaseURLForKeyNotInFile(f.BaseURL, *inv)
	host := openai.HostOf(base)
	if !trusted {
		return nil, fmt.Errorf("%s in %s points at %s, and an admin key is never sent to a base URL set in a file; if you trust %s, re-run with --base-url %s",
			openai.EnvBaseURL, from, host, host, base)
	}
	insecure, err := checks.PlainHTTPForKey(context.Background(), f.BaseURL, *inv, f.InsecureHTTP)
	if err != nil {
		return nil, err
	}
	if insecure {
		fmt.Fprintf(a.Err, "openai-setup: warning: the admin key goes to %s over plain http (--insecure-http): anyone on the network path can read it\n", host)
	}
	return &adminSession{
		Client: admin.New(a.NewClient(f.Timeout), base, key), Key: key, Base: base, Host: host,
		Timeout: f.Timeout, Inventory: *inv,
	}, nil
}

// readAdminKey returns an admin key, or an error that says how to get one.
func readAdminKey(a *app, fromStdin bool) (apikey.Key, error) {
	var raw, where string
	switch {
	case fromStdin && a.InTTY:
		fmt.Fprint(a.Err, "Paste your admin key (sk-admin-…, input hidden), then Enter: ")
		s, err := a.ReadSecret()
		fmt.Fprintln(a.Err)
		if err != nil {
			return apikey.Key{}, fmt.Errorf("could not read the admin key from the terminal: %w", err)
		}
		raw, where = s, "the admin key typed"
	case fromStdin:
		b, err := io.ReadAll(io.LimitReader(a.In, apikey.MaxInput+1))
		if err != nil {
			return apikey.Key{}, fmt.Errorf("could not read the admin key from standard input: %w", err)
		}
		raw, where = string(b), "standard input"
	case a.getenv(openai.EnvAdminKey) != "":
		raw, where = a.getenv(openai.EnvAdminKey), openai.EnvAdminKey
	case a.InTTY:
		fmt.Fprintf(a.Err, "No %s set. Paste an admin key (sk-admin-…, input hidden), then Enter: ", openai.EnvAdminKey)
		s, err := a.ReadSecret()
		fmt.Fprintln(a.Err)
		if err != nil {
			return apikey.Key{}, fmt.Errorf("could not read the admin key from the terminal: %w", err)
		}
		raw, where = s, "the admin key typed"
	}
	if err := apikey.CheckInput(raw); err != nil && raw != "" {
		if fromStdin { // like --with-key: input that is not one key is a usage error
			return apikey.Key{}, usagef("%s is not one admin key: %v", where, err)
		}
		return apikey.Key{}, fmt.Errorf("%s is not one admin key: %v", where, err)
	}
	cleaned, _ := apikey.Clean(raw)
	switch {
	case cleaned == "" && fromStdin && !a.InTTY:
		return apikey.Key{}, usagef("--admin-key-stdin: no admin key on standard input; pipe one in with printf '%%s' \"$ADMIN_KEY\" | …, or set " + openai.EnvAdminKey + " instead")
	case cleaned == "":
		return apikey.Key{}, errNoAdminKey
	}
	key := apikey.New(cleaned)
	if key.Kind() != apikey.KindAdmin {
		return apikey.Key{}, fmt.Errorf("%s (%s was not sent: it is a %s)", needsAdminKey, where, key.Kind().Label())
	}
	return key, nil
}

// The texts a wrong or missing admin key gets.
var (
	needsAdminKey = "this needs an admin key (sk-admin-…); only organization owners can create one, at " + openai.AdminKeysURL
	errNoAdminKey = errors.New("no admin key: set " + openai.EnvAdminKey + " or pipe one in with --admin-key-stdin; only organization owners can create one, at " + openai.AdminKeysURL)
)

// explainAdminError turns what the admin client returned into one sentence
// that says what to do.
func (s *adminSession) explainAdminError(err error) error {
	var apiErr *admin.Error
	var bodyErr *admin.BodyError
	var pageErr *admin.PagingError
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("no answer from %s within %s; try again, or raise --timeout", s.Host, s.Timeout)
	case errors.As(err, &apiErr):
		return explainAPIError(apiErr, s.Key)
	case errors.As(err, &bodyErr):
		return fmt.Errorf("%s did not answer like the OpenAI API (%s %s: %d): %s", s.Host, bodyErr.Method, bodyErr.Path, bodyErr.Status, bodyErr.Why)
	case errors.As(err, &pageErr):
		return fmt.Errorf("%s gave a list that does not end: %s", s.Host, pageErr.Why)
	}
	return fmt.Errorf("could not reach %s: %s", s.Host, apikey.Scrub(err.Error(), s.Key))
}

func explainAPIError(e *admin.Error, key apikey.Key) error {
	scopes := e.MissingScopes()
	has := func(want string) bool {
		for _, s := range scopes {
			if s == want {
				return true
			}
		}
		return false
	}
	switch {
	case has(admin.ScopeWrite):
		return fmt.Errorf("this admin key is read-only: create one with write permission at %s (organization owners can)", openai.AdminKeysURL)
	case has(admin.ScopeRead):
		return errors.New(needsAdminKey)
	case e.Status == 401 && e.Code == "invalid_api_key":
		return fmt.Errorf("the admin key %s was refused (401 invalid_api_key): it may have been deleted or mistyped; organization owners create admin keys at %s", key.Fingerprint(), openai.AdminKeysURL)
	}
	what := e.Code
	if what == "" {
		what = e.Type
	}
	return fmt.Errorf("the Admin API answered %d %s to %s %s: %s", e.Status, what, e.Method, e.Path, apikey.Scrub(e.Message, key))
}
