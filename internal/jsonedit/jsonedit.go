// Package jsonedit inserts strings into an array inside a JSON document
// while keeping every other byte: comments-free settings files people edit by
// hand keep their order, spacing and line endings, and the old document is
// always a byte-subsequence of the new one (only insertions, no rewrites).
//
// It imports nothing outside the standard library.
package jsonedit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by the error for a document that is not valid JSON.
var ErrInvalid = errors.New("not valid JSON")

// AppendStrings appends values to the array at path (object keys from the
// root, e.g. "permissions", "deny"), creating the objects and the array
// when they are missing. The root must be an object. An existing member of
// another type than the one the path needs is refused: nothing is guessed.
// Empty data counts as "{}" and gives a new document.
func AppendStrings(data []byte, path []string, values []string) ([]byte, error) {
	if len(path) == 0 {
		return nil, errors.New("jsonedit: empty path")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}\n")
	}
	if !json.Valid(data) {
		return nil, fmt.Errorf("%w (fix or remove the file first)", ErrInvalid)
	}
	if len(values) == 0 {
		return bytes.Clone(data), nil
	}
	e := editor{data: data, nl: "\n", unit: indentUnit(data)}
	if bytes.Contains(data, []byte("\r\n")) {
		e.nl = "\r\n"
	}
	start := skipWS(data, 0)
	if data[start] != '{' {
		return nil, errors.New("the document is not a JSON object")
	}
	return e.insert(start, path, values)
}

type editor struct {
	data []byte
	nl   string // line ending the document uses
	unit string // one level of indentation
}

// insert walks path from the object starting at obj and returns the new document.
func (e editor) insert(obj int, path []string, values []string) ([]byte, error) {
	members, _, err := scanObject(e.data, obj)
	if err != nil {
		return nil, err
	}
	var found *member
	for i := range members { // the last duplicate wins, as in JavaScript and Go
		if members[i].key == path[0] {
			found = &members[i]
		}
	}
	if found == nil {
		return e.addMember(obj, members, path, values)
	}
	c := e.data[found.value]
	if len(path) > 1 {
		if c != '{' {
			return nil, fmt.Errorf("%q is not an object", path[0])
		}
		return e.insert(found.value, path[1:], values)
	}
	if c != '[' {
		return nil, fmt.Errorf("%q is not an array", path[0])
	}
	return e.appendToArray(found.value, values)
}

// appendToArray inserts values after the last element of the array at arr,
// separated the way the last element is separated from the one before.
func (e editor) appendToArray(arr int, values []string) ([]byte, error) {
	elems, _, err := scanArray(e.data, arr)
	if err != nil {
		return nil, err
	}
	if len(elems) == 0 {
		inner := lineIndent(e.data, arr) + e.unit
		text := e.nl + inner + strings.Join(quoteAll(values), ","+e.nl+inner) + e.nl + lineIndent(e.data, arr)
		return splice(e.data, arr+1, text), nil
	}
	last := elems[len(elems)-1]
	sep := string(e.data[skipBackWS(e.data, last.start):last.start])
	if len(elems) == 1 && !strings.Contains(sep, "\n") && bytes.ContainsRune(e.data, '\n') {
		sep = " " // ["a"] in a laid-out document: "a", "b" rather than "a","b"
	}
	var b strings.Builder
	for _, q := range quoteAll(values) {
		b.WriteString("," + sep + q)
	}
	return splice(e.data, last.end, b.String()), nil
}

// addMember adds the member path[0] to the object at obj, holding the rest
// of the path as nested objects around an array of values.
func (e editor) addMember(obj int, members []member, path []string, values []string) ([]byte, error) {
	if len(members) == 0 {
		outer := lineIndent(e.data, obj)
		text := e.nl + outer + e.unit + e.render(outer+e.unit, path, values) + e.nl + outer
		return splice(e.data, obj+1, text), nil
	}
	last := members[len(members)-1]
	sep := string(e.data[skipBackWS(e.data, last.keyStart):last.keyStart])
	ind := lineIndent(e.data, last.keyStart)
	return splice(e.data, last.end, ","+sep+e.render(ind, path, values)), nil
}

// render writes `"k": {"k2": [values]}` indented as if it starts at ind.
func (e editor) render(ind string, path []string, values []string) string {
	head := quote(path[0]) + ": "
	inner := ind + e.unit
	if len(path) == 1 {
		return head + "[" + e.nl + inner + strings.Join(quoteAll(values), ","+e.nl+inner) + e.nl + ind + "]"
	}
	return head + "{" + e.nl + inner + e.render(inner, path[1:], values) + e.nl + ind + "}"
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // Read(./a&b) stays readable
	_ = enc.Encode(s)        // a string always encodes
	return strings.TrimRight(b.String(), "\n")
}

func quoteAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = quote(v)
	}
	return out
}

func splice(data []byte, at int, text string) []byte {
	out := make([]byte, 0, len(data)+len(text))
	out = append(out, data[:at]...)
	out = append(out, text...)
	return append(out, data[at:]...)
}

// lineIndent is the leading blanks of the line holding pos.
func lineIndent(data []byte, pos int) string {
	start := bytes.LastIndexByte(data[:pos], '\n') + 1
	i := start
	for i < pos && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return string(data[start:i])
}

// indentUnit guesses one level of indentation from the first indented line;
// two spaces when nothing is indented.
func indentUnit(data []byte) string {
	for _, line := range bytes.Split(data, []byte("\n"))[1:] {
		n := 0
		for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
			n++
		}
		if n > 0 && n < len(line) && line[n] != '\r' {
			return string(line[:n])
		}
	}
	return "  "
}
