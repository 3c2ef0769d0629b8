package main

import (
	"errors"
	"strings"
	"testing"
)

func TestAutoOpenBlocker(t *testing.T) {
	tests := []struct {
		name    string
		goos    string
		env     map[string]string
		files   []string
		bins    []string
		osrel   string
		blocked string // substring of the reason; "" = may open
	}{
		{"linux desktop", "linux", map[string]string{"DISPLAY": ":0"}, nil, []string{"xdg-open"}, "", ""},
		{"wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil, []string{"xdg-open"}, "", ""},
		{"no display: never a text browser", "linux", nil, nil, []string{"xdg-open", "www-browser"}, "", "no graphical display"},
		{"display but only www-browser", "linux", map[string]string{"DISPLAY": ":0"}, nil, []string{"www-browser"}, "", "xdg-open is not installed"},
		{"ssh", "linux", map[string]string{"DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"}, nil, []string{"xdg-open"}, "", "SSH"},
		{"docker", "linux", map[string]string{"DISPLAY": ":0"}, []string{"/.dockerenv"}, []string{"xdg-open"}, "", "container"},
		{"podman", "linux", nil, []string{"/run/.containerenv"}, nil, "", "container"},
		{"wsl with wslview", "linux", nil, nil, []string{"wslview"}, "5.15.0-microsoft-standard-WSL2", ""},
		{"wsl without wslview", "linux", map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, nil, nil, "", "no graphical display"},
		{"mac", "darwin", nil, nil, nil, "", ""},
		{"windows", "windows", nil, nil, nil, "", ""},
		{"mac over ssh", "darwin", map[string]string{"SSH_TTY": "/dev/ttys001"}, nil, nil, "", "SSH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := browserEnv{
				goos:   tt.goos,
				getenv: func(k string) string { return tt.env[k] },
				lookPath: func(b string) (string, error) {
					for _, x := range tt.bins {
						if x == b {
							return "/usr/bin/" + b, nil
						}
					}
					return "", errors.New("not found")
				},
				exists: func(p string) bool {
					for _, f := range tt.files {
						if f == p {
							return true
						}
					}
					return false
				},
				readFile: func(string) ([]byte, error) {
					if tt.osrel == "" {
						return nil, errors.New("none")
					}
					return []byte(tt.osrel), nil
				},
			}
			got := e.autoOpenBlocker()
			if (got == "") != (tt.blocked == "") || !strings.Contains(got, tt.blocked) {
				t.Errorf("autoOpenBlocker() = %q, want %q", got, tt.blocked)
			}
		})
	}
}

func TestOpenBrowserRefusesNonWebURLs(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "javascript:alert(1)", "-flag"} {
		if err := openBrowser(u); err == nil || !strings.Contains(err.Error(), "not a web address") {
			t.Errorf("openBrowser(%q) = %v", u, err)
		}
	}
}
