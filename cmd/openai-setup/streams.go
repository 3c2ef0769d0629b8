package main

import (
	"io"
	"net/http"
	"os"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/setupkit/openai-setup/discover"
)

// app holds what commands take from the process: streams, environment,
// working directory, home, and the outside-world seams. Tests build one with
// buffers and fakes (testApp); main builds it from the process (systemApp).
type app struct {
	In            io.Reader
	Out, Err      io.Writer
	InTTY, OutTTY bool
	ErrTTY        bool       // stderr is a terminal: doctor shows progress there
	Width         func() int // terminal width of stdout; 0 when not a terminal
	ErrWidth      func() int // terminal width of stderr; nil or 0 when not a terminal
	Environ       []string
	Dir, Home     string
	NewClient     func(timeout time.Duration) *http.Client
	OpenURL       func(url string) error
	ReadSecret    func() (string, error) // reads a line from the terminal without echo
}

func systemApp() *app {
	dir, _ := os.Getwd()
	home, _ := os.UserHomeDir()
	return &app{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
		ErrWidth: func() int {
			w, _, err := term.GetSize(os.Stderr.Fd())
			if err != nil {
				return 0
			}
			return w
		},
		Environ: os.Environ(),
		Width: func() int {
			w, _, err := term.GetSize(os.Stdout.Fd())
			if err != nil {
				return 0
			}
			return w
		},
		Dir:       dir,
		Home:      home,
		NewClient: newHTTPClient,
		OpenURL:   openBrowser,
		ReadSecret: func() (string, error) {
			b, err := term.ReadPassword(os.Stdin.Fd())
			return string(b), err
		},
	}
}

// getenv reads a variable from the app's environment, not the process's, so
// tests stay hermetic.
func (a *app) getenv(name string) string {
	prefix := name + "="
	for i := len(a.Environ) - 1; i >= 0; i-- {
		if len(a.Environ[i]) >= len(prefix) && a.Environ[i][:len(prefix)] == prefix {
			return a.Environ[i][len(prefix):]
		}
	}
	return ""
}

// termWidth is the width to wrap reports at: the terminal's, or 0 when
// stdout is not a terminal.
func (a *app) termWidth() int {
	if !a.OutTTY || a.Width == nil {
		return 0
	}
	return a.Width()
}

// errWidth is stderr's terminal width, or 0.
func (a *app) errWidth() int {
	if !a.ErrTTY || a.ErrWidth == nil {
		return 0
	}
	return a.ErrWidth()
}

// styledOut wraps w so colours are dropped when it is not a terminal or
// NO_COLOR is set, and downsampled to what the terminal supports.
func (a *app) styled(w io.Writer, tty bool) io.Writer {
	cw := colorprofile.NewWriter(w, a.Environ)
	if !tty {
		cw.Profile = colorprofile.NoTTY
	}
	return cw
}

// discoverHere is where keys live for a command run in a's folder.
func discoverHere(a *app) discover.Inventory {
	return discover.Run(discover.Options{Dir: a.Dir, Home: a.Home, Environ: a.Environ})
}
