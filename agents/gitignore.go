package agents

import (
	"regexp"
	"strings"
)

// ignoreRule is one line of a gitignore-syntax file (.cursorignore,
// .aiderignore), or the path part of a Claude Code Read rule, which follows
// the same syntax.
type ignoreRule struct {
	text    string // the line as written, for "covered by" messages
	negate  bool
	dirOnly bool
	re      *regexp.Regexp // matches a slash-separated path relative to the file's folder
}

// parseIgnore reads gitignore syntax: comments, "!" negation, a trailing
// "/" for folders only, a slash anywhere else anchors to the folder, and
// "*", "?", "[…]", "**" globs.
func parseIgnore(content string) []ignoreRule {
	var rules []ignoreRule
	for line := range strings.SplitSeq(content, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if r, ok := compileIgnore(line); ok {
			rules = append(rules, r)
		}
	}
	return rules
}

func compileIgnore(line string) (ignoreRule, bool) {
	r := ignoreRule{text: line}
	p := trimTrailingSpaces(line)
	if p == "" || strings.HasPrefix(p, "#") {
		return r, false
	}
	if strings.HasPrefix(p, "!") {
		r.negate, p = true, p[1:]
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

// ignoredBy returns the rule that decides rel (a file path relative to the
// rules' folder, slash-separated) is ignored, or nil. As in git, the last
// matching rule decides, and a file inside an ignored folder stays ignored.
func ignoredBy(rules []ignoreRule, rel string) *ignoreRule {
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ { // parent folders first
		if r := lastMatch(rules, strings.Join(parts[:i], "/"), true); r != nil && !r.negate {
			return r
		}
	}
	if r := lastMatch(rules, rel, false); r != nil && !r.negate {
		return r
	}
	return nil
}

func lastMatch(rules []ignoreRule, rel string, isDir bool) *ignoreRule {
	var hit *ignoreRule
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

// escapeGlob writes a path as a gitignore pattern that matches only it.
func escapeGlob(p string) string {
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
