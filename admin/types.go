package admin

import (
	"encoding/json"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// Project is one project of the organization.
type Project struct {
	ID         string
	Name       string
	Status     string // "active" or "archived"
	CreatedAt  time.Time
	ArchivedAt time.Time // zero when not archived
}

// Owner is who a project key belongs to.
type Owner struct {
	Type  string // "user" or "service_account"
	ID    string
	Name  string
	Email string // users only
}

// Label is the owner as people know it: a user's e-mail (else name), a
// service account's name.
func (o Owner) Label() string {
	if o.Email != "" {
		return o.Email
	}
	return o.Name
}

// ProjectAPIKey is one key in a project's listing. The API shows only a
// redacted form of it.
type ProjectAPIKey struct {
	ID            string
	Name          string
	RedactedValue string
	CreatedAt     time.Time
	LastUsedAt    time.Time // zero: never used
	Owner         Owner
}

// ServiceAccount is a project's service account (no key).
type ServiceAccount struct {
	ID        string
	Name      string
	Role      string
	CreatedAt time.Time
}

// CreatedServiceAccount is a new service account and its key, which the API
// shows this once.
type CreatedServiceAccount struct {
	ServiceAccount
	KeyID string
	Key   apikey.Key
}

// unix is a Unix-seconds timestamp that may be null.
type unix struct{ time.Time }

func (u *unix) UnmarshalJSON(b []byte) error {
	var n *float64
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	if n != nil {
		u.Time = time.Unix(int64(*n), 0).UTC()
	}
	return nil
}

// Wire shapes, decoded then copied into the exported types.
type (
	wireProject struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Status     string `json:"status"`
		CreatedAt  unix   `json:"created_at"`
		ArchivedAt unix   `json:"archived_at"`
	}
	wirePerson struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	wireKey struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		RedactedValue string `json:"redacted_value"`
		CreatedAt     unix   `json:"created_at"`
		LastUsedAt    unix   `json:"last_used_at"`
		Owner         struct {
			Type           string      `json:"type"`
			User           *wirePerson `json:"user"`
			ServiceAccount *wirePerson `json:"service_account"`
		} `json:"owner"`
	}
	wireServiceAccount struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		Role      string `json:"role"`
		CreatedAt unix   `json:"created_at"`
	}
)

func (w wireProject) project() Project {
	return Project{ID: w.ID, Name: w.Name, Status: w.Status, CreatedAt: w.CreatedAt.Time, ArchivedAt: w.ArchivedAt.Time}
}

func (w wireKey) key() ProjectAPIKey {
	// A redacted value is the server's to redact: should a gateway send a
	// whole key, every caller gets its fingerprint instead.
	k := ProjectAPIKey{ID: w.ID, Name: w.Name, RedactedValue: apikey.Scrub(w.RedactedValue),
		CreatedAt: w.CreatedAt.Time, LastUsedAt: w.LastUsedAt.Time, Owner: Owner{Type: w.Owner.Type}}
	p := w.Owner.User
	if w.Owner.Type == "service_account" {
		p = w.Owner.ServiceAccount
	}
	if p != nil {
		k.Owner.ID, k.Owner.Name, k.Owner.Email = p.ID, p.Name, p.Email
	}
	return k
}

func (w wireServiceAccount) account() ServiceAccount {
	return ServiceAccount{ID: w.ID, Name: w.Name, Role: w.Role, CreatedAt: w.CreatedAt.Time}
}
