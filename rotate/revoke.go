package rotate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
)

// Revoker is what revoking through the Admin API needs; *admin.Client
// has it.
type Revoker interface {
	AllKeys(ctx context.Context) ([]admin.ListedKey, error)
	DeleteProjectAPIKey(ctx context.Context, projectID, keyID string) error
	DeleteServiceAccount(ctx context.Context, projectID, accountID string) error
}

// Receipt says what RevokeWithAdmin deleted.
type Receipt struct {
	What      string `json:"what"` // "project_api_key" or "service_account"
	Name      string `json:"name"`
	ID        string `json:"id"`
	Project   string `json:"project"`
	ProjectID string `json:"project_id"`
	// KeyID is the old key's id in the listing (what usage reports are
	// filtered by); KeyCreated when it was made (zero: not listed).
	KeyID      string    `json:"key_id,omitempty"`
	KeyCreated time.Time `json:"-"`
}

// What RevokeWithAdmin deletes.
const (
	DeletedKey            = "project_api_key"
	DeletedServiceAccount = "service_account"
)

// AdminError is why an Admin API step of the rotation (RevokeWithAdmin,
// CreateWithAdmin) did nothing. It matches its Err: ErrRevokeRefused or
// ErrCreateRefused (the listings do not single out the old key, or its
// project cannot take a service account), ErrRevokeFailed or
// ErrCreateFailed (an Admin API call failed).
type AdminError struct {
	Msg string // one sentence, no key material
	Err error  // one of the four errors above
	API error  // the admin client's error, when a call failed
}

func (e *AdminError) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrRevokeRefused …) work.
func (e *AdminError) Is(target error) bool { return target == e.Err }

// Unwrap gives the admin client's error.
func (e *AdminError) Unwrap() error { return e.API }

// RevokeWithAdmin deletes the old key through the Admin API: it finds the
// old key in every active project's listing, refuses when it fits none or
// several (the listings show only a key's ends), deletes a user's project
// key, and deletes a service account only when the listing shows the old key
// is its only key (otherwise it refuses and names the others). Call it only
// once the files hold the new key and it checked out; confirm with
// WaitRevoked.
func (s *Session) RevokeWithAdmin(ctx context.Context, c Revoker) (Receipt, error) {
	listed, err := c.AllKeys(ctx)
	if err != nil {
		return Receipt{}, &AdminError{Msg: "listing the organization's keys failed, so nothing was deleted", Err: ErrRevokeFailed, API: err}
	}
	l, err := s.findOld(listed, revokeRefusal)
	if err != nil {
		return Receipt{}, err
	}
	if l.Key.Owner.Type == "service_account" {
		return s.deleteServiceAccount(ctx, c, listed, l)
	}
	if err := c.DeleteProjectAPIKey(ctx, l.Project.ID, l.Key.ID); err != nil {
		return Receipt{}, &AdminError{Msg: fmt.Sprintf("deleting the project key %q (%s) failed", l.Key.Name, l.Key.ID), Err: ErrRevokeFailed, API: err}
	}
	return Receipt{What: DeletedKey, Name: l.Key.Name, ID: l.Key.ID, Project: l.Project.Name, ProjectID: l.Project.ID,
		KeyID: l.Key.ID, KeyCreated: l.Key.CreatedAt}, nil
}

// deleteServiceAccount deletes the service account owning l, only when l
// is the account's one listed key: deleting it stops all of its keys.
func (s *Session) deleteServiceAccount(ctx context.Context, c Revoker, listed []admin.ListedKey, l admin.ListedKey) (Receipt, error) {
	acct := l.Key.Owner
	var others []string
	for _, o := range listed {
		if o.Project.ID == l.Project.ID && o.Key.Owner.Type == "service_account" && o.Key.Owner.ID == acct.ID && o.Key.ID != l.Key.ID {
			others = append(others, fmt.Sprintf("%q (%s, %s)", o.Key.Name, o.Key.RedactedValue, o.Key.ID))
		}
	}
	if len(others) > 0 {
		return Receipt{}, &AdminError{Err: ErrRevokeRefused,
			Msg: fmt.Sprintf("%s belongs to the service account %q, which also has %s; deleting the account would stop those too, so nothing was deleted: revoke the key at %s", s.Old().Fingerprint(), acct.Name, strings.Join(others, ", "), KeysURL)}
	}
	if err := c.DeleteServiceAccount(ctx, l.Project.ID, acct.ID); err != nil {
		return Receipt{}, &AdminError{Msg: fmt.Sprintf("deleting the service account %q (%s) failed", acct.Name, acct.ID), Err: ErrRevokeFailed, API: err}
	}
	return Receipt{What: DeletedServiceAccount, Name: acct.Name, ID: acct.ID, Project: l.Project.Name, ProjectID: l.Project.ID,
		KeyID: l.Key.ID, KeyCreated: l.Key.CreatedAt}, nil
}

// refusal words one Admin API step says when the listings do not single
// out the old key: what was left undone, the verb it would have done to
// the wrong key, and what to do instead.
type refusal struct {
	err           error // ErrRevokeRefused or ErrCreateRefused
	nothing, verb string
	instead       string
}

var revokeRefusal = refusal{ErrRevokeRefused, "nothing was deleted", "delete", "revoke it at " + KeysURL}

// findOld is the one listed key the old key can be; refused when it fits
// none or more than one, since the listings show only a key's ends.
func (s *Session) findOld(listed []admin.ListedKey, r refusal) (admin.ListedKey, error) {
	fp := s.Old().Fingerprint()
	found := admin.Matching(listed, s.Old())
	switch len(found) {
	case 0:
		return admin.ListedKey{}, &AdminError{Err: r.err,
			Msg: fmt.Sprintf("%s is in none of the %d keys the admin key can list (another organization's key, or deleted already), so %s; %s", fp, len(listed), r.nothing, r.instead)}
	case 1:
		return found[0], nil
	}
	var names []string
	for _, l := range found {
		names = append(names, fmt.Sprintf("%q in %q (%s)", l.Key.Name, l.Project.Name, l.Key.ID))
	}
	return admin.ListedKey{}, &AdminError{Err: r.err,
		Msg: fmt.Sprintf("%d listed keys show the same ends as %s: %s; %s, so as not to %s the wrong one: %s", len(found), fp, strings.Join(names, ", "), r.nothing, r.verb, r.instead)}
}
