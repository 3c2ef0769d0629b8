// Package gitignore reads gitignore syntax the way git does: for the
// .gitignore fallback of envfile (a folder git cannot answer for) and for
// the coding agents' ignore files and deny rules (.cursorignore,
// .aiderignore, Claude Code's Read rules). It is pure: no files, no git.
package gitignore

import (
	"regexp"
	"strings"
)

// Rule is one line of a gitignore-syntax file, or the path part of a Claude
// Code Read rule, which follows the same syntax.
type Rule struct {
	Text    string // the line as written, for "covered by" messages
	Line    int    // 1-based line in the file (0 for a rule compiled alone)
	Negate  bool   // "!pattern": re-includes what it matches
	dirOnly bool
	re      *regexp.Regexp // matches a slash-separated path relative to the file's folder
}

// Parse reads gitignore syntax: comments, "!" negation, a trailing
// "/" for folders only, a slash anywhere else anchors to the folder, and
// "*", "?", "[…]", "**" globs.
func Parse(content string) []Rule {
	var rules []Rule
	n := 0
	for line := range strings.SplitSeq(content, "\n") {
		n++
		line = strings.TrimSuffix(line, "\r")
		if r, ok := Compile(line); ok {
			r.Line = n
			rules = append(rules, r)
		}
	}
	return rules
}

// Compile reads one line; ok is false for a blank line, a comment or a
// pattern that matches nothing.
func Compile(line string) (r Rule, ok bool) {
	r = Rule{Text: line}
	p := trimTrailingSpaces(line)
	if p == "" || strings.HasPrefix(p, "#") {
		return r, false
	}
	if strings.HasPrefix(p, "!") {
		r.Negate, p = true, p[1:]
	} else if strings.HasPrefix(p, `\!`) || strings.HasPrefix(p, `\#`) {
		p = p[1:]
	}
	if strings.HasSuffix(p, "/") {
		r.dirOnly, p = true, strings.TrimRight(p, "/")
	}
	anchored := strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return r, false
	}
	expr := globRegexp(p)
	if !anchored {
		expr = "(?:.*/)?" + expr
	}
	re, err := regexp.Compile("^" + expr + "$")
	if err != nil {
		return r, false
	}
	r.re = re
	return r, true
}

// trimTrailingSpaces drops unescaped trailing spaces, as git does.
func trimTrailingSpaces(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-1]
	}
	return s
}

// globRegexp turns a gitignore glob into a regular expression.
func globRegexp(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**") && i+2 == len(p):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '\\' && i+1 < len(p):
			i++
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		case c == '[':
			end := strings.IndexByte(p[i+1:], ']')
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := p[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// Decide returns the rule that decides rel (a file path relative to the
// rules' folder, slash-separated), or nil when none matches. As in git, the
// last matching rule decides, a "!" rule re-includes (Decide returns it,
// Negate set), and a file inside an ignored folder stays ignored whatever
// follows.
func Decide(rules []Rule, rel string) *Rule {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ { // parent folders first
		if r := lastMatch(rules, strings.Join(parts[:i], "/"), true); r != nil && !r.Negate {
			return r
		}
	}
	return lastMatch(rules, rel, false)
}

// IgnoredBy returns the rule that makes rel ignored, or nil when it is not
// (no rule matches, or a "!" rule re-includes it).
func IgnoredBy(rules []Rule, rel string) *Rule {
	if r := Decide(rules, rel); r != nil && !r.Negate {
		return r
	}
	return nil
}

func lastMatch(rules []Rule, rel string, isDir bool) *Rule {
	var hit *Rule
	for i := range rules {
		r := &rules[i]
		if r.dirOnly && !isDir {
			continue
		}
		if r.re.MatchString(rel) {
			hit = r
		}
	}
	return hit
}

// Escape writes a path as a gitignore pattern that matches only it.
func Escape(p string) string {
	var b strings.Builder
	for i, c := range p {
		if strings.ContainsRune(`*?[]\`, c) || i == 0 && (c == '#' || c == '!') {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	s := b.String()
	if strings.HasSuffix(s, " ") {
		s = s[:len(s)-1] + `\ `
	}
	return s
}
