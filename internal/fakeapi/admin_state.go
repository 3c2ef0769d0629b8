package fakeapi

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// DefaultProjectName is the organization's first project, as on the real API.
const DefaultProjectName = "Default project"

// Owners of the keys the fake lists in the default project.
const (
	OwnerEmail        = "ada@example.com"
	OtherOwnerEmail   = "grace@example.com"
	ServiceAccountBot = "ci-bot"
)

// adminState is the organization the Admin API endpoints show and change.
// It is guarded by Server.mu.
type adminState struct {
	projects []*fakeProject
	next     int             // counter for ids and service-account keys
	liveKeys map[string]bool // service-account keys that authenticate
	warming  map[string]int  // requests a new service-account key still fails (WithAccountKeyWarmup)
	warmup   int
	fail     []adminFailure // WithAdminFailure
}

// adminFailure makes writes to paths ending in suffix answer status.
type adminFailure struct {
	suffix string
	status int
}

type fakeProject struct {
	id, name string
	created  int64
	archived bool
	keys     []*fakeKey
	accounts []*fakeAccount
	// spendLimit is the last spend_limit POSTed (nil: none), as GET answers it.
	spendLimit map[string]any
	// gone are keys deleted since: no longer listed, but their usage
	// stays, as on the real API.
	gone []*fakeKey
}

type fakeKey struct {
	id, name, secret  string
	created, lastUsed int64  // lastUsed 0: never
	ownerType         string // "user" or "service_account"
	ownerID           string
	ownerName         string
	ownerEmail        string
	account           *fakeAccount // set for a service account's key
}

type fakeAccount struct {
	id, name string
	created  int64
	key      *fakeKey
}

// newAdminState holds a default project with two user keys (Key("ok"),
// used recently, and KeyVariant("ok", 1), never used) and a service
// account's key, plus one archived project.
func newAdminState() *adminState {
	a := &adminState{liveKeys: map[string]bool{}, warming: map[string]int{}}
	def := &fakeProject{id: ProjectID, name: DefaultProjectName, created: created}
	def.keys = []*fakeKey{
		{id: "key_FakeUser0000000001", name: "laptop", secret: Key("ok"), created: created, lastUsed: created + 40*86400,
			ownerType: "user", ownerID: "user-FakeAda", ownerName: "Ada Lovelace", ownerEmail: OwnerEmail},
		{id: "key_FakeUser0000000002", name: "old script", secret: KeyVariant("ok", 1), created: created + 86400,
			ownerType: "user", ownerID: "user-FakeGrace", ownerName: "Grace Hopper", ownerEmail: OtherOwnerEmail},
	}
	a.projects = append(a.projects, def)
	a.addAccount(def, ServiceAccountBot)
	old := a.addProject("Old experiments")
	old.archived = true
	old.keys = append(old.keys, &fakeKey{id: "key_FakeArchived000001", name: "archived", secret: KeyVariant("ok", 2),
		created: created, ownerType: "user", ownerID: "user-FakeAda", ownerName: "Ada Lovelace", ownerEmail: OwnerEmail})
	return a
}

// WithProjects adds n more projects ("Project 001" …), each with one user
// key, so that listings need several pages.
func WithProjects(n int) Option {
	return func(s *Server) {
		for i := 1; i <= n; i++ {
			p := s.admin.addProject(fmt.Sprintf("Project %03d", i))
			p.keys = append(p.keys, &fakeKey{id: "key_" + p.id[len("proj_"):], name: "key " + strconv.Itoa(i),
				secret: ProjectKey(i), created: created, ownerType: "user",
				ownerID: "user-FakeAda", ownerName: "Ada Lovelace", ownerEmail: OwnerEmail})
		}
	}
}

// ProjectKey is the user key WithProjects puts in its project i (from 1):
// a key that authenticates and is listed outside the Default project.
func ProjectKey(i int) string { return KeyVariant("ok", 100+i) }

// WithAccountKeyWarmup makes each service-account key created from now on
// fail its first n requests with 401 invalid_api_key, as a just-created key
// can on the real API for a few seconds.
func WithAccountKeyWarmup(n int) Option {
	return func(s *Server) { s.admin.warmup = n }
}

// WithAdminFailure makes every POST or DELETE on an Admin API path ending in
// suffix (e.g. "/spend_limit") answer status with a server error, so a
// procedure can be broken after its first changes.
func WithAdminFailure(suffix string, status int) Option {
	return func(s *Server) { s.admin.fail = append(s.admin.fail, adminFailure{suffix, status}) }
}

// failure answers a write that WithAdminFailure breaks.
func (a *adminState) failure(r *http.Request) (answer, bool) {
	if r.Method == http.MethodGet {
		return answer{}, false
	}
	for _, f := range a.fail {
		if strings.HasSuffix(r.URL.Path, f.suffix) {
			return apiError(f.status, "The server had an error while processing your request. Sorry about that!", "server_error", nil, nil), true
		}
	}
	return answer{}, false
}

func (a *adminState) id(prefix string) string {
	a.next++
	return fmt.Sprintf("%sFake%018d", prefix, a.next)
}

func (a *adminState) addProject(name string) *fakeProject {
	p := &fakeProject{id: a.id("proj_"), name: name, created: created + int64(a.next)}
	a.projects = append(a.projects, p)
	return p
}

func (a *adminState) addAccount(p *fakeProject, name string) *fakeAccount {
	acc := &fakeAccount{id: a.id("svc_acct_"), name: name, created: created + int64(a.next)}
	acc.key = &fakeKey{id: a.id("key_"), name: "Secret key", secret: serviceAccountKey(a.next), created: acc.created,
		ownerType: "service_account", ownerID: acc.id, ownerName: name, account: acc}
	p.accounts = append(p.accounts, acc)
	p.keys = append(p.keys, acc.key)
	a.liveKeys[acc.key.secret] = true
	if a.warmup > 0 {
		a.warming[acc.key.secret] = a.warmup
	}
	return acc
}

func (a *adminState) project(id string) *fakeProject {
	for _, p := range a.projects {
		if p.id == id {
			return p
		}
	}
	return nil
}

// redacted is how a listing shows a key: users' keys as "sk-proj-****…abcd",
// service accounts' as "sk-svc...wxyz": the two forms the Admin API reference shows.
func (k *fakeKey) redacted() string {
	last := k.secret[len(k.secret)-4:]
	if k.ownerType == "service_account" {
		return k.secret[:6] + "..." + last
	}
	return k.secret[:8] + "****…" + last
}

func (k *fakeKey) json() map[string]any {
	owner := map[string]any{"type": k.ownerType}
	switch k.ownerType {
	case "user":
		owner["user"] = map[string]any{"object": "organization.user", "id": k.ownerID, "name": k.ownerName,
			"email": k.ownerEmail, "role": "owner", "added_at": created}
	default:
		owner["service_account"] = map[string]any{"object": "organization.project.service_account", "id": k.ownerID,
			"name": k.ownerName, "role": "member", "created_at": k.created}
	}
	var last any
	if k.lastUsed != 0 {
		last = k.lastUsed
	}
	return map[string]any{"object": "organization.project.api_key", "id": k.id, "name": k.name,
		"redacted_value": k.redacted(), "created_at": k.created, "last_used_at": last, "owner": owner}
}

func (p *fakeProject) json() map[string]any {
	status, archivedAt := "active", any(nil)
	if p.archived {
		status, archivedAt = "archived", p.created+86400
	}
	return map[string]any{"id": p.id, "object": "organization.project", "name": p.name,
		"created_at": p.created, "archived_at": archivedAt, "status": status}
}

func (acc *fakeAccount) json() map[string]any {
	return map[string]any{"object": "organization.project.service_account", "id": acc.id, "name": acc.name,
		"role": "member", "created_at": acc.created}
}

// WithLookalike adds a project "Lookalikes" holding a user key that differs
// from secret only in the middle, so its listing shows the same start and
// last four characters: matching secret against the listings is ambiguous.
func WithLookalike(secret string) Option {
	return func(s *Server) {
		b := []byte(secret)
		mid := len(b) / 2
		b[mid] = map[bool]byte{true: 'B', false: 'A'}[b[mid] == 'A']
		p := s.admin.addProject("Lookalikes")
		p.keys = append(p.keys, &fakeKey{id: "key_FakeLookalike00001", name: "lookalike", secret: string(b), created: created,
			ownerType: "user", ownerID: "user-FakeGrace", ownerName: "Grace Hopper", ownerEmail: OtherOwnerEmail})
	}
}
