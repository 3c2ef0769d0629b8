package main

import (
	"context"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/checks"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/tui"
)

// regionalWizard builds the rotate wizard's options for p with every
// request going to srv (the default and the regional host alike), with
// flags' base URL base.
func regionalWizard(t *testing.T, p *leakedProject, srv *fakeapi.Server, base string) tui.Options {
	t.Helper()
	p.tr.app.NewClient = toFake(t, srv)
	o := &rotateOptions{app: p.tr.app, BaseURL: base, NoSpend: true, Model: checks.DefaultModel, Timeout: 5 * time.Second,
		Wait: 5 * time.Second, Interval: time.Millisecond, NoBrowser: true}
	return rotateWizardOptions(context.Background(), o, sessionFor(t, o))
}

// authOf runs run and returns api.auth.
func authOf(t *testing.T, run func(func(checks.Result))) checks.Result {
	t.Helper()
	var auth checks.Result
	run(func(r checks.Result) {
		if r.ID == checks.APIAuth {
			auth = r
		}
	})
	return auth
}

// TestRotateWizardRegionalFix: the rotate wizard's functions, as its
// screens call them, against the fake (which answers the regional host by
// its Host header): the new key fails regional_hostname at the default
// host, the offer names the regional host, the key checks out there, and
// the line is written after the key into the files it went to, every
// other byte kept.
func TestRotateWizardRegionalFix(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	p := newLeakedProject(t)
	opts := regionalWizard(t, p, srv, "")
	ro := opts.Rotate
	newKey := apikey.New(fakeapi.Key("regional_hostname"))
	ctx := context.Background()

	auth := authOf(t, func(f func(checks.Result)) { opts.RunChecks(ctx, newKey, f) })
	if auth.Status != checks.Fail || auth.Code != checks.CodeRegionalHostname {
		t.Fatalf("api.auth %s %s", auth.Status, auth.Code)
	}
	u := opts.RegionalBaseURL(auth)
	if u != "https://"+fakeapi.RegionalHost+"/v1" || ro.RegionalBlocker(u) != "" {
		t.Fatalf("offer %q, blocker %q", u, ro.RegionalBlocker(u))
	}
	if auth = authOf(t, func(f func(checks.Result)) { ro.CheckNewAt(ctx, newKey, u, f) }); auth.Status != checks.Pass {
		t.Fatalf("at the regional host api.auth %s %s: %s", auth.Status, auth.Code, auth.Summary)
	}
	p.assertUntouched(t)

	paths := []string{ro.Files[0].Path, ro.Files[1].Path}
	if _, err := ro.Replace(paths, newKey); err != nil {
		t.Fatal(err)
	}
	rep, err := ro.WriteBaseURL(paths, u)
	if err != nil || len(rep.Files) != 2 || len(rep.Lines) != 2 || !strings.Contains(rep.Lines[0], regionalLine) {
		t.Fatalf("write %+v, %v", rep, err)
	}
	// The key replaced in place, the line added at the end in each file's
	// own line ending, nothing else changed.
	if got, want := readFile(t, p.subEnv), strings.Replace(p.subText, rotOld, newKey.Reveal(), 1)+regionalLine+"\n"; got != want {
		t.Errorf("app/.env = %q, want %q", got, want)
	}
	if got, want := readFile(t, p.rootEnv), strings.Replace(p.rootText, rotOld, newKey.Reveal(), 1)+"\r\n"+regionalLine+"\r\n"; got != want {
		t.Errorf(".env = %q, want %q", got, want)
	}
	said := strings.Join(append(rep.Lines, rep.Files...), "\n")
	assertNoLeak(t, newKey.Reveal(), said)
	assertNoLeak(t, rotOld, said)

	// Never a host that is not a regional OpenAI host.
	for _, bad := range []string{"https://api.openai.com/v1", "https://us.api.openai.com.evil.test/v1", "http://us.api.openai.com/v1", srv.URL()} {
		before := readFile(t, p.subEnv)
		if _, err := ro.WriteBaseURL(paths, bad); err == nil || readFile(t, p.subEnv) != before {
			t.Errorf("WriteBaseURL(%q): err %v", bad, err)
		}
		n := 0
		ro.CheckNewAt(ctx, newKey, bad, func(checks.Result) { n++ })
		if n != 0 {
			t.Errorf("CheckNewAt(%q) ran %d checks", bad, n)
		}
	}
}

// TestRotateSummaryRegional: the plain record after the wizard names the
// line written, or the wizard's to-do when it is missing.
func TestRotateSummaryRegional(t *testing.T) {
	p := newLeakedProject(t)
	sess := sessionFor(t, &rotateOptions{app: p.tr.app, Timeout: time.Second})
	u := "https://" + fakeapi.RegionalHost + "/v1"
	_ = rotateSummary(p.tr.app, tui.Outcome{Rotated: true, Fingerprint: "sk-proj-…Ab3d", BaseURL: u, Revocation: rotate.RevokedNow}, sess)
	_ = rotateSummary(p.tr.app, tui.Outcome{Rotated: true, Fingerprint: "sk-proj-…Ab3d", Todo: []string{"Set " + regionalLine + " where your apps read the new key"}}, sess)
	assertSays(t, p.tr.out.String(), "set "+regionalLine+" in the same file(s)", "to do: Set "+regionalLine+" where your apps read the new key")
}

// TestRotateWizardRegionalBlocked: a base URL from --base-url or the
// shell's environment wins over a line in a file, so the wizard is told
// why instead of offering the line.
func TestRotateWizardRegionalBlocked(t *testing.T) {
	srv := fakeapi.New()
	defer srv.Close()
	u := "https://" + fakeapi.RegionalHost + "/v1"
	opts := regionalWizard(t, newLeakedProject(t), srv, openai.DefaultBaseURL)
	if b := opts.Rotate.RegionalBlocker(u); !strings.Contains(b, "--base-url was given") || !strings.Contains(b, "pass --base-url "+u+" instead") {
		t.Errorf("flag: blocker %q", b)
	}
	opts = regionalWizard(t, newLeakedProject(t, openai.EnvBaseURL+"="+openai.DefaultBaseURL), srv, "")
	if b := opts.Rotate.RegionalBlocker(u); !strings.Contains(b, "is set in this shell's environment") {
		t.Errorf("environment: blocker %q", b)
	}
	// --skip-checks: no check reaches the API, so nothing is offered.
	p := newLeakedProject(t)
	o := &rotateOptions{app: p.tr.app, SkipChecks: true, Timeout: time.Second, Interval: time.Second}
	if ro := rotateWizardOptions(context.Background(), o, sessionFor(t, o)).Rotate; ro.CheckNewAt != nil || ro.WriteBaseURL != nil {
		t.Error("the regional fix is offered with --skip-checks")
	}
}

// TestRotatePromptsRegionalFix: rotate's line-by-line prompts ask before
// checking the new key at the regional host; yes checks it there and
// writes the line after the key; no writes nothing and says the line.
func TestRotatePromptsRegionalFix(t *testing.T) {
	newKey := fakeapi.Key("regional_hostname")
	for _, yes := range []bool{true, false} {
		srv := fakeapi.New()
		p := newLeakedProject(t)
		p.tr.app.NewClient = toFake(t, srv)
		p.tr.app.InTTY = true
		p.tr.app.ReadSecret = func() (string, error) { return newKey, nil }
		answers := "y\n\n" // check there; write the files
		if !yes {
			answers = "n\n"
		}
		p.tr.app.In = iotest.OneByteReader(strings.NewReader(answers))
		code := p.tr.run(t, "rotate", "--no-spend", "--wait", "0", "--no-browser")
		srv.Close()
		out := p.output()
		flat := strings.Join(strings.Fields(out), " ")
		assertSays(t, out, "The API asks for the regional host https://"+fakeapi.RegionalHost+"/v1. Check the new key there, and write "+regionalLine+" with it into ./.env, ../.env? [Y/n]")
		if !yes {
			if code != exitFailed || !strings.Contains(flat, "Not checked at the regional host: add the line "+regionalLine+" to ./.env, ../.env") {
				t.Errorf("no: exit %d\n%s", code, out)
			}
			p.assertUntouched(t)
			continue
		}
		if code != exitOK || !strings.Contains(flat, "Checked again at the regional host https://"+fakeapi.RegionalHost+"/v1") {
			t.Fatalf("yes: exit %d\n%s", code, out)
		}
		for _, f := range []string{p.rootEnv, p.subEnv} {
			if got := readFile(t, f); !strings.Contains(got, "OPENAI_API_KEY="+newKey) || !strings.HasSuffix(strings.TrimRight(got, "\r\n"), regionalLine) {
				t.Errorf("%s = %q", f, got)
			}
		}
		assertNoLeak(t, newKey, out)
		assertNoLeak(t, rotOld, out)
	}
}
