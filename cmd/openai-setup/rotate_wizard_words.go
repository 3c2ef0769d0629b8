package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/rotate"
	"github.com/setupkit/openai-setup/steps"
)

// What the rotate wizard is told, made from what rotate found: plain words
// and the wizard's own types. Keys appear only as fingerprints.

// diffLines show one line change as a diff: "- old", "+ new".
func diffLines(lc lineChange) []string {
	switch lc.Action {
	case "replaced":
		return []string{"- " + lc.Old, "+ " + lc.New}
	case "added":
		return []string{"+ " + lc.New}
	case "removed":
		return []string{"- " + lc.Old + "   (a later duplicate)"}
	}
	return nil
}

// newKeyStep is the wizard's key step, told to match the old key's project.
func newKeyStep(old apikey.Key) steps.Step {
	for _, s := range steps.All() {
		if s.ID == steps.Key {
			s.Title = "Create the new secret key"
			s.Body = append([]string{"Create it in the same project as the old key " + old.Fingerprint() + ", with the same permissions, so it can do all the old key did."}, s.Body...)
			s.Skippable = false
			return s
		}
	}
	panic("steps: no key step")
}

// linesText says where in a file the old key is: "line 2 (OPENAI_API_KEY)".
func linesText(ls []rotate.Line) string {
	var nums, names []string
	for _, l := range ls {
		nums = append(nums, fmt.Sprint(l.Line))
		if l.Name != "" && !slices.Contains(names, l.Name) {
			names = append(names, l.Name)
		}
	}
	word := "line "
	if len(nums) > 1 {
		word = "lines "
	}
	s := word + strings.Join(nums, ", ")
	if len(names) > 0 {
		s += " (" + strings.Join(names, ", ") + ")"
	}
	return s
}

// elsewhere names the places holding the old key that rotate cannot write.
func elsewhere(a *app, p rotate.Places) []string {
	var out []string
	for _, l := range p.Startup {
		what := l.Name
		switch {
		case l.Dynamic:
			what = l.Name + "=$(…), computed"
		case l.Name == "":
			what = "a line holding it"
		}
		out = append(out, placeName(a, l.Path, l.Line)+"  "+what+" (shell start-up file: you edit it)")
	}
	for _, n := range p.Environment {
		out = append(out, "this shell's environment ("+n+")")
	}
	return out
}

// others names settings holding a different key, which rotate leaves alone.
func others(a *app, p rotate.Places) []string {
	var out []string
	for _, s := range p.Others {
		w := "environment"
		if s.Path != "" {
			w = placeName(a, s.Path, s.Line)
		}
		out = append(out, w+" "+s.Name+"="+s.Value.Fingerprint())
	}
	return out
}
