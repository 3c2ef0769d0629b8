package rotate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
)

// DefaultProjectName is the organization's first project, which cannot
// hold service accounts: a new key for an old key there is made on the
// dashboard.
const DefaultProjectName = "Default project"

// Creator is what making the new key through the Admin API needs;
// *admin.Client has it.
type Creator interface {
	AllKeys(ctx context.Context) ([]admin.ListedKey, error)
	CreateServiceAccount(ctx context.Context, projectID, name string, expiresIn time.Duration) (admin.CreatedServiceAccount, error)
}

// Created is the service account CreateWithAdmin made, and its key (the
// new key, which the API shows this once).
type Created struct {
	Project admin.Project
	Account admin.ServiceAccount
	KeyID   string
	Key     apikey.Key
}

var createRefusal = refusal{ErrCreateRefused, "no key was created", "create a key for",
	"create the new key at " + KeysURL + " and pass it with --with-key"}

// CreateWithAdmin makes the new key as a service account named name in the
// old key's project, which it finds in the Admin API's listings as
// RevokeWithAdmin does: refused when the old key fits no listed key or
// several, and for the Default project, which cannot take service
// accounts. Nothing is created when it refuses. The one write comes last,
// so a read-only admin key leaves nothing behind.
func (s *Session) CreateWithAdmin(ctx context.Context, c Creator, name string) (Created, error) {
	listed, err := c.AllKeys(ctx)
	if err != nil {
		return Created{}, &AdminError{Msg: "listing the organization's keys failed, so no key was created", Err: ErrCreateFailed, API: err}
	}
	l, err := s.findOld(listed, createRefusal)
	if err != nil {
		return Created{}, err
	}
	if IsDefaultProject(l.Project) {
		return Created{}, &AdminError{Err: ErrCreateRefused,
			Msg: fmt.Sprintf("%s is in the %q, which cannot hold service accounts, so no key was created through the Admin API; %s", s.Old().Fingerprint(), l.Project.Name, createRefusal.instead)}
	}
	acc, err := c.CreateServiceAccount(ctx, l.Project.ID, name, 0)
	if err != nil {
		return Created{}, &AdminError{Msg: fmt.Sprintf("creating the service account %q in project %q (%s) failed", name, l.Project.Name, l.Project.ID), Err: ErrCreateFailed, API: err}
	}
	return Created{Project: l.Project, Account: acc.ServiceAccount, KeyID: acc.KeyID, Key: acc.Key}, nil
}

// IsDefaultProject reports whether p is the organization's Default project.
func IsDefaultProject(p admin.Project) bool {
	return strings.EqualFold(strings.TrimSpace(p.Name), DefaultProjectName)
}
