package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/setupkit/openai-setup/apikey"
)

// ListOption changes what a list call returns.
type ListOption func(url.Values)

// IncludeArchived lists archived projects too (they are left out by default).
func IncludeArchived() ListOption {
	return func(q url.Values) { q.Set("include_archived", "true") }
}

// Projects lists every project of the organization, all pages.
func (c *Client) Projects(ctx context.Context, opts ...ListOption) ([]Project, error) {
	q := url.Values{}
	for _, o := range opts {
		o(q)
	}
	ws, err := listAll[wireProject](ctx, c, "/organization/projects", q)
	if err != nil {
		return nil, err
	}
	out := make([]Project, 0, len(ws))
	for _, w := range ws {
		if w.Status == "archived" && q.Get("include_archived") == "" {
			continue // an older server may ignore the parameter
		}
		out = append(out, w.project())
	}
	return out, nil
}

// CreateProject makes a project. Projects cannot be deleted, only archived:
// look for one of the same name first.
func (c *Client) CreateProject(ctx context.Context, name string) (Project, error) {
	var w wireProject
	err := c.do(ctx, http.MethodPost, "/organization/projects", nil, map[string]string{"name": name}, &w)
	return w.project(), err
}

// ProjectAPIKeys lists every key of a project, all pages.
func (c *Client) ProjectAPIKeys(ctx context.Context, projectID string) ([]ProjectAPIKey, error) {
	ws, err := listAll[wireKey](ctx, c, "/organization/projects/"+url.PathEscape(projectID)+"/api_keys", nil)
	if err != nil {
		return nil, err
	}
	out := make([]ProjectAPIKey, len(ws))
	for i, w := range ws {
		out[i] = w.key()
	}
	return out, nil
}

// DeleteProjectAPIKey revokes a user's project key. A service account's key
// cannot be deleted this way: delete the service account.
func (c *Client) DeleteProjectAPIKey(ctx context.Context, projectID, keyID string) error {
	return c.do(ctx, http.MethodDelete, "/organization/projects/"+url.PathEscape(projectID)+"/api_keys/"+url.PathEscape(keyID), nil, nil, nil)
}

// ServiceAccounts lists a project's service accounts, all pages.
func (c *Client) ServiceAccounts(ctx context.Context, projectID string) ([]ServiceAccount, error) {
	ws, err := listAll[wireServiceAccount](ctx, c, "/organization/projects/"+url.PathEscape(projectID)+"/service_accounts", nil)
	if err != nil {
		return nil, err
	}
	out := make([]ServiceAccount, len(ws))
	for i, w := range ws {
		out[i] = w.account()
	}
	return out, nil
}

// CreateServiceAccount makes a service account in a project and returns its
// key, which the API shows only in this answer. expiresIn 0 asks for no
// expiry; otherwise it is sent in whole seconds.
func (c *Client) CreateServiceAccount(ctx context.Context, projectID, name string, expiresIn time.Duration) (CreatedServiceAccount, error) {
	body := map[string]any{"name": name}
	if expiresIn > 0 {
		body["expires_in_seconds"] = int64(expiresIn / time.Second)
	}
	var w struct {
		wireServiceAccount
		APIKey *struct {
			ID    string `json:"id"`
			Value string `json:"value"`
		} `json:"api_key"`
	}
	path := "/organization/projects/" + url.PathEscape(projectID) + "/service_accounts"
	if err := c.do(ctx, http.MethodPost, path, nil, body, &w); err != nil {
		return CreatedServiceAccount{}, err
	}
	out := CreatedServiceAccount{ServiceAccount: w.account()}
	if w.APIKey == nil || w.APIKey.Value == "" {
		return out, &BodyError{Status: 200, Method: http.MethodPost, Path: path, Why: "the answer held no api_key.value"}
	}
	out.KeyID, out.Key = w.APIKey.ID, apikey.New(w.APIKey.Value)
	w.APIKey.Value = ""
	return out, nil
}

// DeleteServiceAccount deletes a service account; its key stops working.
func (c *Client) DeleteServiceAccount(ctx context.Context, projectID, accountID string) error {
	return c.do(ctx, http.MethodDelete, "/organization/projects/"+url.PathEscape(projectID)+"/service_accounts/"+url.PathEscape(accountID), nil, nil, nil)
}

// SpendLimit is a project's hard monthly cap.
type SpendLimit struct {
	Cents int64 // threshold in US cents
}

// SpendAlert is an e-mail sent when a project's monthly spend passes a threshold.
type SpendAlert struct {
	Cents      int64
	Recipients []string
}

// SetSpendLimit sets a project's monthly spend cap. An organization without
// the feature answers 404: the error then matches ErrNotOffered.
func (c *Client) SetSpendLimit(ctx context.Context, projectID string, l SpendLimit) error {
	body := map[string]any{"threshold_amount": l.Cents, "currency": "USD", "interval": "month"}
	return guardRail("spend limit", c.do(ctx, http.MethodPost, "/organization/projects/"+url.PathEscape(projectID)+"/spend_limit", nil, body, nil))
}

// GetSpendLimit reads a project's monthly spend cap back. The answer is
// taken to mirror what is set ({"threshold_amount": <cents>, …}); a
// project without a cap, or an organization without the feature, answers
// 404: the error then matches ErrNotOffered, and no cap is known.
func (c *Client) GetSpendLimit(ctx context.Context, projectID string) (SpendLimit, error) {
	var out struct {
		Threshold *int64 `json:"threshold_amount"`
	}
	path := "/organization/projects/" + url.PathEscape(projectID) + "/spend_limit"
	if err := guardRail("spend limit", c.do(ctx, http.MethodGet, path, nil, nil, &out)); err != nil {
		return SpendLimit{}, err
	}
	if out.Threshold == nil || *out.Threshold < 0 {
		return SpendLimit{}, &BodyError{Status: 200, Method: http.MethodGet, Path: path, Why: "the answer held no threshold_amount"}
	}
	return SpendLimit{Cents: *out.Threshold}, nil
}

// AddSpendAlert adds an e-mail alert on a project's monthly spend (404: ErrNotOffered).
func (c *Client) AddSpendAlert(ctx context.Context, projectID string, a SpendAlert) error {
	body := map[string]any{"threshold_amount": a.Cents, "currency": "USD", "interval": "month",
		"notification_channel": map[string]any{"type": "email", "recipients": a.Recipients}}
	return guardRail("spend alert", c.do(ctx, http.MethodPost, "/organization/projects/"+url.PathEscape(projectID)+"/spend_alerts", nil, body, nil))
}

func guardRail(what string, err error) error {
	var e *Error
	if errors.As(err, &e) && e.Status == http.StatusNotFound {
		return &NotOfferedError{What: what, Err: e}
	}
	return err
}
