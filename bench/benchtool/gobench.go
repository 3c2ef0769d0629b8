package main

import (
	"bufio"
	"io"
	"regexp"
	"strings"
)

// goBench is one result line of `go test -bench -benchmem`.
type goBench struct {
	Name     string // without the -GOMAXPROCS suffix
	NsOp     string
	BytesOp  string
	AllocsOp string
}

var goBenchCPU = regexp.MustCompile(`-\d+$`)

// readGoBench picks the result lines out of go test output.
func readGoBench(r io.Reader) ([]goBench, error) {
	var out []goBench
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		b := goBench{Name: goBenchCPU.ReplaceAllString(f[0], ""), BytesOp: "-", AllocsOp: "-"}
		for i := 2; i+1 < len(f); i += 2 {
			switch f[i+1] {
			case "ns/op":
				b.NsOp = f[i]
			case "B/op":
				b.BytesOp = f[i]
			case "allocs/op":
				b.AllocsOp = f[i]
			}
		}
		if b.NsOp != "" {
			out = append(out, b)
		}
	}
	return out, sc.Err()
}
