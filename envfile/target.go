package envfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
)

// Target is a place to save a key, as CheckTarget found it.
type Target struct {
	// Path is absolute and clean, with "~" expanded; Dir is its folder.
	Path string
	Dir  string
	// DirMissing is true when Dir does not exist yet: offer to create it
	// (CreateDir) rather than failing.
	DirMissing bool
	// Exists is true when a file is already at Path.
	Exists bool
	// InRepo is true when Dir is inside a git work tree. Outside one,
	// nothing stops the key being copied around with the folder: say so.
	InRepo bool
}

// ErrBadTarget is wrapped by every refusal of CheckTarget.
var ErrBadTarget = errors.New("not a place for a key")

// sourceExts are file types that hold code or structured settings: a key
// written there as NAME=value would break the file, and the file is likely
// committed.
var sourceExts = []string{
	".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".go", ".json", ".yaml", ".yml", ".toml",
	".sh", ".bash", ".zsh", ".rb", ".java", ".kt", ".php", ".rs", ".c", ".h", ".cpp", ".cs",
	".swift", ".md", ".html", ".css", ".xml", ".sql", ".ipynb", ".lock",
}

// CheckTarget says whether path (relative to dir, "~" meaning home) is a
// sensible file to save a key in, before anything is written: the wizard,
// --with-key --env-file and rotate all call it. Refusals are one sentence
// saying what to do, and wrap ErrBadTarget.
func CheckTarget(ctx context.Context, path, dir, home string) (Target, error) {
	p := strings.TrimSpace(path)
	switch {
	case p == "":
		return Target{}, badTarget("give the path of a dotenv file, such as .env")
	case apikey.LooksLikeKey(p):
		return Target{}, badTarget("that looks like an API key, not a file path: give the path of a dotenv file, such as .env")
	case p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`):
		if home == "" {
			return Target{}, badTarget("the home folder is unknown, so write the full path instead of ~")
		}
		p = filepath.Join(home, p[1:])
	case strings.HasPrefix(p, "~"):
		return Target{}, badTarget("write the full path instead of " + strings.SplitN(p, "/", 2)[0])
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	t := Target{Path: filepath.Clean(p)}
	t.Dir = filepath.Dir(t.Path)

	if ext := strings.ToLower(filepath.Ext(t.Path)); ext != "" && slices.Contains(sourceExts, ext) {
		return t, badTarget(fmt.Sprintf("%s is a %s file, not a dotenv file: save the key in a file such as %s", t.Path, ext, filepath.Join(t.Dir, ".env")))
	}
	di, err := os.Stat(t.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t.DirMissing = true
		return t, nil
	case err != nil:
		return t, badTarget(fmt.Sprintf("the folder %s cannot be opened: check its permissions or choose another folder", t.Dir))
	case !di.IsDir():
		return t, badTarget(fmt.Sprintf("%s is not a folder: choose a path inside a folder", t.Dir))
	}
	t.InRepo = inWorkTree(ctx, t.Dir)

	fi, err := os.Stat(t.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t, nil
	case err != nil:
		return t, badTarget(fmt.Sprintf("%s cannot be opened: check its permissions or choose another file", t.Path))
	case fi.IsDir():
		return t, badTarget(fmt.Sprintf("%s is a folder: give a file inside it, such as %s", t.Path, filepath.Join(t.Path, ".env")))
	}
	t.Exists = true
	data, _, err := readRegular(t.Path, MaxDotenv)
	switch {
	case errors.Is(err, ErrNotRegular):
		return t, badTarget(fmt.Sprintf("%s is %s, not an ordinary file: remove it or choose another path", t.Path, kindOf(fi.Mode())))
	case errors.Is(err, ErrTooLarge):
		return t, badTarget(fmt.Sprintf("%s is larger than %d MiB, too big for a dotenv file: check the path", t.Path, MaxDotenv>>20))
	case err != nil:
		return t, badTarget(fmt.Sprintf("%s cannot be read: check its permissions or choose another file", t.Path))
	}
	if assigns, others := countLines(data); others > assigns {
		return t, badTarget(fmt.Sprintf("%s does not look like a dotenv file (most of its lines are not NAME=value): choose another file, such as %s", t.Path, filepath.Join(t.Dir, ".env")))
	}
	return t, nil
}

// CreateDir makes the missing folder of a target (and its parents),
// readable only by this user: it is about to hold a secret.
func CreateDir(t Target) error {
	if err := os.MkdirAll(t.Dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("could not create the folder %s: this user may not write there, so choose another folder", t.Dir)
		}
		return fmt.Errorf("could not create the folder %s: choose another folder", t.Dir)
	}
	return nil
}

func badTarget(msg string) error { return targetError(msg) }

// targetError is a refusal: its text is the whole sentence, and errors.Is
// finds ErrBadTarget without adding words to it.
type targetError string

func (e targetError) Error() string        { return string(e) }
func (e targetError) Is(target error) bool { return target == ErrBadTarget }

// countLines counts the statements in data (NAME=value, "export" or not,
// multi-line values as one) and the other lines that are neither blank nor
// comments.
func countLines(data []byte) (assigns, others int) {
	pos := 0
	if HasBOM(data) {
		pos = len(bom)
	}
	for pos < len(data) {
		if s, ok := scanStatement(data, pos); ok {
			assigns++
			pos = s.next
			continue
		}
		end, next := lineBounds(data, pos)
		if l := bytes.TrimSpace(data[pos:end]); len(l) > 0 && l[0] != '#' {
			others++
		}
		pos = next
	}
	return assigns, others
}
