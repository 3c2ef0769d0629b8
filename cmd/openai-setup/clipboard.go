package main

import (
	"errors"
	"time"

	"github.com/atotto/clipboard"
)

// localClipboard is the wizard's CopyLocal: this machine's clipboard, or
// nil over SSH (it would be the remote machine's) or where there is none.
// A copy gives up after a few seconds: a stuck xclip must not hang c.
func localClipboard(e browserEnv) func(string) error {
	if e.getenv("SSH_CONNECTION") != "" || e.getenv("SSH_TTY") != "" || e.getenv("SSH_CLIENT") != "" || clipboard.Unsupported {
		return nil
	}
	return func(text string) error {
		done := make(chan error, 1)
		go func() { done <- clipboard.WriteAll(text) }()
		select {
		case err := <-done:
			if err != nil {
				return errors.New("no clipboard tool answered")
			}
			return nil
		case <-time.After(3 * time.Second):
			return errors.New("the clipboard tool did not answer")
		}
	}
}
