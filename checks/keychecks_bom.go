package checks

import (
	"path/filepath"
	"slices"
	"strconv"

	"github.com/setupkit/openai-setup/discover"
	"github.com/setupkit/openai-setup/envfile"
	"github.com/setupkit/openai-setup/internal/openai"
)

// kcBOMFile is a dotenv file holding a key that starts with a UTF-8
// byte-order mark.
type kcBOMFile struct {
	Path string
	// Line is the line of the file's OPENAI_API_KEY (the last assignment,
	// as every parser takes it); 0 when the key is under another name.
	Line int
}

// kcBOMFiles picks, from the dotenv files that start with a byte-order mark,
// those holding an OpenAI key or an OPENAI_API_KEY line.
func kcBOMFiles(inv discover.Inventory) []kcBOMFile {
	var out []kcBOMFile
	for _, p := range inv.BOMFiles {
		f := kcBOMFile{Path: p}
		for _, s := range inv.Sources {
			if s.Kind == discover.SourceDotenv && s.Name == openai.EnvAPIKey && s.Path == p {
				f.Line = s.Line
			}
		}
		if f.Line > 0 || slices.Contains(inv.KeyFiles, p) {
			out = append(out, f)
		}
	}
	return out
}

// kcBOMWhat says what the mark breaks in f, as measured with python-dotenv
// 0.21 (1.2.3 strips the mark), godotenv 1.5.1 and node dotenv 18.0.10;
// envfile's TestCrossParserBOM keeps it true.
func kcBOMWhat(f kcBOMFile) string {
	what := f.Path + " starts with a UTF-8 byte-order mark: python-dotenv before 1.2.3 glues it onto the first line's name"
	switch {
	case f.Line == 1:
		what += ", so a Python app gets no OPENAI_API_KEY from it"
	case f.Line > 1:
		what += " (OPENAI_API_KEY, on line " + strconv.Itoa(f.Line) + ", still loads)"
	}
	return what + ", and Go's godotenv refuses the whole file (node dotenv is fine)"
}

// kcBOMFix removes the mark from paths (through any symbolic link), or says
// how to avoid it.
func kcBOMFix(paths []string) string {
	targets := make([]string, len(paths))
	for i, p := range paths {
		targets[i] = p
		if t, err := filepath.EvalSymlinks(p); err == nil {
			targets[i] = t
		}
	}
	return "`" + envfile.StripBOMCommand(targets...) + "` (GNU sed; it removes only those 3 bytes), or re-save the file as \"UTF-8\", not \"UTF-8 with BOM\""
}

// kcAddBOM adds dotenv files holding a key that start with a byte-order mark
// to key.sources' result r as a warning with code byte_order_mark (see
// Result.WithWarning): the first file in the summary, the others in Detail,
// one fix for all.
func kcAddBOM(r Result, files []kcBOMFile) Result {
	if len(files) == 0 {
		return r
	}
	var paths, whats []string
	for _, f := range files {
		paths = append(paths, f.Path)
		whats = append(whats, kcBOMWhat(f))
	}
	summary, more := firstAndMore(whats)
	return r.WithWarning(CodeByteOrderMark, summary, kcBOMFix(paths), more...)
}
