// Package layering holds one test: imports point one way (cmd → tui →
// steps, checks; checks never imports tui), as the design says.
package layering

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/setupkit/openai-setup"

// allowed lists, per package, the project packages it may import. Packages
// not listed may import any project package except those in forbiddenEverywhere.
var allowed = map[string][]string{
	"apikey":                {},
	"internal/openai":       {},
	"internal/termtext":     {},
	"internal/atomicfile":   {},
	"internal/gitcli":       {},
	"internal/gitignore":    {},
	"internal/jsonedit":     {},
	"internal/tlsproxy":     {},
	"internal/testkit":      {},
	"steps":                 {},
	"envfile":               {"apikey", "internal/atomicfile", "internal/gitcli", "internal/gitignore", "internal/termtext"},
	"agents":                {"apikey", "internal/atomicfile", "internal/jsonedit", "internal/gitignore"},
	"history":               {"apikey", "internal/gitcli"},
	"probe":                 {"apikey", "internal/openai", "internal/tlsproxy"},
	"discover":              {"envfile", "apikey", "internal/gitcli", "internal/openai"},
	"checks":                {"probe", "discover", "envfile", "apikey", "internal/openai", "internal/termtext", "internal/tlsproxy"},
	"keyowner":              {"checks", "admin", "apikey", "internal/openai"},
	"hygiene":               {"checks", "agents", "ciworkflows", "history", "discover", "envfile", "apikey", "internal/gitcli", "internal/openai", "internal/termtext"},
	"rotate":                {"admin", "apikey", "checks", "discover", "envfile", "internal/gitcli", "internal/openai"},
	"tui":                   {"apikey", "checks", "steps", "rotate", "internal/termtext", "usage", "chart"},
	"admin":                 {"apikey", "internal/openai"},
	"provision":             {"admin", "apikey"},
	"push":                  {"apikey", "internal/gitcli", "internal/termtext"},
	"internal/fakecli":      {},
	"internal/fakecli/prog": {},
	"usage":                 {"admin", "apikey", "internal/openai"},
	"chart":                 {},
	"ciworkflows":           {"apikey", "envfile"},
}

// forbiddenOutside are third-party or std imports banned from packages that
// must stay pure: no UI in logic, no I/O in the state machine.
var forbiddenOutside = map[string][]string{
	"checks":             {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra"},
	"hygiene":            {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http"},
	"probe":              {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "os/exec"},
	"discover":           {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http", "os/exec"},
	"envfile":            {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http"},
	"agents":             {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http", "os/exec"},
	"admin":              {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "os/exec"},
	"provision":          {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "os/exec", "os"},
	"usage":              {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "os/exec"},
	"chart":              {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"apikey":             {"charm.land/", "github.com/", "net/http", "os/exec"},
	"internal/openai":    {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"internal/termtext":  {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"internal/jsonedit":  {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"internal/tlsproxy":  {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"internal/testkit":   {"charm.land/", "github.com/", "net/http"},
	"internal/gitcli":    {"charm.land/", "github.com/", "golang.org/", "net/http"},
	"internal/gitignore": {"charm.land/", "github.com/", "net/http", "os/exec", "os"},
	"ciworkflows":        {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http", "os/exec"},
	"history":            {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http"},
	"steps":              {"charm.land/", "github.com/"},
	"rotate":             {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra"},
	"tui":                {"net/http", "os/exec", "github.com/pkg/browser"},
	"push":               {"charm.land/", "github.com/charmbracelet/", "github.com/spf13/cobra", "net/http"},
}

func TestImportDirection(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		seen++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			checkImport(t, pkg, p, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 20 {
		t.Fatalf("only %d Go files found: the walk is broken", seen)
	}
}

func checkImport(t *testing.T, pkg, imp, file string) {
	t.Helper()
	for _, bad := range forbiddenOutside[pkg] {
		if strings.HasPrefix(imp, bad) {
			t.Errorf("%s: package %s must not import %s", file, pkg, imp)
		}
	}
	if !strings.HasPrefix(imp, module+"/") {
		return
	}
	target := strings.TrimPrefix(imp, module+"/")
	if strings.HasPrefix(target, "cmd/") {
		t.Errorf("%s: nothing imports a command (%s)", file, imp)
	}
	if target == "tui" && pkg != "cmd/openai-setup" {
		t.Errorf("%s: only the command imports tui", file)
	}
	list, ok := allowed[pkg]
	if !ok {
		return
	}
	for _, a := range list {
		if a == target {
			return
		}
	}
	t.Errorf("%s: package %s may not import %s (allowed: %v)", file, pkg, target, list)
}
