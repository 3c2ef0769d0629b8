package envfile

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// A parser reads a dotenv file the way an app would. err is set when the
// parser rejects the whole file (godotenv does on one bad line).
type parser struct {
	name string
	// setup returns a reader, or skips/fails (under CI) when the parser is
	// not installed.
	setup func(t *testing.T) func(path string) (map[string]string, error)
}

const pyScript = `import json,sys
from dotenv import dotenv_values
print(json.dumps({k: v for k, v in dotenv_values(sys.argv[1]).items() if v is not None}))`

const nodeScript = `const d=require("dotenv");console.log(JSON.stringify(d.parse(require("fs").readFileSync(process.argv[1]))))`

// runJSON runs a parser process and decodes the object it prints.
func runJSON(cmd *exec.Cmd) (map[string]string, error) {
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		return nil, fmt.Errorf("%v: %s", err, stderr)
	}
	m := map[string]string{}
	return m, json.Unmarshal(out, &m)
}

var parsers = []parser{
	{"godotenv", func(t *testing.T) func(string) (map[string]string, error) {
		return func(path string) (map[string]string, error) { return godotenv.Read(path) }
	}},
	{"python-dotenv (Debian /usr/bin/python3)", func(t *testing.T) func(string) (map[string]string, error) {
		const py = "/usr/bin/python3"
		err := exec.Command(py, "-c", "import dotenv").Run()
		requireTool(t, "python3-dotenv for "+py+" (apt-get install -y python3-dotenv)", err == nil)
		return func(path string) (map[string]string, error) {
			return runJSON(exec.Command(py, "-c", pyScript, path))
		}
	}},
	{"node dotenv", func(t *testing.T) func(string) (map[string]string, error) {
		dir := os.Getenv("DOTENV_NODE_DIR")
		_, nodeErr := exec.LookPath("node")
		_, modErr := os.Stat(filepath.Join(dir, "node_modules", "dotenv"))
		requireTool(t, "node and dotenv in $DOTENV_NODE_DIR/node_modules", dir != "" && nodeErr == nil && modErr == nil)
		return func(path string) (map[string]string, error) {
			cmd := exec.Command("node", "-e", nodeScript, path)
			cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
			return runJSON(cmd)
		}
	}},
}

// longKey is shaped like a real project key: 128 characters.
var longKey = "sk-proj-" + strings.Repeat("Ab3_x-9Z", 15)

func TestCrossParser(t *testing.T) {
	fixtures := []struct {
		name  string
		in    string
		edits []Edit
	}{
		{"empty", "", nil},
		{"plain lf", "A=1\nB=two words\n", nil},
		{"crlf, no final newline, export key", "# c\r\nexport OPENAI_API_KEY=old\r\nDB=\"postgres://u:p@h/db\" # c\r\nLAST=1", nil},
		{"mixed line endings", "A=1\r\nB='keep me'\nC=3\r\n", nil},
		{"duplicates", "OPENAI_API_KEY=a\nX='y z'\nOPENAI_API_KEY=\"b\"\nY=2\n", nil},
		{"quotes, multi-line, comments", "MULTI=\"first\nsecond\"\nSQ='it \"s'\nHASH=abc #c\nEQ=a=b==c\nOPENAI_API_KEY=sk-old # note\nDQ=\"abc #def\"\n", nil},
		{"multi-line crlf", "MULTI=\"first\r\nsecond\"\r\nOPENAI_API_KEY=\"x\r\ny\"\r\nZ=z", nil},
		{"bom", "\xef\xbb\xbfA=1\nOPENAI_API_KEY=x\n", nil},
		{"spaces and indentation", "  SPACES_AROUND = spaced value   \n\texport TAB=1\nEMPTY=\n", nil},
		{"unicode and backslashes", "UNI=héllo ✓\nBS=C:\\path\\to\nAPOS=it's\n", nil},
		{"everything at once", quirky, nil},
		{"key, project and org", "export OPENAI_ORG_ID=org-old\nA=1\n", []Edit{{"OPENAI_PROJECT_ID", "proj_AbC123"}, {"OPENAI_ORG_ID", "org-AbCdEf123"}}},
	}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			isolateGit(t)
			read := p.setup(t)
			for _, fx := range fixtures {
				t.Run(fx.name, func(t *testing.T) {
					edits := append([]Edit{{keyName, longKey}}, fx.edits...)
					path := filepath.Join(t.TempDir(), ".env")
					if fx.in != "" {
						writeTestFile(t, path, fx.in)
					}
					before := map[string]string{}
					if fx.in != "" {
						var err error
						if before, err = read(path); err != nil {
							t.Skipf("%s rejects the original file too: %v", p.name, err)
						}
					}
					if _, err := Update(context.Background(), path, Options{}, edits...); err != nil {
						t.Fatal(err)
					}
					after, err := read(path)
					if err != nil {
						t.Fatalf("%s cannot read the written file: %v\n%q", p.name, err, readTestFile(t, path))
					}
					want := maps.Clone(before)
					for _, e := range edits {
						want[e.Name] = e.Value
					}
					if !maps.Equal(after, want) {
						t.Errorf("%s reads\n%q\nwant\n%q\nfile %q", p.name, after, want, readTestFile(t, path))
					}
				})
			}
		})
	}
}

// agreed holds lines every parser reads the same (docs/dotenv-parsers.md); our
// Parse must read them that way too, since doctor's discovery relies on it.
const agreed = "OPENAI_API_KEY=sk-proj-abc\r\n" +
	"export EXPORTED_KEY=sk-exp\n" +
	"DQ_KEY=\"sk-dq\"\n" +
	"SQ_KEY='sk-sq'\n" +
	"KEY_INLINE_COMMENT=sk-inline # my key\n" +
	"HASH_SPACE=abc #def\n" +
	"HASH_DQ=\"abc #def\"\n" +
	"HASH_SQ='abc #def'\n" +
	"EQ=a=b==c\n" +
	"SPACES_UNQUOTED=hello world\n" +
	"SPACES_AROUND = spaced value   \n" +
	"   INDENTED=ind\n" +
	"SQ_DQ='say \"hi\"'\n" +
	"DQ_NL=\"line1\\nline2\"\n" +
	"SQ_NL='line1\\nline2'\n" +
	"UNQ_NL=line1\\nline2\n" +
	"DQ_MULTI=\"first\r\nsecond\"\n" +
	"EMPTY=\n" +
	"EMPTY_DQ=\"\"\n" +
	"EMPTY_SQ=''\n" +
	"DOLLAR=pa$word\n" +
	"APOS=it's\n" +
	"BS=C:\\path\\to\n" +
	"DUP=first \nDUP=second\n" +
	"UNI=héllo ✓\n" +
	"DQ_SQ=\"it's\"\n" +
	"LAST=no-trailing-newline"

func TestParseAgreesWithParsers(t *testing.T) {
	ours := map[string]string{}
	for _, e := range Parse([]byte(agreed)) {
		ours[e.Name] = e.Value
	}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			read := p.setup(t)
			path := filepath.Join(t.TempDir(), ".env")
			writeTestFile(t, path, agreed)
			theirs, err := read(path)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(ours, theirs) {
				for k := range maps.Keys(theirs) {
					if ours[k] != theirs[k] {
						t.Errorf("%s: ours %q, %s %q", k, ours[k], p.name, theirs[k])
					}
				}
				if len(ours) != len(theirs) {
					t.Errorf("ours has %d names, %s %d", len(ours), p.name, len(theirs))
				}
			}
		})
	}
}

// TestCrossParserBOM keeps doctor's byte_order_mark warning true (see
// checks.kcBOMWhat): with a UTF-8 byte-order mark in front, python-dotenv
// before 1.2.3 glues it onto the first line's name, so OPENAI_API_KEY on
// line 1 is missing and a later line still loads; godotenv refuses the whole
// file; node dotenv strips the mark. Our Parse reads it as node does.
// Nothing here prints a value: godotenv's error quotes the file, so only
// whether it failed is shown.
func TestCrossParserBOM(t *testing.T) {
	const bomMark = "\xef\xbb\xbf"
	fixtures := []struct {
		name, in string
		// keyLine1 is true when OPENAI_API_KEY is on the first line.
		keyLine1 bool
	}{
		{"key on line 1", bomMark + keyName + "=" + longKey + "\nA=1\n", true},
		{"key on line 1, crlf", bomMark + keyName + "=" + longKey + "\r\nA=1\r\n", true},
		{"key on line 2", bomMark + "A=1\n" + keyName + "=" + longKey + "\n", false},
		{"comment first", bomMark + "# from Notepad\n" + keyName + "=" + longKey + "\n", false},
	}
	for _, fx := range fixtures {
		if got, ok := Lookup(Parse([]byte(fx.in)), keyName); !ok || got.Value != longKey {
			t.Errorf("%s: our Parse does not read %s", fx.name, keyName)
		}
	}
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			read := p.setup(t)
			// Which behaviour this parser should show.
			var refuses, missesLine1 bool
			switch {
			case p.name == "godotenv":
				refuses = true
			case strings.HasPrefix(p.name, "python-dotenv"):
				missesLine1 = pythonDotenvBefore(t, 1, 2, 3)
			}
			for _, fx := range fixtures {
				t.Run(fx.name, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), ".env")
					writeTestFile(t, path, fx.in)
					got, err := read(path)
					if refuses {
						if err == nil {
							t.Errorf("%s reads a file with a byte-order mark (names %q); doctor says it refuses it", p.name, slices.Sorted(maps.Keys(got)))
						}
						return
					}
					if err != nil {
						t.Fatalf("%s fails on a file with a byte-order mark; doctor says it reads it", p.name)
					}
					v, ok := got[keyName]
					wantMissing := missesLine1 && fx.keyLine1
					switch {
					case wantMissing && ok:
						t.Errorf("%s reads %s on line 1 after a byte-order mark; doctor says it misses it", p.name, keyName)
					case !wantMissing && (!ok || v != longKey):
						t.Errorf("%s does not read %s (names %q); doctor says it does", p.name, keyName, slices.Sorted(maps.Keys(got)))
					}
					if wantMissing && got["\ufeff"+keyName] != longKey {
						t.Errorf("%s: names %q, want the key under \\ufeff%s", p.name, slices.Sorted(maps.Keys(got)), keyName)
					}
				})
			}
		})
	}
}

// pythonDotenvBefore reports whether /usr/bin/python3's python-dotenv is
// older than major.minor.patch.
func pythonDotenvBefore(t *testing.T, major, minor, patch int) bool {
	t.Helper()
	out, err := exec.Command("/usr/bin/python3", "-c", `import importlib.metadata as m; print(m.version("python-dotenv"))`).Output()
	if err != nil {
		t.Fatalf("python-dotenv version: %v", err)
	}
	v := strings.TrimSpace(string(out))
	var got [3]int
	for i, part := range strings.SplitN(v, ".", 3) {
		n, err := strconv.Atoi(strings.TrimRightFunc(part, func(r rune) bool { return r < '0' || r > '9' }))
		if err != nil {
			t.Fatalf("python-dotenv version %q: %v", v, err)
		}
		got[i] = n
	}
	t.Logf("python-dotenv %s", v)
	return slices.Compare(got[:], []int{major, minor, patch}) < 0
}
