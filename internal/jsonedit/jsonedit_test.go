package jsonedit

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var denyPath = []string{"permissions", "deny"}

func TestAppendStrings(t *testing.T) {
	tests := []struct {
		name, in, want string
		values         []string
	}{
		{"empty file", "", "{}\n", nil},
		{"empty file gets the tree", "",
			"{\n  \"permissions\": {\n    \"deny\": [\n      \"Read(./.env)\"\n    ]\n  }\n}\n", []string{"Read(./.env)"}},
		{"empty object", "{}",
			"{\n  \"permissions\": {\n    \"deny\": [\n      \"a\"\n    ]\n  }\n}", []string{"a"}},
		{"appends after the last element, same separator",
			"{\n    \"permissions\": {\n        \"deny\": [\n            \"Bash(rm *)\"\n        ]\n    }\n}\n",
			"{\n    \"permissions\": {\n        \"deny\": [\n            \"Bash(rm *)\",\n            \"a\",\n            \"b\"\n        ]\n    }\n}\n",
			[]string{"a", "b"}},
		{"one-line array stays one line", `{"permissions":{"deny":["x"]}}`,
			`{"permissions":{"deny":["x","a"]}}`, []string{"a"}},
		{"one-element array in a laid-out file gets a space", "{\n  \"permissions\": {\"deny\": [\"x\"]}\n}",
			"{\n  \"permissions\": {\"deny\": [\"x\", \"a\"]}\n}", []string{"a"}},
		{"empty array", "{\n  \"permissions\": {\n    \"deny\": []\n  }\n}",
			"{\n  \"permissions\": {\n    \"deny\": [\n      \"a\"\n    ]\n  }\n}", []string{"a"}},
		{"missing deny beside allow",
			"{\n  \"permissions\": {\n    \"allow\": [\"Bash(ls)\"]\n  },\n  \"model\": \"x\"\n}\n",
			"{\n  \"permissions\": {\n    \"allow\": [\"Bash(ls)\"],\n    \"deny\": [\n      \"a\"\n    ]\n  },\n  \"model\": \"x\"\n}\n",
			[]string{"a"}},
		{"missing permissions, tabs and CRLF kept",
			"{\r\n\t\"model\": \"x\"\r\n}\r\n",
			"{\r\n\t\"model\": \"x\",\r\n\t\"permissions\": {\r\n\t\t\"deny\": [\r\n\t\t\t\"a\"\r\n\t\t]\r\n\t}\r\n}\r\n",
			[]string{"a"}},
		{"last duplicate key wins", `{"permissions":{"deny":[]},"permissions":{"deny":["x"]}}`,
			`{"permissions":{"deny":[]},"permissions":{"deny":["x","a"]}}`, []string{"a"}},
		{"no HTML escaping, quotes escaped", `{"permissions":{"deny":["x"]}}`,
			`{"permissions":{"deny":["x","Read(./a&b\"c)"]}}`, []string{`Read(./a&b"c)`}},
		{"strings holding brackets and escapes are skipped whole",
			`{"a":"]}\"{","permissions":{"x":[1,{"y":"]"}],"deny":["q"]}}`,
			`{"a":"]}\"{","permissions":{"x":[1,{"y":"]"}],"deny":["q","a"]}}`, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AppendStrings([]byte(tt.in), denyPath, tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestAppendStringsRefuses(t *testing.T) {
	tests := []struct {
		name, in string
		invalid  bool
	}{
		{"trailing comma", `{"permissions":{"deny":["x",]}}`, true},
		{"comment", "{\n// mine\n}", true},
		{"not an object", `["x"]`, false},
		{"permissions is a string", `{"permissions":"all"}`, false},
		{"deny is an object", `{"permissions":{"deny":{}}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AppendStrings([]byte(tt.in), denyPath, []string{"a"})
			if err == nil {
				t.Fatalf("no error; got %s", got)
			}
			if errors.Is(err, ErrInvalid) != tt.invalid {
				t.Errorf("errors.Is(ErrInvalid) = %v, want %v (%v)", !tt.invalid, tt.invalid, err)
			}
		})
	}
}

// isSubsequence reports whether every byte of old appears in new, in order.
func isSubsequence(old, new []byte) bool {
	j := 0
	for i := 0; i < len(new) && j < len(old); i++ {
		if new[i] == old[j] {
			j++
		}
	}
	return j == len(old)
}

func FuzzAppendStrings(f *testing.F) {
	for _, s := range []string{"{}", `{"permissions":{"deny":["x"]}}`, "{\r\n\t\"a\": [1, 2]\r\n}",
		`{"permissions":{}}`, `{"permissions":{"deny":[]}}`, `{"a":"]}","b":{"c":[{}]}}`, `[1]`, `{"x":}`} {
		f.Add(s, "Read(./.env)")
	}
	f.Fuzz(func(t *testing.T, in, value string) {
		got, err := AppendStrings([]byte(in), denyPath, []string{value})
		if err != nil {
			return
		}
		if !json.Valid(got) {
			t.Fatalf("invalid result %q from %q", got, in)
		}
		if strings.TrimSpace(in) != "" && !isSubsequence([]byte(in), got) {
			t.Fatalf("old content %q is not kept in %q", in, got)
		}
		var doc struct {
			Permissions struct{ Deny []string } `json:"permissions"`
		}
		if err := json.Unmarshal(got, &doc); err != nil {
			t.Fatalf("result %q: %v", got, err)
		}
		d := doc.Permissions.Deny
		if len(d) == 0 || utf8.ValidString(value) && d[len(d)-1] != value {
			t.Fatalf("deny %q does not end with %q (result %q)", d, value, got)
		}
	})
}
