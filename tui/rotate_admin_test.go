package tui

import (
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/internal/testkit"
	"github.com/setupkit/openai-setup/rotate"
)

var (
	adminDeleted = AdminRevoke{Deleted: `project API key "laptop" (key_1) in project "app"`,
		Usage: "What sk-proj-…Zz99 used in the last 90 days: $1.25, 40 requests, 9,000 input and 700 output tokens."}
	adminRefused = AdminRevoke{Err: "2 listed keys show the same ends as sk-proj-…Zz99; nothing was deleted, so as not to delete the wrong one: revoke it at https://platform.openai.com/api-keys"}
)

// toAdminAsk writes the new key and reaches the Revoke screen with an admin
// key available.
func toAdminAsk(t *testing.T, f *rotFakes) Model {
	t.Helper()
	f.AutoOpen(true)
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageRevoke {
		t.Fatalf("stage = %v, want revoke", m.cur().stage)
	}
	return m
}

// TestRotateAdminAsksFirst: with an admin key the Revoke screen asks before
// deleting anything: no call, no wait and no page opened until y or n.
func TestRotateAdminAsksFirst(t *testing.T) {
	f := newRotFakes()
	f.admin = &adminDeleted
	m := toAdminAsk(t, f)
	got := screen(m)
	if m.rot.admin.phase != adminAsking || f.adminCalls != 0 || f.waits != 0 || len(f.opened) != 0 {
		t.Fatalf("phase %v, calls %d, waits %d, opened %v", m.rot.admin.phase, f.adminCalls, f.waits, f.opened)
	}
	for _, want := range []string{"Delete the old key " + oldFP + " now, with the admin key sk-admin-…wxyz?", "y: delete it now", "CI secrets"} {
		if !strings.Contains(got, want) {
			t.Errorf("screen lacks %q:\n%s", want, got)
		}
	}
	if m, _ = keys(t, m, "enter"); m.cur().stage != stageRevoke || f.adminCalls != 0 {
		t.Errorf("enter answered the question: stage %v, calls %d", m.cur().stage, f.adminCalls)
	}
}

// TestRotateAdminDeletesThenWaits: y deletes through the Admin API, then
// the 401 poll confirms it; the Done screen and the outcome say both.
func TestRotateAdminDeletesThenWaits(t *testing.T) {
	f := newRotFakes()
	f.admin = &adminDeleted
	m := toAdminAsk(t, f)
	m, _ = keys(t, m, "y")
	if f.adminCalls != 1 || f.waits != 1 || m.rot.revocation() != rotate.RevokedNow {
		t.Fatalf("calls %d, waits %d, revocation %v:\n%s", f.adminCalls, f.waits, m.rot.revocation(), screen(m))
	}
	got := screen(m)
	for _, want := range []string{"Deleted through the Admin API: project API key \"laptop\" (key_1)", "Revoked: the API now rejects", "$1.25, 40 requests"} {
		if !strings.Contains(got, want) {
			t.Errorf("screen lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "trash-can") || len(f.opened) != 0 {
		t.Errorf("the dashboard path is shown or opened after the API deleted the key (opened %v):\n%s", f.opened, got)
	}
	m, _ = keys(t, m, "enter")
	out := m.Outcome()
	if m.cur().stage != stageDone || out.AdminRevoked != adminDeleted.Deleted || out.LeakUsage != adminDeleted.Usage || out.Revocation != rotate.RevokedNow {
		t.Fatalf("stage %v, outcome %+v", m.cur().stage, out)
	}
	done := screen(m)
	if !strings.Contains(done, "Deleted through the Admin API") || !strings.Contains(done, "What the old key used:") {
		t.Errorf("done screen:\n%s", done)
	}
	testkit.AssertNoLeak(t, got+done, oldKey, goodKey)
}

// TestRotateAdminDeclinedOrRefused: n, or a refusal from the Admin API,
// leaves the dashboard path of today: the steps, the page, the wait.
func TestRotateAdminDeclinedOrRefused(t *testing.T) {
	for _, tt := range []struct {
		name, key string
		calls     int
		says      string
	}{
		{"declined", "n", 0, "trash-can"},
		{"refused", "y", 1, "Not deleted through the Admin API: 2 listed keys show the same ends"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newRotFakes()
			f.admin = &adminRefused
			m := toAdminAsk(t, f)
			m, _ = keys(t, m, tt.key)
			got := screen(m)
			if f.adminCalls != tt.calls || f.waits != 1 || len(f.opened) != 1 || !strings.Contains(got, tt.says) || !strings.Contains(got, "trash-can") {
				t.Fatalf("calls %d, waits %d, opened %v:\n%s", f.adminCalls, f.waits, f.opened, got)
			}
			if m.Outcome().AdminRevoked != "" {
				t.Errorf("outcome says deleted: %+v", m.Outcome())
			}
		})
	}
}

// TestRotateAdminNotOfferedWithFilesLeftOut: a file the user left out
// still holds the old key: the Admin API is not offered, the dashboard
// path says what breaks.
func TestRotateAdminNotOfferedWithFilesLeftOut(t *testing.T) {
	f := newRotFakes()
	f.admin = &adminDeleted
	f.AutoOpen(false)
	m := toReplace(t, newRotateTest(t, f), goodKey)
	m, _ = keys(t, m, "tab", " ", "enter")
	if m.cur().stage != stageRevoke || m.rot.admin.phase != adminOff || f.waits != 1 {
		t.Fatalf("stage %v, phase %v, waits %d:\n%s", m.cur().stage, m.rot.admin.phase, f.waits, screen(m))
	}
	if got := screen(m); strings.Contains(got, "Delete the old key") || !strings.Contains(got, "../.env still holds the old key") {
		t.Errorf("screen:\n%s", got)
	}
}
