package ciworkflows

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/setupkit/openai-setup/apikey"
)

// maxVisits bounds the nodes one file's walk visits with aliases followed,
// and maxDepth how deep: aliases of aliases (or an anchor holding itself)
// cannot make a small file take long.
const (
	maxVisits = 100_000
	maxDepth  = 64
)

// fileResult is what one workflow file holds.
type fileResult struct {
	findings    []Finding
	mentions    bool
	fromSecrets int
	unparsed    string // why the YAML was not (wholly) understood, or ""
}

// scanFile judges one workflow; name is its path relative to the work
// tree. A key written into the file is found line by line even when the
// YAML does not parse.
func scanFile(name string, data []byte) fileResult {
	res := fileResult{mentions: bytes.Contains(bytes.ToLower(data), []byte("openai"))}
	w := &walker{file: name, budget: maxVisits, claimed: map[int]bool{}}
	if doc, err := parse(data); err != nil {
		res.unparsed = err.Error()
	} else {
		w.workflow(doc)
		w.anywhere(doc, 0)
		if w.budget < 0 {
			res.unparsed = "too many aliases to follow: only part of it was read"
		}
	}
	w.rawKeys(data)
	slices.SortStableFunc(w.findings, func(a, b Finding) int { return a.Line - b.Line })
	res.findings, res.fromSecrets = w.findings, w.fromSecrets
	return res
}

// parse reads one YAML document. The parser's message keeps its line
// number; a panic in the parser is an error too.
func parse(data []byte) (doc *yaml.Node, err error) {
	defer func() {
		if recover() != nil {
			doc, err = nil, errors.New("not valid YAML: the parser gave up on it")
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		msg, _, _ := strings.Cut(strings.TrimPrefix(err.Error(), "yaml: "), "\n")
		return nil, errors.New("not valid YAML: " + apikey.Scrub(msg))
	}
	return &n, nil
}

// walker walks one workflow's tree and collects its findings.
type walker struct {
	file        string
	budget      int // nodes left to visit
	depth       int
	findings    []Finding
	claimed     map[int]bool // lines whose key a finding already names
	fromSecrets int
}

// ref is where a key-named secret is used: its line and name.
type ref struct {
	line int
	name string
}

// add records f once per line and kind: a value reached through several
// aliases is fixed on its one line. A job getting the key for forks is
// one finding per job, even when the jobs share the line that gives it.
func (w *walker) add(f Finding) {
	// Names come from the file: a key used as a job id or a variable name
	// is shown as its fingerprint.
	f.File, f.Name, f.Where, f.Note = w.file, apikey.Scrub(f.Name), apikey.Scrub(f.Where), apikey.Scrub(f.Note)
	perJob := f.Kind == ForkExposure || f.Kind == ForkGated
	for _, g := range w.findings {
		if g.Line == f.Line && g.Kind == f.Kind && (!perJob || g.Where == f.Where) {
			return
		}
	}
	w.findings = append(w.findings, f)
}

// workflow walks the top level: its triggers, env and jobs.
func (w *walker) workflow(doc *yaml.Node) {
	top := w.pairs(doc)
	prTarget := w.onPRTarget(get(top, "on"))
	wfEnv := get(top, "env")
	w.env(wfEnv, "workflow env")
	var wfKey ref
	if prTarget {
		wfKey = w.keySecret(wfEnv)
	}
	for _, j := range w.pairs(get(top, "jobs")) {
		w.job(j.key, j.val, prTarget, wfKey)
	}
}

// onPRTarget reports whether the workflow runs on pull_request_target
// (on: as a word, a list or a mapping).
func (w *walker) onPRTarget(on *yaml.Node) bool {
	const trigger = "pull_request_target"
	if s := w.scalar(on); s != nil {
		return s.Value == trigger
	}
	for _, n := range w.seq(on) {
		if s := w.scalar(n); s != nil && s.Value == trigger {
			return true
		}
	}
	return get(w.pairs(on), trigger) != nil
}

// job walks one job: its env (and its container's and services'), the
// with: and secrets: of a reusable workflow it calls, and its steps.
func (w *walker) job(id string, n *yaml.Node, prTarget bool, wfKey ref) {
	jp := w.pairs(n)
	of := " of job " + id
	w.env(get(jp, "env"), "env"+of)
	w.env(get(w.pairs(get(jp, "container")), "env"), "container env"+of)
	for _, s := range w.pairs(get(jp, "services")) {
		w.env(get(w.pairs(s.val), "env"), "env of service "+s.key+of)
	}
	w.with(get(jp, "with"), w.text(get(jp, "uses")), "with"+of)
	inherit := 0
	if s := w.scalar(get(jp, "secrets")); s != nil && s.Value == "inherit" {
		inherit = s.Line
	} else {
		w.env(get(jp, "secrets"), "secrets"+of)
	}
	for i, st := range w.seq(get(jp, "steps")) {
		sp := w.pairs(st)
		where := stepLabel(i, w.text(get(sp, "name")), w.text(get(sp, "id"))) + of
		w.env(get(sp, "env"), "env of "+where)
		w.with(get(sp, "with"), w.text(get(sp, "uses")), "with of "+where)
		if r := w.scalar(get(sp, "run")); r != nil {
			w.run(r, "run of "+where)
		}
	}
	if prTarget {
		w.fork(id, n, jp, wfKey, inherit)
	}
}

// stepLabel names a step for people: "step 2 (Review)", counting from 1.
func stepLabel(i int, name, id string) string {
	label := "step " + itoa(i+1)
	if name == "" {
		name = id
	}
	if name = apikey.Scrub(strings.TrimSpace(name)); name != "" {
		if r := []rune(name); len(r) > 40 {
			name = string(r[:39]) + "…"
		}
		label += " (" + name + ")"
	}
	return label
}

// env checks the key-named entries of an env: (or secrets:) mapping.
func (w *walker) env(n *yaml.Node, where string) {
	for _, p := range w.pairs(n) {
		if !keyNamedVar(p.key) {
			continue
		}
		if v := w.scalar(p.val); v != nil {
			w.value(p.key, v, where)
		}
	}
}

// with checks the key-named inputs of a with: mapping given to uses.
func (w *walker) with(n *yaml.Node, uses, where string) {
	for _, p := range w.pairs(n) {
		if !keyNamedInput(p.key, uses) {
			continue
		}
		if v := w.scalar(p.val); v != nil {
			w.value(p.key, v, where)
		}
	}
}

// value records what is given as the key under name, unless it comes
// from a secret.
func (w *walker) value(name string, v *yaml.Node, where string) {
	kind, ok := classify(v.Value)
	if !ok || v.ShortTag() == "!!null" { // OPENAI_API_KEY: ~ sets nothing
		return
	}
	off := len(v.Value) - len(strings.TrimLeft(v.Value, " \t\n"))
	if kind == KeyLiteral {
		off = keyOffset(v.Value)
		for l := v.Line; l <= lineAt(v, len(v.Value)); l++ {
			w.claimed[l] = true
		}
	}
	w.add(Finding{Line: lineAt(v, off), Kind: kind, Name: name, Where: where})
}

// run checks the assignments to key-named variables in a run: script.
func (w *walker) run(r *yaml.Node, where string) {
	for _, m := range runAssign.FindAllStringSubmatchIndex(r.Value, -1) {
		kind, ok := runValue(r.Value[m[4]:m[5]])
		if !ok {
			continue
		}
		line := lineAt(r, m[4])
		if kind == KeyLiteral {
			w.claimed[line] = true
		}
		w.add(Finding{Line: line, Kind: kind, Name: r.Value[m[2]:m[3]], Where: where})
	}
}

// fork records a job of a pull_request_target workflow that gets the key:
// through its own reference to the secret, secrets: inherit, or the
// workflow's env.
func (w *walker) fork(id string, n *yaml.Node, jp []pair, wfKey ref, inherit int) {
	at := w.keySecret(n)
	switch {
	case at.line > 0:
	case inherit > 0:
		at = ref{inherit, ""}
	case wfKey.line > 0:
		at = wfKey
	default:
		return
	}
	f := Finding{Line: at.line, Kind: ForkExposure, Name: at.name, Where: "job " + id}
	switch {
	case inherit > 0 && at.line == inherit:
		f.Note = "secrets: inherit passes every secret"
	case at.name == "secrets":
		f.Name, f.Note = "", "toJSON(secrets) hands over every secret"
	}
	if env := get(jp, "environment"); env != nil {
		f.Kind = ForkGated
		name := w.text(env)
		if name == "" {
			name = w.text(get(w.pairs(env), "name"))
		}
		f.Note = joinNote(f.Note, "held by environment "+apikey.Scrub(name))
	}
	if line := w.checksOutHead(jp); line > 0 {
		f.Note = joinNote(f.Note, "checks out the pull request's head (line "+itoa(line)+")")
	}
	w.add(f)
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// checksOutHead returns the line of an actions/checkout step's ref: that
// names the pull request's head, or 0.
func (w *walker) checksOutHead(jp []pair) int {
	for _, st := range w.seq(get(jp, "steps")) {
		sp := w.pairs(st)
		if !strings.HasPrefix(strings.ToLower(w.text(get(sp, "uses"))), "actions/checkout") {
			continue
		}
		ref := w.scalar(get(w.pairs(get(sp, "with")), "ref"))
		if ref == nil {
			continue
		}
		v := strings.ToLower(ref.Value)
		if strings.Contains(v, "pull_request.head") || strings.Contains(v, "head_ref") || strings.Contains(v, "refs/pull/") {
			return ref.Line
		}
	}
	return 0
}

// keySecret finds the first use of a key-named secret (or of every secret)
// under n, aliases followed.
func (w *walker) keySecret(n *yaml.Node) ref {
	var at ref
	w.find(n, func(s *yaml.Node) bool {
		name, off := keySecretIn(s.Value)
		if name != "" {
			at = ref{lineAt(s, off), name}
		}
		return name != ""
	})
	return at
}

// anywhere counts the uses of key-named secrets and records every
// configuration variable or input named like the key, wherever it stands
// (a run: script, another action's input). It does not follow aliases, so
// each node is seen once.
func (w *walker) anywhere(n *yaml.Node, depth int) {
	if n == nil || depth > 10_000 {
		return
	}
	if n.Kind == yaml.ScalarNode {
		w.fromSecrets += countKeySecrets(n.Value)
		if kind, name, off := keyRefKind(n.Value); kind != "" {
			w.add(Finding{Line: lineAt(n, off), Kind: kind, Name: name})
		}
		return
	}
	for _, c := range n.Content {
		w.anywhere(c, depth+1)
	}
}

// rawKeys records each line holding a key that no finding names yet:
// in a comment, a run: script, anywhere, and in a file that did not parse.
func (w *walker) rawKeys(data []byte) {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !w.claimed[i+1] && holdsKey(string(line)) {
			w.add(Finding{Line: i + 1, Kind: KeyLiteral})
		}
	}
}

// keyOffset is where the first real key starts in s.
func keyOffset(s string) int {
	for _, k := range apikey.FindAll(s) {
		if !apikey.IsPlaceholder(k) {
			return strings.Index(s, k)
		}
	}
	return 0
}

// lineAt is the file line of byte off of a scalar's value: a block
// scalar's (| or >) text starts on the line after its indicator. Folded
// text may count a line or two short.
func lineAt(n *yaml.Node, off int) int {
	l := n.Line
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		l++
	}
	return l + strings.Count(n.Value[:min(max(off, 0), len(n.Value))], "\n")
}
