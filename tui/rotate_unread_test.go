package tui

import (
	"strings"
	"testing"
)

// A file rotate could not read whole is said on Intro, Replace and Revoke,
// and is a to-do on Done: no screen says the old key is nowhere else.
func TestRotateUnreadShown(t *testing.T) {
	const unread = "Could not read ./.env.local (stopped at the 1 MiB cap): check it by hand, it may still hold the old key " + "sk-proj-…Zz99."
	f := newRotFakes()
	f.AutoOpen(false)
	opts := f.rotateOptions()
	opts.Rotate.Unread = []string{unread}
	m := newTest(t, opts)
	m, _ = drain(t, m, m.Init())
	if s := flat(screen(m)); !strings.Contains(s, unread) {
		t.Errorf("intro lacks the unread file:\n%s", screen(m))
	}
	m = toReplace(t, m, goodKey)
	if s := flat(screen(m)); !strings.Contains(s, unread) {
		t.Errorf("replace lacks the unread file:\n%s", screen(m))
	}
	m, _ = keys(t, m, "enter")
	if m.cur().stage != stageRevoke || !strings.Contains(flat(screen(m)), unread) {
		t.Errorf("stage %v; revoke lacks the unread file:\n%s", m.cur().stage, screen(m))
	}
	m, _ = keys(t, m, "enter")
	s := flat(screen(m))
	if m.cur().stage != stageDone || !strings.Contains(s, "Still to do: • ~/.zshrc:4") || !strings.Contains(s, "• "+unread) {
		t.Errorf("stage %v; done lacks the to-do:\n%s", m.cur().stage, screen(m))
	}
}

// With no file rotate could read holding the old key, Intro and Replace
// do not say it came from elsewhere or that no .env holds it.
func TestRotateUnreadNoFiles(t *testing.T) {
	f := newRotFakes()
	opts := f.rotateOptions()
	opts.Rotate.Files, opts.Rotate.Elsewhere = nil, nil
	opts.Rotate.Unread = []string{"Could not read ./.env (a named pipe, not read): check it by hand, it may still hold the old key sk-proj-…Zz99."}
	m := newTest(t, opts)
	m, _ = drain(t, m, m.Init())
	s := flat(screen(m))
	if strings.Contains(s, "it came from elsewhere") || !strings.Contains(s, "no file rotate could read") {
		t.Errorf("intro:\n%s", screen(m))
	}
	m = toReplace(t, m, goodKey)
	s = flat(screen(m))
	if strings.Contains(s, "No .env file here holds the old key") || !strings.Contains(s, "No .env file rotate could read holds the old key") || !strings.Contains(s, "a named pipe") {
		t.Errorf("replace:\n%s", screen(m))
	}
}
