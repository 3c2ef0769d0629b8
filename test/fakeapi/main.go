// Command fakeapi serves the fake OpenAI API (internal/fakeapi) until it is
// killed, for the tmux end-to-end tests and the benchmarks:
//
//	go run ./test/fakeapi -addr 127.0.0.1:0 -latency 300ms -print-keys
//
// The first line on stdout is the base URL (ending in /v1). With
// -print-keys, one "scenario key" line per scenario follows. With
// -ready-file PATH the base URL is also written to PATH (atomically), once
// the server is listening. With -revoke-after N, the extra "rotate_old" key
// (printed with -print-keys) works for N requests and is then revoked, as a
// key the user revokes on the dashboard during `openai-setup rotate`. The
// admin keys (one "scenario key" line per admin scenario: admin,
// admin_read_only, …) follow the others; -projects N adds N projects to the
// organization the admin endpoints show, so listings span several pages;
// with -print-keys each one's user key follows as "project_001 key".
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/setupkit/openai-setup/internal/fakeapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (host:port)")
	latency := flag.Duration("latency", 0, "delay every answer by this much")
	slow := flag.Duration("slow", 2*time.Second, "how long the slow scenario waits")
	printKeys := flag.Bool("print-keys", false, "print one 'scenario key' line per scenario after the URL")
	readyFile := flag.String("ready-file", "", "write the base URL to this file once listening")
	revokeAfter := flag.Int("revoke-after", 0, "revoke the rotate_old key after this many requests (0: never)")
	projects := flag.Int("projects", 0, "add this many projects (one key each) to the admin endpoints' organization")
	flag.Parse()
	if err := checkAddr(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "fakeapi:", err)
		os.Exit(1)
	}

	oldKey := fakeapi.KeyVariant("ok", 7)
	opts := []fakeapi.Option{fakeapi.WithAddr(*addr), fakeapi.WithLatency(*latency), fakeapi.WithSlowLatency(*slow)}
	if *revokeAfter > 0 {
		opts = append(opts, fakeapi.WithRevokeAfter(oldKey, *revokeAfter))
	}
	if *projects > 0 {
		opts = append(opts, fakeapi.WithProjects(*projects))
	}
	srv := fakeapi.New(opts...)
	defer srv.Close()

	fmt.Println(srv.URL())
	if *printKeys {
		for _, sc := range fakeapi.Scenarios() {
			fmt.Println(sc, fakeapi.Key(sc))
		}
		fmt.Println("rotate_old", oldKey)
		for _, sc := range fakeapi.AdminScenarios() {
			fmt.Println(sc, fakeapi.AdminKey(sc))
		}
		for i := 1; i <= *projects; i++ {
			fmt.Printf("project_%03d %s\n", i, fakeapi.ProjectKey(i))
		}
	}
	if *readyFile != "" {
		if err := writeAtomic(*readyFile, srv.URL()+"\n"); err != nil {
			fmt.Fprintln(os.Stderr, "fakeapi:", err)
			srv.Close()
			os.Exit(1)
		}
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}

// checkAddr says, in one sentence, why the server could not listen on addr
// (a busy port most often), instead of the library's panic.
func checkAddr(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err == nil {
		return l.Close()
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		port := addr[strings.LastIndex(addr, ":")+1:]
		return fmt.Errorf("port %s is in use; leave out -addr for a free one", port)
	}
	return fmt.Errorf("cannot listen on %s (%v); leave out -addr for a free loopback port", addr, err)
}

// writeAtomic writes the file whole or not at all, so a script polling for
// it never reads half a URL.
func writeAtomic(path, text string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fakeapi-ready-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
