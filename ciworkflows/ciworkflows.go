// Package ciworkflows reads a work tree's GitHub Actions workflows and finds
// where OPENAI_API_KEY reaches them other than through a repository secret
// (a key or another value written into the file, a config variable, a
// workflow input), and where a job run for a fork's pull request is given
// the key. Findings name the file, the line and what kind of value stands
// there, never the value itself: nothing read is kept.
//
// It only reads: regular files directly in .github/workflows, at most
// envfile.MaxRead bytes each, symbolic links not followed.
package ciworkflows

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/envfile"
)

// Dir is where GitHub looks for workflows, relative to the work tree.
const Dir = ".github/workflows"

// MaxFiles bounds how many workflow files one scan reads; the others are
// listed as unread.
const MaxFiles = 500

// Kind says what stands where a finding points.
type Kind string

// The kinds of finding.
const (
	// KeyLiteral: something that looks like a real OpenAI key is written
	// into the workflow.
	KeyLiteral Kind = "key_literal"
	// ConfigVariable: the key comes from ${{ vars.… }}, a configuration
	// variable, which GitHub neither encrypts nor masks in logs.
	ConfigVariable Kind = "config_variable"
	// Input: the key comes from a workflow input (${{ inputs.… }}), which
	// is not a secret either.
	Input Kind = "input"
	// PlainValue: any other literal value is given as the key.
	PlainValue Kind = "plain_value"
	// ForkExposure: a job of a pull_request_target workflow is given the
	// key (or every secret): a fork's pull request can run it.
	ForkExposure Kind = "fork_exposure"
	// ForkGated: as ForkExposure, but the job names an environment, whose
	// required reviewers (if it has them) hold it until someone approves.
	ForkGated Kind = "fork_gated"
)

// Finding is one place where the key is handled unsafely. It never holds a
// value from the file.
type Finding struct {
	File  string `json:"file"` // relative to the work tree, with forward slashes
	Line  int    `json:"line"`
	Kind  Kind   `json:"kind"`
	Name  string `json:"name,omitempty"`  // the variable, input or secret name
	Where string `json:"where,omitempty"` // "env of job test", "with of step 2 (Review) of job review", …
	Note  string `json:"note,omitempty"`  // more: "checks out the pull request's head"
}

// Unread is a workflow file that was not read or not understood, and why.
type Unread struct {
	File string `json:"file"`
	Why  string `json:"why"`
}

// Report is what Scan found.
type Report struct {
	// Files are the workflow files found, relative to the work tree.
	Files []string
	// Unread are the files of Files that were skipped or not parsed; a key
	// written into an unparsable file is still found (see Findings).
	Unread []Unread
	// Mentioning are the files that mention OpenAI or hold a finding.
	Mentioning []string
	// FromSecrets counts the places that take the key from a secret.
	FromSecrets int
	Findings    []Finding
}

// Scan reads the workflows of the work tree at root. A missing folder is an
// empty report.
func Scan(root string) Report {
	var rep Report
	dir := filepath.Join(root, filepath.FromSlash(Dir))
	for _, d := range []string{filepath.Join(root, ".github"), dir} {
		fi, err := os.Lstat(d)
		switch {
		case err != nil:
			return rep
		case fi.Mode()&fs.ModeSymlink != 0:
			rep.Unread = append(rep.Unread, Unread{File: rel(root, d), Why: "a symbolic link, not followed"})
			return rep
		case !fi.IsDir():
			return rep
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		rep.Unread = append(rep.Unread, Unread{File: Dir, Why: "the folder could not be read"})
		return rep
	}
	for _, e := range entries {
		if e.IsDir() || !IsWorkflowName(e.Name()) {
			continue
		}
		name := path.Join(Dir, e.Name())
		rep.Files = append(rep.Files, name)
		if len(rep.Files) > MaxFiles {
			rep.Unread = append(rep.Unread, Unread{File: name, Why: "more than " + itoa(MaxFiles) + " workflow files: not read"})
			continue
		}
		if !e.Type().IsRegular() {
			why := "not a regular file"
			if e.Type()&fs.ModeSymlink != 0 {
				why = "a symbolic link, not followed"
			}
			rep.Unread = append(rep.Unread, Unread{File: name, Why: why})
			continue
		}
		data, o := envfile.ReadCapped(filepath.Join(dir, e.Name()))
		switch o {
		case envfile.ReadWhole:
			rep.add(name, scanFile(name, data))
		case envfile.ReadTruncated:
			rep.Unread = append(rep.Unread, Unread{File: name, Why: "over 1 MiB, not read"})
		case envfile.ReadSpecial:
			rep.Unread = append(rep.Unread, Unread{File: name, Why: "not a regular file"})
		case envfile.ReadFailed:
			rep.Unread = append(rep.Unread, Unread{File: name, Why: "could not be read (permissions?)"})
		}
	}
	return rep
}

// IsWorkflowName reports whether GitHub would take a file of that name in
// .github/workflows as a workflow.
func IsWorkflowName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yml" || ext == ".yaml"
}

// add merges one file's result into the report.
func (rep *Report) add(name string, f fileResult) {
	if f.unparsed != "" {
		rep.Unread = append(rep.Unread, Unread{File: name, Why: f.unparsed})
	}
	if f.mentions || len(f.findings) > 0 {
		rep.Mentioning = append(rep.Mentioning, name)
	}
	rep.FromSecrets += f.fromSecrets
	rep.Findings = append(rep.Findings, f.findings...)
}

// Failing reports whether any finding is a key written into a workflow.
func (rep Report) Failing() bool {
	return slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Kind == KeyLiteral })
}

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}
