package admin

import (
	"context"
	"sync"

	"github.com/setupkit/openai-setup/apikey"
)

// ListedKey is one key of a project's listing and the project it is in.
type ListedKey struct {
	Project Project
	Key     ProjectAPIKey
}

// KeysParallel is how many projects' keys are listed at once: an
// organization can have thousands of projects, and one at a time would not
// fit in a command's timeout.
const KeysParallel = 8

// KeysOf lists the keys of each project, KeysParallel projects at once, in
// the projects' order. The first error stops the rest and is returned.
func (c *Client) KeysOf(ctx context.Context, projects []Project) ([]ListedKey, error) {
	perProject := make([][]ProjectAPIKey, len(projects))
	if err := ForEachParallel(ctx, len(projects), KeysParallel, func(ctx context.Context, i int) error {
		keys, err := c.ProjectAPIKeys(ctx, projects[i].ID)
		perProject[i] = keys
		return err
	}); err != nil {
		return nil, err
	}
	var out []ListedKey
	for i, keys := range perProject {
		for _, k := range keys {
			out = append(out, ListedKey{Project: projects[i], Key: k})
		}
	}
	return out, nil
}

// AllKeys lists every active project's keys (all pages of each).
func (c *Client) AllKeys(ctx context.Context) ([]ListedKey, error) {
	projects, err := c.Projects(ctx)
	if err != nil {
		return nil, err
	}
	return c.KeysOf(ctx, projects)
}

// Matching returns the listed keys whose redacted value fits key. More than
// one is ambiguous: callers say so rather than pick one.
func Matching(listed []ListedKey, key apikey.Key) []ListedKey {
	var out []ListedKey
	for _, l := range listed {
		if !key.IsZero() && MatchesRedacted(key, l.Key.RedactedValue) {
			out = append(out, l)
		}
	}
	return out
}

// ForEachParallel calls f for 0..n-1 with at most limit calls at once. The
// first error cancels the rest and is returned.
func ForEachParallel(ctx context.Context, n, limit int, f func(context.Context, int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := 0; i < n && ctx.Err() == nil; i++ {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue // the loop condition ends it
		}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := f(ctx, i); err != nil {
				cancel(err) // only the first cause is kept
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx) // nil unless a call failed or ctx ended early
}
