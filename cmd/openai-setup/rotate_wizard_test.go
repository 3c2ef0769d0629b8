package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/tui"
)

// wizardFor builds the rotate wizard's options for p against srv, as
// rotate at a terminal would.
func wizardFor(t *testing.T, p *leakedProject, srv *fakeapi.Server) (tui.Options, *rotate.Session) {
	t.Helper()
	o := &rotateOptions{app: p.tr.app, BaseURL: srv.URL(), NoSpend: true, Model: checks.DefaultModel, Timeout: 5 * time.Second,
		Wait: 5 * time.Second, Interval: time.Millisecond, NoBrowser: true}
	sess := sessionFor(t, o)
	return rotateWizardOptions(context.Background(), o, sess), sess
}

// sessionFor begins rotating rotOld as rotate would with o.
func sessionFor(t *testing.T, o *rotateOptions) *rotate.Session {
	t.Helper()
	a := o.app
	inv := discover.Run(discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ})
	sess, err := rotate.Begin(context.Background(), o.sessionConfig(), inv, apikey.New(rotOld))
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// TestRotateWizardOptionsDoTheWork calls every function the rotate wizard
// is given, as its screens would, against the fake API and real files.
func TestRotateWizardOptionsDoTheWork(t *testing.T) {
	srv := fakeapi.New(fakeapi.WithRevokeAfter(rotOld, 2))
	defer srv.Close()
	p := newLeakedProject(t)
	opts, sess := wizardFor(t, p, srv)
	ro := opts.Rotate
	var said []string // every string the wizard would show
	if len(ro.Files) != 2 || ro.Files[0].Display != "./.env" || ro.Files[1].Display != "../.env" || !ro.Files[0].Ticked || !ro.Files[1].Ticked {
		t.Fatalf("files %+v", ro.Files)
	}
	if ro.Files[0].Lines != "line 2 (OPENAI_API_KEY)" || ro.Files[1].Lines != "line 3 (OPENAI_API_KEY)" {
		t.Errorf("lines %q, %q", ro.Files[0].Lines, ro.Files[1].Lines)
	}
	if len(ro.Unseen) == 0 || !strings.Contains(ro.Unseen[0], "CI secrets") {
		t.Errorf("no checklist of places rotate cannot see: %q", ro.Unseen)
	}
	if len(opts.Steps) != 1 || !strings.Contains(strings.Join(opts.Steps[0].Body, " "), ro.Old.Fingerprint()) {
		t.Errorf("key step %+v", opts.Steps)
	}

	old := ro.CheckOld(context.Background())
	if old.State != rotate.KeyValid {
		t.Errorf("old key state %v (%s)", old.State, old.Summary)
	}
	said = append(said, old.Summary)
	if _, ok := sess.CheckedOld(); !ok {
		t.Error("the old key's answer is not kept for the wait")
	}

	newKey := apikey.New(rotNew)
	plan, err := ro.PlanReplace([]string{ro.Files[0].Path, ro.Files[1].Path}, newKey)
	if err != nil || len(plan) != 2 {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	fp := func(k string) string { return apikey.Fingerprint(k) }
	if want := []string{"- export OPENAI_API_KEY=" + fp(rotOld), "+ export OPENAI_API_KEY=" + fp(rotNew)}; strings.Join(plan[0].Lines, "|") != strings.Join(want, "|") {
		t.Errorf("plan lines %q, want %q", plan[0].Lines, want)
	}
	p.assertUntouched(t)

	// Only the ticked file is written.
	done, err := ro.Replace([]string{ro.Files[0].Path}, newKey)
	if err != nil || len(done) != 1 || !done[0].Written {
		t.Fatalf("replace %+v, %v", done, err)
	}
	if readFile(t, p.rootEnv) != p.rootText {
		t.Error("the file left out was written")
	}
	if _, err := ro.Replace([]string{ro.Files[0].Path, ro.Files[1].Path}, newKey); err != nil {
		t.Fatal(err)
	}
	p.assertRotated(t)

	var polls []rotate.Poll
	state := ro.WaitRevoked(context.Background(), func(pl rotate.Poll) { polls = append(polls, pl) })
	if state != rotate.KeyRevoked || len(polls) == 0 || polls[len(polls)-1].State != rotate.KeyRevoked {
		t.Errorf("wait: %v after polls %+v", state, polls)
	}

	for _, pl := range plan {
		said = append(said, pl.Lines...)
	}
	said = append(said, ro.Todo(newKey)...)
	said = append(said, ro.RevokeSteps...)
	said = append(said, ro.Elsewhere...)
	said = append(said, fmt.Sprintf("%+v %v", ro, ro.Old))
	assertNoLeak(t, rotOld, strings.Join(said, "\n"))
	assertNoLeak(t, rotNew, strings.Join(said, "\n"))
}

// TestRotateWizardTrackedFile: a tracked file starts unticked, and ticking
// it is what --force would do.
func TestRotateWizardTrackedFile(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	gitAdd(t, p.root, ".env")
	opts, _ := wizardFor(t, p, srv)
	f := opts.Rotate.Files[1]
	if !f.Tracked || f.Ticked {
		t.Fatalf("tracked file %+v", f)
	}
	if _, err := opts.Rotate.Replace([]string{opts.Rotate.Files[0].Path, f.Path}, apikey.New(rotNew)); err != nil {
		t.Fatalf("ticked tracked file refused: %v", err)
	}
	p.assertRotated(t)
}

func TestRotateWizardNoWait(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	a := p.tr.app
	for _, tt := range []struct {
		o    rotateOptions
		note string
	}{
		{rotateOptions{app: a, Wait: 0, Interval: time.Second, Timeout: time.Second}, "--wait 0"},
		{rotateOptions{app: a, SkipChecks: true, Wait: time.Minute, Interval: time.Second, Timeout: time.Second}, "--skip-checks makes no network call"},
	} {
		opts := rotateWizardOptions(context.Background(), &tt.o, sessionFor(t, &tt.o))
		if opts.Rotate.WaitRevoked != nil || opts.Rotate.NoWaitNote != tt.note {
			t.Errorf("note %q, want %q", opts.Rotate.NoWaitNote, tt.note)
		}
	}
}

func TestRotateSummaryAndExitStatus(t *testing.T) {
	p := newLeakedProject(t, "OPENAI_API_KEY="+rotOld)
	a := p.tr.app
	sess := sessionFor(t, &rotateOptions{app: a, Timeout: time.Second})
	newFP := apikey.Fingerprint(rotNew)
	for _, tt := range []struct {
		out  tui.Outcome
		err  error
		says string
	}{
		{tui.Outcome{Rotated: true, Fingerprint: newFP, Files: []string{"./.env", "../.env"}, Revocation: rotate.RevokedNow}, nil, "is revoked: the API rejects it"},
		{tui.Outcome{Rotated: true, Fingerprint: newFP, Revocation: rotate.StillValid}, errSilent, "not confirmed revoked: revoke it at https://platform.openai.com/api-keys"},
		{tui.Outcome{Rotated: true, Fingerprint: newFP, Revocation: rotate.NotWaited}, nil, "not confirmed revoked"},
		{tui.Outcome{Rotated: true, Fingerprint: newFP, Revocation: rotate.RevokedNow, AdminRevoked: `project API key "old script" (key_2) in project "app"`, LeakUsage: "Nothing used: it made no requests"},
			nil, "deleted through the Admin API: project API key \"old script\" (key_2) in project \"app\"\n  Nothing used: it made no requests"},
		{tui.Outcome{Rotated: true, Fingerprint: newFP, Revocation: rotate.NotWaited, AdminRevoked: "project API key"}, nil, "is not confirmed revoked yet: check it is gone at"},
		{tui.Outcome{Quit: true}, nil, "nothing was changed"},
		{tui.Outcome{Quit: true, Fingerprint: newFP}, errSilent, "nothing was changed"},
		{tui.Outcome{Quit: true, Unsaved: true, Fingerprint: newFP}, errQuitUnsaved, "quit without saving: the new key " + newFP + " is written nowhere"},
		{tui.Outcome{Interrupted: true}, errInterrupted, ""},
	} {
		p.tr.out.Reset()
		err := rotateSummary(a, tt.out, sess)
		if !errors.Is(err, tt.err) && err != tt.err {
			t.Errorf("%+v: err %v, want %v", tt.out, err, tt.err)
		}
		if got := p.tr.out.String(); !strings.Contains(got, tt.says) {
			t.Errorf("%+v: summary lacks %q:\n%s", tt.out, tt.says, got)
		}
		if tt.out.Rotated && !strings.Contains(p.tr.out.String(), "to do: This shell's OPENAI_API_KEY still holds the old key") {
			t.Errorf("summary lacks the environment to-do:\n%s", p.tr.out.String())
		}
		assertNoLeak(t, rotOld, p.tr.out.String())
	}
}

func TestRotateWizardExitCodes(t *testing.T) {
	p := newLeakedProject(t)
	sess := sessionFor(t, &rotateOptions{app: p.tr.app, Timeout: time.Second})
	fp := apikey.Fingerprint(rotNew)
	for _, tt := range []struct {
		out  tui.Outcome
		want int
	}{
		{tui.Outcome{Quit: true}, exitOK},
		{tui.Outcome{Quit: true, Unsaved: true, Fingerprint: fp}, exitQuitUnsaved},
		{tui.Outcome{Interrupted: true}, exitInterrupted},
		{tui.Outcome{Quit: true, Fingerprint: fp}, exitFailed},
	} {
		if got := exitCode(rotateSummary(p.tr.app, tt.out, sess)); got != tt.want {
			t.Errorf("%+v: exit %d, want %d", tt.out, got, tt.want)
		}
	}
}

// TestRotateWizardRevokesWithAdmin: with an admin key the wizard is given
// RevokeWithAdmin, which deletes the old key through the fake's Admin API
// and says what the key used; an ambiguous match deletes nothing. Without
// an admin key it is not given.
func TestRotateWizardRevokesWithAdmin(t *testing.T) {
	for _, lookalike := range []bool{false, true} {
		var opts []fakeapi.Option
		if lookalike {
			opts = append(opts, fakeapi.WithLookalike(rotOld))
		}
		srv := fakeapi.New(opts...)
		p := newLeakedProject(t, adminEnv("admin"))
		o := &rotateOptions{app: p.tr.app, BaseURL: srv.URL(), NoSpend: true, Model: checks.DefaultModel, Timeout: 5 * time.Second,
			Wait: 5 * time.Second, Interval: time.Millisecond, NoBrowser: true}
		if ro := rotateWizardOptions(context.Background(), o, sessionFor(t, o)).Rotate; ro.RevokeWithAdmin != nil {
			t.Fatal("RevokeWithAdmin given without an admin key")
		}
		as, err := openAdmin(p.tr.app, o.adminFlags(), false, nil)
		if err != nil {
			t.Fatal(err)
		}
		o.admin = as
		ro := rotateWizardOptions(context.Background(), o, sessionFor(t, o)).Rotate
		if ro.RevokeWithAdmin == nil || ro.AdminKey != apikey.Fingerprint(fakeapi.AdminKey("admin")) {
			t.Fatalf("RevokeWithAdmin %v, admin key %q", ro.RevokeWithAdmin != nil, ro.AdminKey)
		}
		res := ro.RevokeWithAdmin(context.Background())
		said := res.Deleted + res.Err + res.Usage
		switch {
		case lookalike && (res.Deleted != "" || !strings.Contains(res.Err, "2 listed keys show the same ends") || deletes(srv) != 0):
			t.Errorf("lookalike: %+v, %d deletes", res, deletes(srv))
		case !lookalike && (res.Deleted != `project API key "old script" (key_FakeUser0000000002) in project "Default project"` || res.Err != "" || !strings.Contains(res.Usage, "requests") || deletes(srv) != 1):
			t.Errorf("deleted: %+v, %d deletes", res, deletes(srv))
		}
		srv.Close()
		assertNoLeak(t, rotOld, said)
		assertNoLeak(t, fakeapi.AdminKey("admin"), said)
	}
}
