// Command benchtool is bench/run's helper: it generates the history
// repository for the scan benchmark and reads the JSON that hyperfine,
// doctor and gitleaks write, so the script needs no jq.
//
//	benchtool genrepo -commits 5000 -seed 1 -manifest keys.tsv > repo.fi
//	benchtool hyperfine FILE.json [NAME]      # median max mean, in seconds
//	benchtool doctor FILE.json [CHECK]        # ok and checks not passing, or one check
//	benchtool history -manifest M -doctor D [-gitleaks G]
//	benchtool gobench FILE                    # name ns/op B/op allocs/op
//	benchtool speedup DOCTOR_S GITLEAKS_S     # gitleaks/doctor time, and whether it is >= 3
//
// Every key it makes is fake: random characters around the T3BlbkFJ
// marker, in the documented layouts.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: benchtool genrepo|hyperfine|doctor|history|gobench|speedup [args]")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "genrepo":
		return cmdGenRepo(rest, out)
	case "hyperfine":
		return cmdHyperfine(rest, out)
	case "doctor":
		return cmdDoctor(rest, out)
	case "history":
		return cmdHistory(rest, out)
	case "gobench":
		return cmdGoBench(rest, out)
	case "speedup":
		return cmdSpeedup(rest, out)
	default:
		return fmt.Errorf("unknown command %q", cmd)
	}
}

func cmdGenRepo(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("genrepo", flag.ContinueOnError)
	commits := fs.Int("commits", 5000, "commits to generate")
	seed := fs.Uint64("seed", 1, "generator seed")
	manifest := fs.String("manifest", "", "write the planted keys here (tab-separated)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *manifest == "" {
		return errors.New("genrepo: -manifest is required")
	}
	plants, err := genRepo(out, repoSpec{Commits: *commits, Seed: *seed})
	if err != nil {
		return err
	}
	f, err := os.Create(*manifest)
	if err != nil {
		return err
	}
	if err := writeManifest(f, plants); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func cmdHyperfine(args []string, out io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return errors.New("usage: benchtool hyperfine FILE.json [NAME]")
	}
	name := ""
	if len(args) == 2 {
		name = args[1]
	}
	res, err := openRead(args[0], func(r io.Reader) (hyperfineRun, error) { return readHyperfine(r, name) })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%.6f %.6f %.6f\n", res.Median, res.Max, res.Mean)
	return nil
}

func cmdDoctor(args []string, out io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return errors.New("usage: benchtool doctor FILE.json [CHECK]")
	}
	rep, err := openRead(args[0], readDoctor)
	if err != nil {
		return err
	}
	if len(args) == 2 {
		c, ok := rep.check(args[1])
		if !ok {
			return fmt.Errorf("doctor json: no %s check", args[1])
		}
		inc := "no"
		if c.incomplete() {
			inc = "yes"
		}
		fmt.Fprintf(out, "status=%s\ncode=%s\nfindings=%d\nincomplete=%s\nstop_detail=%s\n",
			c.Status, orDash(c.Code), len(c.Findings), inc, orDash(strings.ReplaceAll(c.stopDetail(), "\n", " ")))
		return nil
	}
	np := rep.notPassing()
	if len(np) == 0 {
		np = []string{"-"}
	}
	fmt.Fprintf(out, "ok=%t\nnot_passing=%s\n", rep.OK, strings.Join(np, ","))
	return nil
}

func cmdHistory(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	manifest := fs.String("manifest", "", "generator manifest")
	doctor := fs.String("doctor", "", "doctor --json output")
	gitleaks := fs.String("gitleaks", "", "gitleaks JSON report (empty: gitleaks did not run)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	man, err := openRead(*manifest, readManifest)
	if err != nil {
		return err
	}
	doc, err := openRead(*doctor, readDoctor)
	if err != nil {
		return err
	}
	var gl []gitleaksFinding
	if *gitleaks != "" {
		if gl, err = openRead(*gitleaks, readGitleaks); err != nil {
			return err
		}
	}
	c, err := compareHistory(man, doc, gl, *gitleaks != "")
	if err != nil {
		return err
	}
	c.writeKV(out)
	return nil
}

func cmdGoBench(args []string, out io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: benchtool gobench FILE")
	}
	bs, err := openRead(args[0], readGoBench)
	if err != nil {
		return err
	}
	for _, b := range bs {
		fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", b.Name, b.NsOp, b.BytesOp, b.AllocsOp)
	}
	return nil
}
