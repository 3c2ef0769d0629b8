package rotate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/admin"
	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// fakeCreator serves fixed listings and records the service accounts made.
type fakeCreator struct {
	listed    []admin.ListedKey
	listErr   error
	createErr error
	created   []string // "<project id>/<name>"
}

func (f *fakeCreator) AllKeys(context.Context) ([]admin.ListedKey, error) { return f.listed, f.listErr }
func (f *fakeCreator) CreateServiceAccount(_ context.Context, projectID, name string, _ time.Duration) (admin.CreatedServiceAccount, error) {
	if f.createErr != nil {
		return admin.CreatedServiceAccount{}, f.createErr
	}
	f.created = append(f.created, projectID+"/"+name)
	return admin.CreatedServiceAccount{ServiceAccount: admin.ServiceAccount{ID: "svc_new", Name: name}, KeyID: "key_new",
		Key: apikey.New(fakeapi.KeyVariant("ok", 9))}, nil
}

// inProject is listedAs in another project.
func inProject(l admin.ListedKey, id, name string) admin.ListedKey {
	l.Project = admin.Project{ID: id, Name: name}
	return l
}

// TestCreateWithAdmin: the new key is made as a service account in the old
// key's project, found as RevokeWithAdmin finds it; nothing is made when
// the listings do not single the old key out, or it is in the Default
// project.
func TestCreateWithAdmin(t *testing.T) {
	old := fakeapi.Key("ok")
	lookalike := old[:len(old)/2] + "Z" + old[len(old)/2+1:]
	other := fakeapi.KeyVariant("ok", 1)
	tests := []struct {
		name      string
		listed    []admin.ListedKey
		listErr   error
		createErr error
		created   []string
		err       error
		msg       string
	}{
		{name: "user key in a project", listed: []admin.ListedKey{listedAs(other, "key_2", "other", "user", "u2"), listedAs(old, "key_1", "laptop", "user", "u1")},
			created: []string{"proj_1/app-host-2026-12"}},
		{name: "service account's key", listed: []admin.ListedKey{listedAs(old, "key_1", "bot", "service_account", "svc_1")},
			created: []string{"proj_1/app-host-2026-12"}},
		{name: "default project", listed: []admin.ListedKey{inProject(listedAs(old, "key_1", "laptop", "user", "u1"), "proj_def", "Default project")},
			err: ErrCreateRefused, msg: `is in the "Default project", which cannot hold service accounts, so no key was created`},
		{name: "not listed", listed: []admin.ListedKey{listedAs(other, "key_2", "other", "user", "u2")},
			err: ErrCreateRefused, msg: "is in none of the 1 keys the admin key can list (another organization's key, or deleted already), so no key was created"},
		{name: "ambiguous", listed: []admin.ListedKey{listedAs(old, "key_1", "laptop", "user", "u1"), inProject(listedAs(lookalike, "key_3", "twin", "user", "u3"), "proj_2", "other")},
			err: ErrCreateRefused, msg: "2 listed keys show the same ends as"},
		{name: "listing fails", listErr: errors.New("boom"), err: ErrCreateFailed, msg: "listing the organization's keys failed, so no key was created"},
		{name: "create fails", listed: []admin.ListedKey{listedAs(old, "key_1", "laptop", "user", "u1")}, createErr: errors.New("read-only"),
			err: ErrCreateFailed, msg: `creating the service account "app-host-2026-12" in project "app" (proj_1) failed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Begin(t.Context(), Config{}, discover.Inventory{}, apikey.New(old))
			if err != nil {
				t.Fatal(err)
			}
			f := &fakeCreator{listed: tt.listed, listErr: tt.listErr, createErr: tt.createErr}
			got, err := s.CreateWithAdmin(t.Context(), f, "app-host-2026-12")
			if !errors.Is(err, tt.err) || tt.err != nil && !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want %v with %q", err, tt.err, tt.msg)
			}
			if strings.Join(f.created, ",") != strings.Join(tt.created, ",") {
				t.Errorf("created %v, want %v", f.created, tt.created)
			}
			if tt.err == nil && (got.Key.IsZero() || got.Account.ID != "svc_new" || got.Project.ID != "proj_1" || got.KeyID != "key_new") {
				t.Errorf("created %+v", got)
			}
			if tt.err != nil && (!got.Key.IsZero() || Code(err) == "") {
				t.Errorf("a refusal returned a key, or has no code: %+v, %q", got, Code(err))
			}
			if err != nil && strings.Contains(err.Error(), old[10:30]) {
				t.Errorf("the error holds the key: %v", err)
			}
		})
	}
}

func TestIsDefaultProject(t *testing.T) {
	for name, want := range map[string]bool{"Default project": true, " default Project ": true, "Default project 2": false, "app": false} {
		if got := IsDefaultProject(admin.Project{Name: name}); got != want {
			t.Errorf("IsDefaultProject(%q) = %v", name, got)
		}
	}
}
