// Package fakecli builds and installs the fake gh and vault (see prog) for
// tests, and reads back what they recorded.
package fakecli

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// Call is one recorded invocation.
type Call struct {
	Argv  []string `json:"argv"`
	Env   []string `json:"env"`
	Stdin string   `json:"stdin"`
}

var (
	buildOnce sync.Once
	built     string
	buildErr  error
	buildOut  []byte
)

// Install builds the fake once per test binary and copies it into a new
// folder under each of tools' names ("gh", "vault"). It returns that folder
// (for PATH) and a state folder (for FAKECLI_STATE).
func Install(t testing.TB, tools ...string) (binDir, state string) {
	t.Helper()
	buildOnce.Do(func() {
		// One file per user, replaced atomically: test binaries running at
		// once each build (from go's cache) and rename over it, and no run
		// leaves a new file behind.
		built = filepath.Join(os.TempDir(), "openai-setup-fakecli-"+strconv.Itoa(os.Getuid()))
		tmp := built + "." + strconv.Itoa(os.Getpid())
		cmd := exec.Command("go", "build", "-o", tmp, "github.com/setupkit/openai-setup/internal/fakecli/prog")
		if buildOut, buildErr = cmd.CombinedOutput(); buildErr == nil {
			buildErr = os.Rename(tmp, built)
		}
	})
	if buildErr != nil {
		t.Fatalf("building the fake CLI: %v\n%s", buildErr, buildOut)
	}
	binDir, state = t.TempDir(), t.TempDir()
	prog, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tools {
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		if err := os.WriteFile(filepath.Join(binDir, name), prog, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return binDir, state
}

// Calls returns every call recorded in state, in order.
func Calls(t testing.TB, state string) []Call {
	t.Helper()
	f, err := os.Open(filepath.Join(state, "calls.jsonl"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var calls []Call
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c Call
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, c)
	}
	return calls
}
