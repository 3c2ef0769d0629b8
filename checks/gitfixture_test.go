package checks

import (
	"github.com/setupkit/openai-setup/internal/testkit"
)

// Fake keys of every format, distinct (see testkit.Key).
var (
	gtProj    = testkit.Key("sk-proj-", 74, 1)
	gtProj2   = testkit.Key("sk-proj-", 74, 2)
	gtSvc     = testkit.Key("sk-svcacct-", 74, 3)
	gtLegacy  = testkit.Key("sk-", 20, 4)
	gtNone    = testkit.Key("sk-None-", 20, 5)
	gtAdmin   = testkit.Key("sk-admin-", 58, 6)
	gtAllKeys = []string{gtProj, gtProj2, gtSvc, gtLegacy, gtNone, gtAdmin}
)

// Short names for the shared test helpers.
var (
	gtKey          = testkit.Key
	gtDump         = testkit.Dump
	gtWrite        = testkit.Write
	gtAssertNoLeak = testkit.AssertNoLeak
)
