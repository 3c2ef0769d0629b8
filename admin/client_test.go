package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func newClient(srv *fakeapi.Server, scenario string) *Client {
	return New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.AdminKey(scenario)))
}

func countGets(srv *fakeapi.Server, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "GET" && r.Path == path {
			n++
		}
	}
	return n
}

func TestProjectsFollowsEveryPage(t *testing.T) {
	cases := []struct {
		extra, pageSize int
		archived        bool
		want, calls     int
	}{
		{extra: 105, pageSize: 100, want: 106, calls: 2},
		{extra: 105, pageSize: 100, archived: true, want: 107, calls: 2},
		{extra: 10, pageSize: 3, want: 11, calls: 4},
		{extra: 0, pageSize: 1, want: 1, calls: 1},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%d_by_%d_archived_%v", c.extra, c.pageSize, c.archived), func(t *testing.T) {
			srv := fakeapi.New(fakeapi.WithProjects(c.extra))
			defer srv.Close()
			cl := newClient(srv, "admin")
			cl.PageSize = c.pageSize
			var opts []ListOption
			if c.archived {
				opts = append(opts, IncludeArchived())
			}
			ps, err := cl.Projects(t.Context(), opts...)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != c.want || ps[0].Name != fakeapi.DefaultProjectName || ps[0].ID != fakeapi.ProjectID {
				t.Fatalf("got %d projects (first %+v), want %d starting with the default project", len(ps), ps[0], c.want)
			}
			archived := slices.ContainsFunc(ps, func(p Project) bool { return p.Status == "archived" })
			if archived != c.archived {
				t.Errorf("archived project listed: %v, want %v", archived, c.archived)
			}
			if n := countGets(srv, "/v1/organization/projects"); n != c.calls {
				t.Errorf("%d GETs, want %d", n, c.calls)
			}
		})
	}
}

func TestProjectAPIKeysPagedAndTyped(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	cl := newClient(srv, "admin_read_only") // reading needs no write scope
	cl.PageSize = 1
	keys, err := cl.ProjectAPIKeys(t.Context(), fakeapi.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 3 {
		t.Fatalf("got %d keys, want 3: %+v", len(keys), keys)
	}
	used, never, bot := keys[0], keys[1], keys[2]
	if !MatchesRedacted(apikey.New(fakeapi.Key("ok")), used.RedactedValue) || used.Owner.Label() != fakeapi.OwnerEmail || used.LastUsedAt.IsZero() {
		t.Errorf("first key = %+v", used)
	}
	if !never.LastUsedAt.IsZero() || never.CreatedAt.IsZero() || never.CreatedAt.Location() != time.UTC {
		t.Errorf("never-used key = %+v", never)
	}
	if bot.Owner.Type != "service_account" || bot.Owner.Label() != fakeapi.ServiceAccountBot {
		t.Errorf("service account's key = %+v", bot)
	}
}

func TestServiceAccountRoundTrip(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	ctx := t.Context()
	cl := newClient(srv, "admin")
	p, err := cl.CreateProject(ctx, "my app")
	if err != nil || p.Name != "my app" || !strings.HasPrefix(p.ID, "proj_") {
		t.Fatalf("CreateProject = %+v, %v", p, err)
	}
	sa, err := cl.CreateServiceAccount(ctx, p.ID, "my-app-dev", 90*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Key.Kind() != apikey.KindServiceAccount || sa.KeyID == "" || sa.Name != "my-app-dev" {
		t.Fatalf("CreateServiceAccount = %+v", sa)
	}
	if shown := fmt.Sprintf("%v %+v %#v", sa, sa, sa); strings.Contains(shown, sa.Key.Reveal()[12:24]) {
		t.Fatalf("formatting the result shows the key: %s", shown)
	}
	if got := models(t, srv, sa.Key); got != 200 {
		t.Errorf("new key on /models: %d", got)
	}
	accts, err := cl.ServiceAccounts(ctx, p.ID)
	if err != nil || len(accts) != 1 || accts[0].ID != sa.ID {
		t.Fatalf("ServiceAccounts = %+v, %v", accts, err)
	}
	if err := cl.DeleteServiceAccount(ctx, p.ID, sa.ID); err != nil {
		t.Fatal(err)
	}
	if got := models(t, srv, sa.Key); got != 401 {
		t.Errorf("deleted account's key on /models: %d, want 401", got)
	}
}

func TestDeleteProjectAPIKey(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	cl := newClient(srv, "admin")
	keys, err := cl.ProjectAPIKeys(t.Context(), fakeapi.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.DeleteProjectAPIKey(t.Context(), fakeapi.ProjectID, keys[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := models(t, srv, apikey.New(fakeapi.Key("ok"))); got != 401 {
		t.Errorf("deleted key on /models: %d, want 401", got)
	}
	var e *Error
	if err := cl.DeleteProjectAPIKey(t.Context(), fakeapi.ProjectID, keys[2].ID); !errors.As(err, &e) || e.Status != 400 {
		t.Errorf("deleting a service account's key: %v, want a 400 *Error", err)
	}
}

func TestWrongKeysAndScopes(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	ctx := t.Context()

	project := New(&http.Client{Timeout: 5 * time.Second}, srv.URL(), apikey.New(fakeapi.Key("ok")))
	_, err := project.Projects(ctx)
	var e *Error
	if !errors.As(err, &e) || !e.Refused() || !slices.Equal(e.MissingScopes(), []string{ScopeRead}) {
		t.Errorf("project key: %v, want a refusal missing %s", err, ScopeRead)
	}

	ro := newClient(srv, "admin_read_only")
	_, err = ro.CreateProject(ctx, "x")
	if !errors.As(err, &e) || !slices.Equal(e.MissingScopes(), []string{ScopeWrite}) {
		t.Errorf("read-only create: %v, want missing %s", err, ScopeWrite)
	}
	if _, err := ro.Projects(ctx); err != nil {
		t.Errorf("read-only list: %v", err)
	}
}

func TestGuardRailsNotOffered(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	ctx := t.Context()
	for _, sc := range []string{"admin", "admin_no_guardrails"} {
		cl := newClient(srv, sc)
		errLimit := cl.SetSpendLimit(ctx, fakeapi.ProjectID, SpendLimit{Cents: 2000})
		errAlert := cl.AddSpendAlert(ctx, fakeapi.ProjectID, SpendAlert{Cents: 1000, Recipients: []string{"a@example.com"}})
		want := sc == "admin_no_guardrails"
		if errors.Is(errLimit, ErrNotOffered) != want || errors.Is(errAlert, ErrNotOffered) != want {
			t.Errorf("%s: limit %v, alert %v; want not-offered %v", sc, errLimit, errAlert, want)
		}
		if !want && (errLimit != nil || errAlert != nil) {
			t.Errorf("%s: %v, %v", sc, errLimit, errAlert)
		}
	}
}

// TestBadAnswers: what a broken server, proxy or lying API gives the caller.
func TestBadAnswers(t *testing.T) {
	key := apikey.New(fakeapi.AdminKey("admin"))
	secret := key.Reveal()
	cases := []struct {
		name    string
		handler http.HandlerFunc
		check   func(error) bool
		want    string
	}{
		{"html page", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprint(w, "<html><body>502 Bad Gateway</body></html>")
		}, isBodyError, "HTML page"},
		{"html with 200", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "<html>login</html>")
		}, isBodyError, "HTML page"},
		{"truncated json", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"object":"list","data":[{"id":`)
		}, isBodyError, "not the API's JSON"},
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"data":[`+strings.Repeat(" ", MaxBody)+`]}`)
		}, isBodyError, "larger than"},
		{"echoes the key", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":{"message":"Incorrect API key provided: %s.","type":"invalid_request_error","code":"invalid_api_key"}}`, secret)
		}, func(err error) bool { var e *Error; return errors.As(err, &e) && e.Code == "invalid_api_key" }, key.Fingerprint()},
		{"string envelope", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(403)
			fmt.Fprint(w, `{"error":"Missing scopes: api.management.read"}`)
		}, func(err error) bool {
			var e *Error
			return errors.As(err, &e) && slices.Equal(e.MissingScopes(), []string{ScopeRead})
		}, "403"},
		{"endless has_more", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"object":"list","data":[{"id":"proj_1","status":"active"}],"last_id":"proj_1","has_more":true}`)
		}, func(err error) bool { var e *PagingError; return errors.As(err, &e) }, "no new last_id"},
		{"has_more without cursor", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"object":"list","data":[],"has_more":true}`)
		}, func(err error) bool { var e *PagingError; return errors.As(err, &e) }, "no new last_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := httptest.NewServer(c.handler)
			defer ts.Close()
			_, err := New(&http.Client{Timeout: 5 * time.Second}, ts.URL+"/v1", key).Projects(t.Context())
			if err == nil || !c.check(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v (%T), want one containing %q", err, err, c.want)
			}
			if strings.Contains(err.Error(), secret[12:24]) {
				t.Fatalf("error shows the key: %v", err)
			}
		})
	}
}

func isBodyError(err error) bool { var e *BodyError; return errors.As(err, &e) }

func TestContextEndsACall(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer ts.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := New(&http.Client{}, ts.URL+"/v1", apikey.New(fakeapi.AdminKey("admin"))).Projects(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestSendsTheKeyOnlyAsBearer(t *testing.T) {
	key := fakeapi.AdminKey("admin")
	var auth, query string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, query = r.Header.Get("Authorization"), r.URL.RawQuery
		fmt.Fprint(w, `{"object":"list","data":[],"has_more":false}`)
	}))
	defer ts.Close()
	if _, err := New(&http.Client{}, ts.URL+"/v1/", apikey.New(key)).Projects(t.Context()); err != nil {
		t.Fatal(err)
	}
	if auth != "Bearer "+key || strings.Contains(query, key[12:24]) || query != "limit=100" {
		t.Errorf("Authorization %q, query %q", apikey.Fingerprint(strings.TrimPrefix(auth, "Bearer ")), query)
	}
}

func models(t *testing.T, srv *fakeapi.Server, key apikey.Key) int {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", srv.URL()+"/models", nil)
	req.Header.Set("Authorization", "Bearer "+key.Reveal())
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A listing whose redacted_value holds a whole key (a broken gateway) hands
// callers a fingerprint, never the key.
func TestListingNeverCarriesAWholeKey(t *testing.T) {
	whole := "sk-proj-" + strings.Repeat("Ab1", 25) + "T3BlbkFJ" + strings.Repeat("Cd2", 25)
	k := wireKey{ID: "key_1", RedactedValue: whole}.key()
	if strings.Contains(k.RedactedValue, whole[11:23]) {
		t.Fatalf("redacted value kept the key: %q", k.RedactedValue)
	}
}
