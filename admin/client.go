// Package admin is a client for OpenAI's Admin API (/v1/organization/…):
// projects, service accounts, project API keys and guard-rails. It is called
// with an admin key (sk-admin-…), which it holds as an apikey.Key and sends
// only in the Authorization header.
//
// Every call is bounded by its context, every answer is read with a size
// cap, and every list is followed page by page to its end. Errors are typed
// (*Error for the API's own answers, *BodyError for answers that are not
// the API's JSON) and never carry key material.
package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/openai"
)

// MaxBody caps how much of one answer is read. A page of 100 keys is about
// 60 KB; anything near this cap is not the Admin API.
const MaxBody = 4 << 20

// DefaultPageSize is the page size asked for (the API's maximum).
const DefaultPageSize = 100

// maxPages stops a server that says has_more forever.
const maxPages = 1000

// Client calls the Admin API with one admin key.
type Client struct {
	http    *http.Client
	baseURL string
	key     apikey.Key
	// PageSize is the limit sent with every list call (1–100).
	PageSize int
}

// New returns a client for baseURL (ending in /v1; "" means the public API).
// hc must carry a timeout or its calls must carry a deadline.
func New(hc *http.Client, baseURL string, key apikey.Key) *Client {
	if baseURL == "" {
		baseURL = openai.DefaultBaseURL
	}
	return &Client{http: hc, baseURL: strings.TrimRight(baseURL, "/"), key: key, PageSize: DefaultPageSize}
}

// do sends one request and decodes a 2xx JSON answer into out (if not nil).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	u := c.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return fmt.Errorf("admin: bad request URL: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.key.Reveal())
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return c.scrubErr(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return c.scrubErr(fmt.Errorf("reading the answer to %s %s: %w", method, path, err))
	}
	if len(raw) > MaxBody {
		return &BodyError{Status: resp.StatusCode, Method: method, Path: path, Why: fmt.Sprintf("the answer is larger than %d MB", MaxBody>>20)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(resp, method, path, raw)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &BodyError{Status: resp.StatusCode, Method: method, Path: path, Why: notJSON(resp, raw)}
	}
	return nil
}

// apiError turns a non-2xx answer into *Error, or *BodyError when the
// answer is not the API's error envelope (a proxy's HTML page).
func (c *Client) apiError(resp *http.Response, method, path string, raw []byte) error {
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(raw, &env) != nil || len(env.Error) == 0 {
		return &BodyError{Status: resp.StatusCode, Method: method, Path: path, Why: notJSON(resp, raw)}
	}
	e := &Error{Status: resp.StatusCode, Method: method, Path: path}
	var obj struct {
		Message string `json:"message"`
		Type    any    `json:"type"`
		Code    any    `json:"code"`
		Param   any    `json:"param"`
	}
	var s string
	switch {
	case json.Unmarshal(env.Error, &obj) == nil:
		e.Message, e.Type, e.Code, e.Param = obj.Message, text(obj.Type), text(obj.Code), text(obj.Param)
	case json.Unmarshal(env.Error, &s) == nil:
		e.Message = s // some gateways answer {"error":"<message>"}
	}
	e.Message = apikey.Scrub(e.Message, c.key)
	return e
}

// scrubErr keeps transport errors (which quote the URL, never the header)
// free of key material all the same.
func (c *Client) scrubErr(err error) error {
	msg := err.Error()
	if clean := apikey.Scrub(msg, c.key); clean != msg {
		return &scrubbedError{msg: clean, err: err}
	}
	return err
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is lets errors.Is see context.DeadlineExceeded and the like without
// exposing the unscrubbed text through Unwrap's Error.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }

func notJSON(resp *http.Response, raw []byte) string {
	ct := resp.Header.Get("Content-Type")
	trimmed := bytes.TrimSpace(raw)
	switch {
	case len(trimmed) == 0:
		return "the answer was empty"
	case strings.Contains(ct, "html") || bytes.HasPrefix(trimmed, []byte("<")):
		return "the answer was an HTML page, not the API's JSON (a proxy or gateway in the way?)"
	}
	return "the answer was not the API's JSON"
}

// text renders a JSON scalar (string, number, null) as a string.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}
