package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// historySpeedup is the history target: doctor's git.history scan takes at
// most a third of gitleaks' time on the same repository.
const historySpeedup = 3.0

// speedup judges the history target from two median times in seconds.
func speedup(doctorS, gitleaksS float64) (factor float64, met bool, err error) {
	if doctorS <= 0 || gitleaksS <= 0 {
		return 0, false, errors.New("speedup: times must be positive")
	}
	factor = gitleaksS / doctorS
	return factor, factor >= historySpeedup, nil
}

func cmdSpeedup(args []string, out io.Writer) error {
	if len(args) != 2 {
		return errors.New("usage: benchtool speedup DOCTOR_SECONDS GITLEAKS_SECONDS")
	}
	d, err1 := strconv.ParseFloat(args[0], 64)
	g, err2 := strconv.ParseFloat(args[1], 64)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("speedup: %w", err)
	}
	f, met, err := speedup(d, g)
	if err != nil {
		return err
	}
	yes := "no"
	if met {
		yes = "yes"
	}
	fmt.Fprintf(out, "speedup=%.2f\ntarget=%.0f\nmet=%s\n", f, historySpeedup, yes)
	return nil
}
