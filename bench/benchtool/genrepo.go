package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
)

// repoSpec describes the generated history: Commits regular commits spread
// over a main branch and a feature branch forked from it, with fake keys
// planted, then hiddenCommits more holding keys where a plain diff of the
// branches does not show them (see writeHidden).
type repoSpec struct {
	Commits int
	Seed    uint64
}

// plant is one fake key placed in the history.
type plant struct {
	Format    string // keyFormat.name
	Key       string
	Branch    string
	Commit    int // index in generation order of the commit adding it
	RemovedAt int // index of the commit removing it again; -1 if kept
	Path      string
	style     int // index into plantStyles
}

const (
	mainRef      = "refs/heads/main"
	featureRef   = "refs/heads/feature/billing"
	rollingFiles = 40
	maxFileLines = 100
	baseTime     = 1700000000
)

// words are the vocabulary of generated code lines. None of them is a word
// secret scanners key on (key, token, secret, password, auth, api), so the
// only findings are the planted keys.
var words = strings.Fields(`alpha beta gamma delta render parse widget order cart user session cache
	queue worker batch retry limit buffer stream record field index shard route handler client server
	price amount total invoice report metric gauge counter sample window frame layout style theme`)

// genRepo writes a git fast-import stream to w and returns the planted keys.
// The same spec always gives the same stream.
func genRepo(w io.Writer, spec repoSpec) ([]plant, error) {
	n := spec.Commits
	if n < 40 {
		return nil, fmt.Errorf("need at least 40 commits, got %d", n)
	}
	rng := rand.New(rand.NewPCG(spec.Seed, 0x7265706f))
	branchOf := schedule(n)
	var mainIdx, featIdx []int
	for i, b := range branchOf {
		if b == featureRef {
			featIdx = append(featIdx, i)
		} else {
			mainIdx = append(mainIdx, i)
		}
	}
	keys := fakeKeys(spec.Seed, 4) // three per format for the branches, one for the hidden places
	plants := planPlants(keys, mainIdx, featIdx)
	hiddenKeys := map[string]string{}
	for f, ks := range keys {
		hiddenKeys[f] = ks[3]
	}
	adds := map[int][]int{}    // commit index -> plants added there
	removes := map[int][]int{} // commit index -> plants removed there
	for p, pl := range plants {
		adds[pl.Commit] = append(adds[pl.Commit], p)
		if pl.RemovedAt >= 0 {
			removes[pl.RemovedAt] = append(removes[pl.RemovedAt], p)
		}
	}

	bw := bufio.NewWriterSize(w, 1<<20)
	files := map[string]map[string][]string{mainRef: {}}
	forked := false
	for i := range n {
		ref := branchOf[i]
		from := ""
		if ref == featureRef && !forked {
			// Fork from main's current tip: copy main's files.
			forked = true
			from = fmt.Sprintf(":%d", lastMark(branchOf[:i], mainRef))
			cp := map[string][]string{}
			for p, l := range files[mainRef] {
				cp[p] = slices.Clone(l)
			}
			files[featureRef] = cp
		}
		tree := files[ref]
		changed := map[string]bool{}
		edits := 1 + rng.IntN(3)
		if i == 0 {
			edits = rollingFiles // the first commit creates the project
		}
		for e := range edits {
			f := rng.IntN(rollingFiles)
			if i == 0 {
				f = e
			}
			path := rollingPath(f)
			tree[path] = growFile(rng, tree[path])
			changed[path] = true
		}
		msg := fmt.Sprintf("%s: %s %s (#%d)", words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))], i+1)
		for _, p := range adds[i] {
			pl := plants[p]
			tree[pl.Path] = plantFile(pl, true)
			changed[pl.Path] = true
			msg = "config: wire up the " + words[rng.IntN(len(words))] + " client"
		}
		for _, p := range removes[i] {
			pl := plants[p]
			tree[pl.Path] = plantFile(pl, false)
			changed[pl.Path] = true
			msg = "config: read the key from the environment"
		}
		fmt.Fprintf(bw, "commit %s\nmark :%d\ncommitter Bench Robot <bench@example.invalid> %d +0000\n", ref, i+1, baseTime+600*i)
		fmt.Fprintf(bw, "data %d\n%s\n", len(msg), msg)
		if from != "" {
			fmt.Fprintf(bw, "from %s\n", from)
		}
		paths := make([]string, 0, len(changed))
		for p := range changed {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			body := strings.Join(tree[p], "")
			fmt.Fprintf(bw, "M 100644 inline %s\ndata %d\n%s\n", p, len(body), body)
		}
		bw.WriteString("\n")
	}
	hidden, mainTip := writeHidden(bw, hiddenKeys, n+1, lastMark(branchOf, mainRef), lastMark(branchOf, featureRef))
	plants = append(plants, hidden...)
	fmt.Fprintf(bw, "reset refs/heads/main\nfrom :%d\n\n", mainTip)
	return plants, bw.Flush()
}

// schedule assigns every commit to a branch: the feature branch forks at
// 40% of the way and takes every fourth commit after that, up to 15%.
func schedule(n int) []string {
	out := make([]string, n)
	featTotal := max(n*15/100, 10)
	mainCount, featCount := 0, 0
	for i := range n {
		if mainCount >= n*40/100 && featCount < featTotal && i%4 == 0 {
			out[i] = featureRef
			featCount++
			continue
		}
		out[i] = mainRef
		mainCount++
	}
	return out
}

// lastMark is the mark (index+1) of the last commit on ref in branchOf.
func lastMark(branchOf []string, ref string) int {
	for i := len(branchOf) - 1; i >= 0; i-- {
		if branchOf[i] == ref {
			return i + 1
		}
	}
	return 0
}

// planPlants places three keys of every format: one added on main and
// kept, one added on main and removed a while later, and one on the
// feature branch (kept for some formats, removed for others).
func planPlants(keys map[string][]string, mainIdx, featIdx []int) []plant {
	at := func(idx []int, frac float64) int { return idx[min(int(frac*float64(len(idx))), len(idx)-1)] }
	var out []plant
	for j, f := range keyFormats {
		ks := keys[f.name]
		kept := plant{Format: f.name, Key: ks[0], Branch: "main", Commit: at(mainIdx, 0.08+0.16*float64(j)), RemovedAt: -1}
		addFrac := 0.12 + 0.16*float64(j)
		removed := plant{Format: f.name, Key: ks[1], Branch: "main", Commit: at(mainIdx, addFrac), RemovedAt: at(mainIdx, addFrac+0.03)}
		feat := plant{Format: f.name, Key: ks[2], Branch: "feature/billing", Commit: at(featIdx, 0.1+0.18*float64(j)), RemovedAt: -1}
		if j%2 == 1 {
			feat.RemovedAt = at(featIdx, 0.1+0.18*float64(j)+0.05)
		}
		for s, p := range []*plant{&kept, &removed, &feat} {
			slot := j*3 + s
			p.style = (slot + j) % len(plantStyles)
			p.Path = fmt.Sprintf(plantStyles[p.style].path, slot)
			out = append(out, *p)
		}
	}
	return out
}

// plantStyles are the ways a key ends up in a file: source code, dotenv,
// shell, JavaScript, YAML, and a bare constructor argument (the one style
// with no "key"-like name next to the key, which generic rules rely on).
var plantStyles = []struct{ path, line, after string }{
	{"config/settings_%d.py", "OPENAI_API_KEY = \"%s\"\n", "OPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]\n"},
	{"deploy/env/service_%d.env", "OPENAI_API_KEY=%s\n", "# OPENAI_API_KEY comes from the deploy environment\n"},
	{"scripts/setup_%d.sh", "export OPENAI_API_KEY='%s'\n", ": \"${OPENAI_API_KEY:?set OPENAI_API_KEY}\"\n"},
	{"web/src/client_%d.js", "const openaiKey = \"%s\";\n", "const openaiKey = process.env.OPENAI_API_KEY;\n"},
	{"k8s/values_%d.yaml", "  openaiKey: \"%s\"\n", "  openaiKeyFrom: env\n"},
	{"notebooks/demo_%d.py", "client = OpenAI(\"%s\")\n", "client = OpenAI()\n"},
}

// plantFile is the content of a plant's file, with the key or after it was
// removed.
func plantFile(p plant, withKey bool) []string {
	st := plantStyles[p.style]
	line := st.after
	if withKey {
		line = fmt.Sprintf(st.line, p.Key)
	}
	return []string{"# generated for the openai-setup benchmark; the key below is fake\n", line, "# end\n"}
}

func rollingPath(f int) string {
	exts := []string{"go", "py", "md", "ts"}
	return fmt.Sprintf("src/pkg%02d/module_%02d.%s", f%8, f, exts[f%len(exts)])
}

// growFile appends a few generated lines (and sometimes drops old ones),
// keeping the file under maxFileLines.
func growFile(rng *rand.Rand, lines []string) []string {
	for range 3 + rng.IntN(10) {
		lines = append(lines, codeLine(rng))
	}
	if len(lines) > 20 && rng.IntN(4) == 0 {
		i := rng.IntN(len(lines) - 5)
		lines = slices.Delete(lines, i, i+1+rng.IntN(4))
	}
	if len(lines) > maxFileLines {
		lines = lines[len(lines)-maxFileLines:]
	}
	return lines
}

func codeLine(rng *rand.Rand) string {
	w := func() string { return words[rng.IntN(len(words))] }
	switch rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s_%s = %s(%d, %q)\n", w(), w(), w(), rng.IntN(100000), w()+" "+w())
	case 1:
		return fmt.Sprintf("    if %s.%s > %d { return %s }\n", w(), w(), rng.IntN(1000), w())
	case 2:
		return fmt.Sprintf("// %s the %s before the %s %s\n", w(), w(), w(), w())
	}
	return fmt.Sprintf("%s.%s(%s, %s, %d)\n", w(), w(), w(), w(), rng.IntN(1<<20))
}

// writeManifest writes one tab-separated line per plant: format,
// fingerprint, branch, commit index, removed-at index, path, key.
func writeManifest(w io.Writer, plants []plant) error {
	bw := bufio.NewWriter(w)
	for _, p := range plants {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", p.Format, apikey.Fingerprint(p.Key), p.Branch, p.Commit, p.RemovedAt, p.Path, p.Key)
	}
	return bw.Flush()
}
