//go:build windows

package checks

// hygPerms is skipped on Windows: files there carry ACLs, not Unix mode
// bits, and a user's profile folder is private by default.
func hygPerms(files []string) Result {
	return skipped(EnvPerms, "", "skipped on Windows: access is governed by ACLs; your user profile folder is private by default")
}
