package fakeapi

import (
	"encoding/hex"
	"strconv"
	"strings"
)

// Layout of an admin key as OpenAI issues them: "sk-admin-" + 58 +
// "T3BlbkFJ" + 58.
const (
	adminPrefix = "sk-admin-"
	adminSide   = 58
	adminLen    = len(adminPrefix) + 2*adminSide + len(keyMarker)
)

// adminScenarios lists what an admin key can ask the fake to play.
var adminScenarios = []struct{ name, what string }{
	{"admin", "an owner's admin key with full permission"},
	{"admin_read_only", "a read-only admin key: every POST and DELETE on /organization/* answers 401 Missing scopes: api.management.write"},
	{"admin_key_lifetime", "full permission, in an organization whose key-lifetime policy requires expires_in_seconds when creating a service account"},
	{"admin_no_guardrails", "full permission, but the organization has no spend limits yet: spend_limit and spend_alerts answer 404"},
	{AdminNoUsage, "full management permission but no api.usage.read: costs and usage answer 401 Missing scopes: api.usage.read"},
	{AdminUsage5xx, "full permission, but every costs or usage page after the first answers 500"},
}

// AdminScenarios returns every admin-key scenario name, in a stable order.
func AdminScenarios() []string {
	names := make([]string, len(adminScenarios))
	for i, s := range adminScenarios {
		names[i] = s.name
	}
	return names
}

// AdminKey returns a well-formed sk-admin- key that makes the fake play an
// admin scenario (see AdminScenarios). It works on /v1/organization/* only,
// like a real admin key.
func AdminKey(scenario string) string {
	left := hex.EncodeToString([]byte(scenario)) + "_0_"
	if len(left) > adminSide {
		panic("fakeapi: admin scenario name too long: " + scenario)
	}
	fill := keyFiller("admin|"+scenario, 0, 2*adminSide-len(left))
	left += fill[:adminSide-len(left)]
	return adminPrefix + left + keyMarker + fill[len(fill)-adminSide:]
}

// decodeAdminKey returns the admin scenario a key was made for.
func decodeAdminKey(key string) (string, bool) {
	if len(key) != adminLen || !strings.HasPrefix(key, adminPrefix) {
		return "", false
	}
	hexName, _, ok := strings.Cut(key[len(adminPrefix):], "_")
	if !ok {
		return "", false
	}
	name, err := hex.DecodeString(hexName)
	if err != nil || len(name) == 0 || len(hexName) > adminSide {
		return "", false
	}
	if AdminKey(string(name)) != key {
		return "", false
	}
	return string(name), true
}

// serviceAccountKey makes the n-th service-account key the fake hands out:
// "sk-svcacct-" + 74 + "T3BlbkFJ" + 74.
func serviceAccountKey(n int) string {
	fill := keyFiller("svcacct|"+strconv.Itoa(n), n, 2*keySide)
	return "sk-svcacct-" + fill[:keySide] + keyMarker + fill[keySide:]
}
