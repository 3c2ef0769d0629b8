package admin

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Scopes the Admin API names in "Missing scopes: …" answers.
const (
	ScopeRead  = "api.management.read"
	ScopeWrite = "api.management.write"
)

// Error is the API's own error answer: the status and the envelope's
// fields. Message is scrubbed of anything key-shaped.
type Error struct {
	Status       int
	Method, Path string
	Type, Code   string
	Param        string
	Message      string
}

func (e *Error) Error() string {
	what := e.Code
	if what == "" {
		what = e.Type
	}
	if what != "" {
		return fmt.Sprintf("%s %s: %d %s: %s", e.Method, e.Path, e.Status, what, e.Message)
	}
	return fmt.Sprintf("%s %s: %d: %s", e.Method, e.Path, e.Status, e.Message)
}

// A scope is dot-separated words; the sentence's own full stop is not part of it.
var missingScopes = regexp.MustCompile(`Missing scopes?: ((?:[a-z0-9_]+(?:\.[a-z0-9_]+)*)(?:, *[a-z0-9_]+(?:\.[a-z0-9_]+)*)*)`)

// MissingScopes lists the scopes a "Missing scopes: …" message names.
func (e *Error) MissingScopes() []string {
	m := missingScopes.FindStringSubmatch(e.Message)
	if m == nil {
		return nil
	}
	var out []string
	for s := range strings.SplitSeq(m[1], ",") {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// Refused reports whether the key itself was turned away (401 or 403).
func (e *Error) Refused() bool { return e.Status == 401 || e.Status == 403 }

// BodyError is an answer that is not the API's JSON: an HTML page from a
// proxy, an empty or truncated body, or one past the size cap.
type BodyError struct {
	Status       int
	Method, Path string
	Why          string
}

func (e *BodyError) Error() string {
	return fmt.Sprintf("%s %s: %d: %s", e.Method, e.Path, e.Status, e.Why)
}

// ErrNotOffered is matched (errors.Is) by a guard-rail call that the
// organization does not have yet: the API answered 404.
var ErrNotOffered = errors.New("not offered to this organization yet")

// NotOfferedError says which guard-rail answered 404.
type NotOfferedError struct {
	What string // "spend limit" or "spend alert"
	Err  *Error
}

func (e *NotOfferedError) Error() string { return e.What + ": " + ErrNotOffered.Error() }

// Is makes errors.Is(err, ErrNotOffered) true.
func (e *NotOfferedError) Is(target error) bool { return target == ErrNotOffered }

// Unwrap gives the API's answer.
func (e *NotOfferedError) Unwrap() error { return e.Err }

// PagingError is a list whose pages do not lead to an end.
type PagingError struct {
	Path string
	Why  string
}

func (e *PagingError) Error() string { return "GET " + e.Path + ": " + e.Why }
