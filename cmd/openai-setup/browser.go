package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/pkg/browser"
)

// browserEnv is what deciding how to open a page depends on; tests fake it.
type browserEnv struct {
	goos     string
	getenv   func(string) string
	lookPath func(string) (string, error)
	exists   func(string) bool
	readFile func(string) ([]byte, error)
}

func systemBrowserEnv() browserEnv {
	return browserEnv{
		goos: runtime.GOOS, getenv: os.Getenv, lookPath: exec.LookPath,
		exists:   func(p string) bool { _, err := os.Stat(p); return err == nil },
		readFile: os.ReadFile,
	}
}

// autoOpenBlocker says why the wizard should not open pages by itself
// (SSH, a container, no display), or "" when it may. The URL is always shown
// on screen, so a blocked auto-open still leaves a way forward.
func (e browserEnv) autoOpenBlocker() string {
	switch {
	case e.getenv("SSH_CONNECTION") != "" || e.getenv("SSH_TTY") != "" || e.getenv("SSH_CLIENT") != "":
		return "you are connected over SSH: open the link on your own machine (c copies it)"
	case e.exists("/.dockerenv") || e.exists("/run/.containerenv") || e.getenv("container") != "":
		return "running in a container: open the link on your own machine (c copies it)"
	}
	if reason := e.openBlocker(); reason != "" {
		return reason
	}
	return ""
}

// openBlocker says why no page can be opened at all, or "". On Linux without
// a display, xdg-open or www-browser would start a text-mode browser inside
// our terminal, so we refuse rather than let it take the screen over.
func (e browserEnv) openBlocker() string {
	if e.goos != "linux" && e.goos != "freebsd" && e.goos != "openbsd" && e.goos != "netbsd" {
		return ""
	}
	if e.isWSL() {
		if _, err := e.lookPath("wslview"); err == nil {
			return ""
		}
	}
	if e.getenv("DISPLAY") == "" && e.getenv("WAYLAND_DISPLAY") == "" {
		return "no graphical display: open the link yourself (c copies it)"
	}
	if _, err := e.lookPath("xdg-open"); err != nil {
		return "xdg-open is not installed: open the link yourself (c copies it)"
	}
	return ""
}

func (e browserEnv) isWSL() bool {
	if e.getenv("WSL_DISTRO_NAME") != "" || e.getenv("WSL_INTEROP") != "" {
		return true
	}
	b, err := e.readFile("/proc/sys/kernel/osrelease")
	return err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft")
}

var browserOutputOnce sync.Once

// openBrowser opens url in the user's browser and returns within a few
// seconds whatever the opener does. Its output is discarded: an opener
// writing to our stdout would corrupt the full-screen wizard.
func openBrowser(url string) error {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return fmt.Errorf("refusing to open %q: not a web address", url)
	}
	env := systemBrowserEnv()
	if reason := env.openBlocker(); reason != "" {
		return errors.New(reason)
	}
	browserOutputOnce.Do(func() { browser.Stdout, browser.Stderr = io.Discard, io.Discard })
	open := func() error { return browser.OpenURL(url) }
	if env.isWSL() {
		if p, err := env.lookPath("wslview"); err == nil {
			open = func() error {
				c := exec.Command(p, url)
				c.Stdout, c.Stderr = io.Discard, io.Discard
				return c.Run()
			}
		}
	}
	done := make(chan error, 1)
	go func() { done <- open() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("could not open a browser (%v): open the link yourself", err)
		}
		return nil
	case <-time.After(5 * time.Second):
		return errors.New("the browser is slow to start: if no page appears, open the link yourself")
	}
}
