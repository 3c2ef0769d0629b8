//go:build windows

package hygiene

import "github.com/setupkit/openai-setup/checks"

// permsCheck is skipped on Windows: files there carry ACLs, not Unix mode
// bits, and a user's profile folder is private by default.
func permsCheck(files []string) checks.Result {
	return checks.Skipped(checks.EnvPerms, "", "skipped on Windows: access is governed by ACLs; your user profile folder is private by default")
}
