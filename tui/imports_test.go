package tui

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestImports keeps tui free of I/O packages and of project packages other
// than steps, checks, apikey and rotate (for its types) and termtext (pure
// text, for shell words): effects come only through Options.
func TestImports(t *testing.T) {
	forbidden := []string{"net/http", "os/exec", "github.com/pkg/browser", "github.com/setupkit/openai-setup/envfile",
		"github.com/setupkit/openai-setup/cmd", "github.com/setupkit/openai-setup/internal", "github.com/atotto/clipboard"}
	allowedProject := []string{"github.com/setupkit/openai-setup/steps", "github.com/setupkit/openai-setup/checks", "github.com/setupkit/openai-setup/apikey",
		"github.com/setupkit/openai-setup/rotate", "github.com/setupkit/openai-setup/usage", "github.com/setupkit/openai-setup/chart",
		"github.com/setupkit/openai-setup/internal/termtext"}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden {
				if p != "github.com/setupkit/openai-setup/internal/termtext" && (p == bad || strings.HasPrefix(p, bad+"/")) {
					t.Errorf("%s imports %s", f, p)
				}
			}
			if p == "os" {
				t.Errorf("%s imports os: tui does no I/O", f)
			}
			if strings.HasPrefix(p, "github.com/setupkit/openai-setup/") {
				ok := false
				for _, a := range allowedProject {
					ok = ok || p == a
				}
				if !ok {
					t.Errorf("%s imports %s", f, p)
				}
			}
		}
	}
}
