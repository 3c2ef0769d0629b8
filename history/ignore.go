package history

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// IgnoreFile, at the work tree's root, lists keys the scan must not report
// (test fixtures, documentation samples), like .gitleaksignore: one per
// line, as a fingerprint (sk-proj-…Ab3d), path:line or commit:path:line;
// "#" starts a comment.
const IgnoreFile = ".openai-setup-ignore"

// maxIgnoreFile bounds how much of IgnoreFile is read.
const maxIgnoreFile = 1 << 20

// ignoreList is a parsed IgnoreFile.
type ignoreList struct {
	fingerprints map[string]bool
	places       map[string]bool // "path:line"
	commits      []commitPlace
}

type commitPlace struct{ commit, place string }

// matches reports whether an occurrence of the key with fingerprint fp at
// o is listed.
func (l ignoreList) matches(fp string, o occurrence) bool {
	if l.fingerprints[fp] {
		return true
	}
	place := o.path + ":" + strconv.Itoa(o.line)
	if l.places[place] {
		return true
	}
	for _, c := range l.commits {
		if c.place == place && strings.HasPrefix(o.commit, c.commit) {
			return true
		}
	}
	return false
}

// readIgnoreFile reads IgnoreFile at root; a missing file lists nothing.
func readIgnoreFile(root string) ignoreList {
	f, err := os.Open(filepath.Join(root, IgnoreFile))
	if err != nil {
		return ignoreList{}
	}
	defer f.Close()
	return parseIgnore(io.LimitReader(f, maxIgnoreFile))
}

func parseIgnore(r io.Reader) ignoreList {
	l := ignoreList{fingerprints: map[string]bool{}, places: map[string]bool{}}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		if strings.HasPrefix(s, "sk-") && strings.Contains(s, "…") {
			l.fingerprints[s] = true
			continue
		}
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			continue
		}
		if _, err := strconv.Atoi(s[i+1:]); err != nil {
			continue
		}
		if commit, place, ok := strings.Cut(s, ":"); ok && isHex(commit) && strings.Contains(place, ":") {
			l.commits = append(l.commits, commitPlace{strings.ToLower(commit), place})
			continue
		}
		l.places[s] = true
	}
	return l
}

// isHex reports whether s can be an abbreviated commit id.
func isHex(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, r := range strings.ToLower(s) {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
