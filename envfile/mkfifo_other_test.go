//go:build !unix

package envfile

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this platform") }
