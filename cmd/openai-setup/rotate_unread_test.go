package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// bigEnv writes app/.env.local: over the 1 MiB read cap, with the old key
// only past the cap, so rotate cannot know whether it holds the key.
func bigEnv(t *testing.T, p *leakedProject) (path, text string) {
	t.Helper()
	pad := strings.Repeat("# padding line\n", 70000) // just over 1 MiB
	path = filepath.Join(p.sub, ".env.local")
	text = pad + pad + "OPENAI_API_KEY=" + rotOld + "\n"
	writeFile(t, path, text)
	return path, text
}

// TestRotateUnreadFile: a .env over the read cap holding the old key past
// the cap is named in every face of rotate (text, --json, the wizard's
// options) as not read, with why, never with its content; it counts as a
// to-do, so no face says nothing is left; it is never written.
func TestRotateUnreadFile(t *testing.T) {
	const why = "stopped at the 1 MiB cap"
	t.Run("json", func(t *testing.T) {
		srv := fakeapi.New()
		defer srv.Close()
		p := newLeakedProject(t)
		big, text := bigEnv(t, p)
		code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0", "--json")
		var doc struct {
			OK     bool `json:"ok"`
			Places struct {
				Unread []struct{ Path, Kind, Why string } `json:"unread"`
			} `json:"places"`
			Todos []struct{ Kind, Path, Why string } `json:"todos"`
		}
		if err := json.Unmarshal(p.tr.out.Bytes(), &doc); err != nil {
			t.Fatalf("not one JSON document: %v\n%s", err, p.output())
		}
		if code != exitOK || len(doc.Places.Unread) != 1 || doc.Places.Unread[0].Path != big || doc.Places.Unread[0].Why != why || doc.Places.Unread[0].Kind != "dotenv" {
			t.Fatalf("exit %d, unread %+v\n%s", code, doc.Places.Unread, p.tr.out.String())
		}
		n := 0
		for _, td := range doc.Todos {
			if td.Kind == "unread" && td.Path == big && td.Why == why {
				n++
			}
		}
		if n != 1 {
			t.Errorf("todos %+v: want one unread to-do for %s", doc.Todos, big)
		}
		p.assertRotated(t)
		if readFile(t, big) != text {
			t.Error("the unread file was written")
		}
		assertNoLeak(t, rotOld, p.output())
		assertNoLeak(t, rotNew, p.output())
	})
	t.Run("text", func(t *testing.T) {
		srv := fakeapi.New()
		defer srv.Close()
		p := newLeakedProject(t)
		bigEnv(t, p)
		code := p.rotate(t, rotNew, "--base-url", srv.URL(), "--no-spend", "--wait", "0")
		out := p.output()
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{
			"./.env.local not read whole (" + why + "): it may hold " + apikey.Fingerprint(rotOld) + ", check it by hand",
			"Could not read ./.env.local (" + why + "): check it by hand, it may still hold the old key " + apikey.Fingerprint(rotOld),
			"and files rotate could not read",
			"1 file(s) could not be read whole and may still hold it (step 5)",
			"1 file(s) could not be read and may still hold the old key: check them by hand",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		for _, never := range []string{"None holds the old key", "revoking it breaks nothing", "padding line"} {
			if strings.Contains(flat, never) {
				t.Errorf("output says %q although a file was not read:\n%s", never, out)
			}
		}
		if code != exitOK {
			t.Errorf("exit %d", code)
		}
		assertNoLeak(t, rotOld, out)
	})
	t.Run("wizard", func(t *testing.T) {
		srv := fakeapi.New()
		defer srv.Close()
		p := newLeakedProject(t)
		bigEnv(t, p)
		opts, _ := wizardFor(t, p, srv)
		ro := opts.Rotate
		want := "Could not read ./.env.local (" + why + "): check it by hand, it may still hold the old key " + apikey.Fingerprint(rotOld) + "."
		if len(ro.Unread) != 1 || ro.Unread[0] != want {
			t.Errorf("Unread = %q, want %q", ro.Unread, want)
		}
		for _, td := range ro.Todo(apikey.New(rotNew)) {
			if strings.Contains(td, ".env.local") {
				t.Errorf("the unread file is a to-do too (the screens show Unread): %q", td)
			}
		}
		_ = ro.CheckOld(context.Background())
		assertNoLeak(t, rotOld, strings.Join(ro.Unread, "\n"))
	})
}
