package rotate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// fakeRevoker serves fixed listings and records deletions.
type fakeRevoker struct {
	listed  []admin.ListedKey
	listErr error
	deleted []string // "key:<id>" or "account:<id>"
}

func (f *fakeRevoker) AllKeys(context.Context) ([]admin.ListedKey, error) { return f.listed, f.listErr }
func (f *fakeRevoker) DeleteProjectAPIKey(_ context.Context, _, id string) error {
	f.deleted = append(f.deleted, "key:"+id)
	return nil
}
func (f *fakeRevoker) DeleteServiceAccount(_ context.Context, _, id string) error {
	f.deleted = append(f.deleted, "account:"+id)
	return nil
}

// listedAs is a listing entry for secret, redacted the way the API shows it.
func listedAs(secret, id, name, ownerType, ownerID string) admin.ListedKey {
	return admin.ListedKey{Project: admin.Project{ID: "proj_1", Name: "app"},
		Key: admin.ProjectAPIKey{ID: id, Name: name, RedactedValue: secret[:8] + "****…" + secret[len(secret)-4:],
			Owner: admin.Owner{Type: ownerType, ID: ownerID, Name: ownerID}}}
}

func TestRevokeWithAdmin(t *testing.T) {
	old := fakeapi.Key("ok")
	lookalike := old[:len(old)/2] + "Z" + old[len(old)/2+1:]
	other := fakeapi.KeyVariant("ok", 1)
	tests := []struct {
		name    string
		listed  []admin.ListedKey
		listErr error
		want    Receipt
		deleted []string
		err     error
		msg     string // in the error
	}{
		{name: "user key", listed: []admin.ListedKey{listedAs(other, "key_2", "other", "user", "u2"), listedAs(old, "key_1", "laptop", "user", "u1")},
			want: Receipt{What: DeletedKey, Name: "laptop", ID: "key_1", Project: "app", ProjectID: "proj_1", KeyID: "key_1"}, deleted: []string{"key:key_1"}},
		{name: "service account's only key", listed: []admin.ListedKey{listedAs(old, "key_1", "Secret key", "service_account", "svc_1")},
			want: Receipt{What: DeletedServiceAccount, Name: "svc_1", ID: "svc_1", Project: "app", ProjectID: "proj_1", KeyID: "key_1"}, deleted: []string{"account:svc_1"}},
		{name: "service account with another key", listed: []admin.ListedKey{listedAs(old, "key_1", "Secret key", "service_account", "svc_1"), listedAs(other, "key_2", "second", "service_account", "svc_1")},
			err: ErrRevokeRefused, msg: `belongs to the service account "svc_1", which also has "second"`},
		{name: "not listed", listed: []admin.ListedKey{listedAs(other, "key_2", "other", "user", "u2")},
			err: ErrRevokeRefused, msg: "is in none of the 1 keys the admin key can list"},
		{name: "ambiguous", listed: []admin.ListedKey{listedAs(old, "key_1", "laptop", "user", "u1"), listedAs(lookalike, "key_3", "twin", "user", "u3")},
			err: ErrRevokeRefused, msg: `2 listed keys show the same ends as`},
		{name: "listing fails", listErr: errors.New("boom"), err: ErrRevokeFailed, msg: "listing the organization's keys failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Begin(t.Context(), Config{}, discover.Inventory{}, apikey.New(old))
			if err != nil {
				t.Fatal(err)
			}
			f := &fakeRevoker{listed: tt.listed, listErr: tt.listErr}
			got, err := s.RevokeWithAdmin(t.Context(), f)
			if !errors.Is(err, tt.err) || tt.err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want %v with %q", err, tt.err, tt.msg)
			}
			if got != tt.want || strings.Join(f.deleted, ",") != strings.Join(tt.deleted, ",") {
				t.Errorf("receipt %+v deleted %v; want %+v deleted %v", got, f.deleted, tt.want, tt.deleted)
			}
			if err != nil && strings.Contains(err.Error(), old[10:30]) {
				t.Errorf("the error holds the key: %v", err)
			}
		})
	}
}
