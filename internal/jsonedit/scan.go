package jsonedit

import (
	"encoding/json"
	"errors"
)

// The scanner below runs only on documents json.Valid accepted, so it
// needs to find boundaries, not to report syntax errors; errUnexpected
// guards the impossible cases instead of panicking.
var errUnexpected = errors.New("jsonedit: unexpected byte (document changed while scanning?)")

// member is one "key": value pair of an object, as byte offsets.
type member struct {
	key      string
	keyStart int // offset of the key's opening quote
	value    int // offset of the value's first byte
	end      int // offset just past the value
}

// span is one array element, as byte offsets.
type span struct{ start, end int }

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipWS(data []byte, i int) int {
	for i < len(data) && isWS(data[i]) {
		i++
	}
	return i
}

// skipBackWS returns the offset where the blanks ending just before i start.
func skipBackWS(data []byte, i int) int {
	for i > 0 && isWS(data[i-1]) {
		i--
	}
	return i
}

// scanObject lists the members of the object starting at obj ('{') and
// returns the offset of its closing '}'.
func scanObject(data []byte, obj int) ([]member, int, error) {
	var ms []member
	i := skipWS(data, obj+1)
	if i < len(data) && data[i] == '}' {
		return nil, i, nil
	}
	for i < len(data) {
		if data[i] != '"' {
			return nil, 0, errUnexpected
		}
		ks := i
		ke, err := skipString(data, i)
		if err != nil {
			return nil, 0, err
		}
		var key string
		if err := json.Unmarshal(data[ks:ke], &key); err != nil {
			return nil, 0, err
		}
		i = skipWS(data, ke)
		if i >= len(data) || data[i] != ':' {
			return nil, 0, errUnexpected
		}
		vs := skipWS(data, i+1)
		ve, err := skipValue(data, vs)
		if err != nil {
			return nil, 0, err
		}
		ms = append(ms, member{key: key, keyStart: ks, value: vs, end: ve})
		i = skipWS(data, ve)
		if i < len(data) && data[i] == '}' {
			return ms, i, nil
		}
		if i >= len(data) || data[i] != ',' {
			return nil, 0, errUnexpected
		}
		i = skipWS(data, i+1)
	}
	return nil, 0, errUnexpected
}

// scanArray lists the elements of the array starting at arr ('[') and
// returns the offset of its closing ']'.
func scanArray(data []byte, arr int) ([]span, int, error) {
	var es []span
	i := skipWS(data, arr+1)
	if i < len(data) && data[i] == ']' {
		return nil, i, nil
	}
	for i < len(data) {
		e, err := skipValue(data, i)
		if err != nil {
			return nil, 0, err
		}
		es = append(es, span{i, e})
		i = skipWS(data, e)
		if i < len(data) && data[i] == ']' {
			return es, i, nil
		}
		if i >= len(data) || data[i] != ',' {
			return nil, 0, errUnexpected
		}
		i = skipWS(data, i+1)
	}
	return nil, 0, errUnexpected
}

// skipValue returns the offset just past the value starting at i.
func skipValue(data []byte, i int) (int, error) {
	if i >= len(data) {
		return 0, errUnexpected
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{':
		_, end, err := scanObject(data, i)
		return end + 1, err
	case '[':
		_, end, err := scanArray(data, i)
		return end + 1, err
	}
	// number, true, false, null: up to the next delimiter
	j := i
	for j < len(data) && !isWS(data[j]) && data[j] != ',' && data[j] != '}' && data[j] != ']' {
		j++
	}
	if j == i {
		return 0, errUnexpected
	}
	return j, nil
}

// skipString returns the offset just past the string starting at i ('"').
func skipString(data []byte, i int) (int, error) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, errUnexpected
}
