package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/spf13/cobra"
)

// --insecure-http reaches the engine options of every command that sends a
// key: root (--with-key and the wizard), doctor, rotate and keys.
func TestInsecureHTTPFlag(t *testing.T) {
	for _, on := range []bool{false, true} {
		var args []string
		if on {
			args = []string{"--insecure-http"}
		}
		tr := newTestRun(t)
		execute := func(cmd *cobra.Command) {
			t.Helper()
			cmd.SetArgs(args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
		}
		so := &setupOptions{app: tr.app}
		root := &cobra.Command{Use: "openai-setup", RunE: func(*cobra.Command, []string) error { return nil }}
		so.addFlags(root)
		execute(root)
		var d *doctorOptions
		execute(newDoctorCmd(tr.app, func(o *doctorOptions) error { d = o; return nil }))
		var r *rotateOptions
		execute(newRotateCmd(tr.app, func(o *rotateOptions) error { r = o; return nil }))
		var k *keysOptions
		execute(newKeysCmd(tr.app, func(o *keysOptions) error { k = o; return nil }))
		got := map[string]bool{
			"root":   so.checkOptions(apikey.Key{}, nil, nil).InsecureHTTP,
			"doctor": d.checkOptions(nil).InsecureHTTP,
			"rotate": r.sessionConfig().Checks.InsecureHTTP,
			"keys":   k.admin.InsecureHTTP,
		}
		for name, v := range got {
			if v != on {
				t.Errorf("%s: InsecureHTTP = %v with args %v", name, v, args)
			}
		}
	}
}

// keys refuses to send the admin key over plain http to another machine
// unless --insecure-http allows it, and never for a base URL from a dotenv
// file. Nothing here connects: openAdmin only decides.
func TestOpenAdminPlainHTTP(t *testing.T) {
	const gateway = "http://gateway.internal/v1"
	cases := []struct {
		name, flag, env, dotenv string
		insecure                bool
		wantErr, wantWarn       string
	}{
		{name: "flag, refused", flag: gateway, wantErr: "plain http to a host that is not this machine"},
		{name: "flag, allowed", flag: gateway, insecure: true, wantWarn: "over plain http (--insecure-http)"},
		{name: "environment, allowed", env: gateway, insecure: true, wantWarn: "gateway.internal over plain http"},
		{name: "dotenv, never", dotenv: "http://api.openai.com/v1", insecure: true, wantErr: "plain http"},
		{name: "loopback needs no flag", flag: "http://127.0.0.1:9/v1"},
		{name: "not a URL", flag: "ftp://gateway.internal/v1", wantErr: "not a usable http(s) URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := []string{openai.EnvAdminKey + "=" + fakeapi.AdminKey("admin")}
			if c.env != "" {
				env = append(env, openai.EnvBaseURL+"="+c.env)
			}
			tr := newTestRun(t, env...)
			if c.dotenv != "" {
				if err := os.WriteFile(filepath.Join(tr.app.Dir, ".env"), []byte(openai.EnvBaseURL+"="+c.dotenv+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := openAdmin(tr.app, adminFlags{BaseURL: c.flag, InsecureHTTP: c.insecure, Timeout: defaultAdminTimeout}, false, nil)
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Errorf("err = %v, want %q", err, c.wantErr)
			}
			if warn := tr.err.String(); c.wantWarn != "" && !strings.Contains(warn, c.wantWarn) || c.wantWarn == "" && warn != "" {
				t.Errorf("stderr = %q, want %q", warn, c.wantWarn)
			}
		})
	}
}
