package envfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

const (
	keyName = "OPENAI_API_KEY"
	newKey  = "sk-proj-NEWkey_0123456789-abcdefXYZ"
	oldKey  = "sk-proj-OLDkey_aaaaaaaaaa-bbbbbbOLD"
)

// quirky is a hand-written .env with every quirk at once (CRLF lines mixed
// in, BOM, export, comments, quotes, a multi-line value, junk lines).
const quirky = "\xef\xbb\xbf# my app\r\n" +
	"\r\n" +
	"export DATABASE_URL=\"postgres://u:p@h/db\" # prod\r\n" +
	"  INDENTED = spaced value   \r\n" +
	"MULTI=\"first\r\nsecond\"\r\n" +
	"not a statement\r\n" +
	"export OPENAI_API_KEY='" + oldKey + "' # old key\r\n" +
	"SQ='it''s'\r\n" +
	"OPENAI_API_KEY=" + oldKey + "\r\n" +
	"HASH=abc#def\r\n" +
	"LAST=no-final-newline"

func TestApply(t *testing.T) {
	type ch struct {
		name   string
		action Action
		line   int
	}
	tests := []struct {
		name    string
		in      string
		edits   []Edit
		want    string
		changes []ch
	}{
		{"empty file", "", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\n", []ch{{keyName, Added, 1}}},
		{"bom only", "\xef\xbb\xbf", []Edit{{keyName, newKey}},
			"\xef\xbb\xbf" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 1}}},
		{"append lf", "# c\nA=1\n", []Edit{{keyName, newKey}},
			"# c\nA=1\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 3}}},
		{"append crlf", "# c\r\nA=1\r\n", []Edit{{keyName, newKey}},
			"# c\r\nA=1\r\n" + keyName + "=" + newKey + "\r\n", []ch{{keyName, Added, 3}}},
		{"append no final newline", "A=1", []Edit{{keyName, newKey}},
			"A=1\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 2}}},
		{"append no final newline crlf", "A=1\r\nB=2", []Edit{{keyName, newKey}},
			"A=1\r\nB=2\r\n" + keyName + "=" + newKey + "\r\n", []ch{{keyName, Added, 3}}},
		{"append after a lone cr", "A=1\r", []Edit{{keyName, newKey}},
			"A=1\r\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 2}}},
		{"append after blank lines", "A=1\n\n\n", []Edit{{keyName, newKey}},
			"A=1\n\n\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 4}}},
		{"replace in place", "A=1\n" + keyName + "=" + oldKey + "\nB=2\n", []Edit{{keyName, newKey}},
			"A=1\n" + keyName + "=" + newKey + "\nB=2\n", []ch{{keyName, Replaced, 2}}},
		{"replace keeps export and indent", "  export  " + keyName + "=" + oldKey + "\n", []Edit{{keyName, newKey}},
			"  export  " + keyName + "=" + newKey + "\n", []ch{{keyName, Replaced, 1}}},
		{"replace crlf no final newline", "A=1\r\n" + keyName + "=" + oldKey, []Edit{{keyName, newKey}},
			"A=1\r\n" + keyName + "=" + newKey, []ch{{keyName, Replaced, 2}}},
		{"replace drops quotes and comment", keyName + " = \"" + oldKey + "\"   # mine\nB=2\n", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\nB=2\n", []ch{{keyName, Replaced, 1}}},
		{"replace multi-line value", "A=1\n" + keyName + "=\"x\ny\"\nB=2\n", []Edit{{keyName, newKey}},
			"A=1\n" + keyName + "=" + newKey + "\nB=2\n", []ch{{keyName, Replaced, 2}}},
		{"replace colon form", keyName + ": " + oldKey + "\n", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\n", []ch{{keyName, Replaced, 1}}},
		{"replace empty value", keyName + "=\n", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\n", []ch{{keyName, Replaced, 1}}},
		{"duplicates", keyName + "=a\nB=2\nexport " + keyName + "=b\n# c\n" + keyName + "=c\n", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\nB=2\n# c\n", []ch{{keyName, Replaced, 1}, {keyName, RemovedDuplicate, 3}, {keyName, RemovedDuplicate, 5}}},
		{"duplicate on last line without newline", "A=1\n" + keyName + "=a\n" + keyName + "=b", []Edit{{keyName, newKey}},
			"A=1\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Replaced, 2}, {keyName, RemovedDuplicate, 3}}},
		{"unchanged", "A=1\n" + keyName + "=" + newKey + "\n", []Edit{{keyName, newKey}},
			"A=1\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Unchanged, 2}}},
		{"same value but quoted is rewritten", keyName + "='" + newKey + "'\n", []Edit{{keyName, newKey}},
			keyName + "=" + newKey + "\n", []ch{{keyName, Replaced, 1}}},
		{"similar names untouched", "OPENAI_API_KEY_OLD=x\nMY_OPENAI_API_KEY=y\n", []Edit{{keyName, newKey}},
			"OPENAI_API_KEY_OLD=x\nMY_OPENAI_API_KEY=y\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 3}}},
		{"name inside another value untouched", "A=\"x\n" + keyName + "=inside\n\"\n", []Edit{{keyName, newKey}},
			"A=\"x\n" + keyName + "=inside\n\"\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 4}}},
		{"commented-out key untouched", "# " + keyName + "=" + oldKey + "\n", []Edit{{keyName, newKey}},
			"# " + keyName + "=" + oldKey + "\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 2}}},
		{"unterminated quote line kept", keyName + "=\"open\nB=2", []Edit{{keyName, newKey}},
			keyName + "=\"open\nB=2\n" + keyName + "=" + newKey + "\n", []ch{{keyName, Added, 3}}},
		{"several edits", "OPENAI_ORG_ID=org-old\nA=1", []Edit{{keyName, newKey}, {"OPENAI_PROJECT_ID", "proj_abc"}, {"OPENAI_ORG_ID", "org-new"}},
			"OPENAI_ORG_ID=org-new\nA=1\n" + keyName + "=" + newKey + "\nOPENAI_PROJECT_ID=proj_abc\n",
			[]ch{{"OPENAI_ORG_ID", Replaced, 1}, {keyName, Added, 3}, {"OPENAI_PROJECT_ID", Added, 4}}},
		{"everything at once", quirky, []Edit{{keyName, newKey}},
			"\xef\xbb\xbf# my app\r\n" +
				"\r\n" +
				"export DATABASE_URL=\"postgres://u:p@h/db\" # prod\r\n" +
				"  INDENTED = spaced value   \r\n" +
				"MULTI=\"first\r\nsecond\"\r\n" +
				"not a statement\r\n" +
				"export OPENAI_API_KEY=" + newKey + "\r\n" +
				"SQ='it''s'\r\n" +
				"HASH=abc#def\r\n" +
				"LAST=no-final-newline",
			[]ch{{keyName, Replaced, 8}, {keyName, RemovedDuplicate, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes, err := Apply([]byte(tt.in), tt.edits...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Apply(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			var gotCh []ch
			for _, c := range changes {
				gotCh = append(gotCh, ch{c.Name, c.Action, c.Line})
			}
			if fmt.Sprint(gotCh) != fmt.Sprint(tt.changes) {
				t.Errorf("changes = %v, want %v", gotCh, tt.changes)
			}
			for _, e := range tt.edits {
				if got, ok := Lookup(Parse(got), e.Name); !ok || got.Value != e.Value {
					t.Errorf("%s reads back as %+v, %v", e.Name, got, ok)
				}
			}
		})
	}
}

func TestApplyRefuses(t *testing.T) {
	tests := []struct {
		name string
		edit Edit
		want error
	}{
		{"space", Edit{keyName, "sk-proj-abc def"}, ErrBadValue},
		{"quote", Edit{keyName, "sk-'x"}, ErrBadValue},
		{"hash", Edit{keyName, "sk-#x"}, ErrBadValue},
		{"dollar", Edit{keyName, "sk-$X"}, ErrBadValue},
		{"newline", Edit{keyName, "sk-a\nB=1"}, ErrBadValue},
		{"backslash", Edit{keyName, `sk-a\b`}, ErrBadValue},
		{"non-ascii", Edit{keyName, "sk-é"}, ErrBadValue},
		{"empty name", Edit{"", "x"}, ErrBadName},
		{"name with equals", Edit{"A=B", "x"}, ErrBadName},
		{"name starting with digit", Edit{"1A", "x"}, ErrBadName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := Apply([]byte("A=1\n"), tt.edit)
			if !errors.Is(err, tt.want) || out != nil {
				t.Fatalf("err = %v, out = %q; want %v", err, out, tt.want)
			}
			if tt.edit.Value != "x" && strings.Contains(err.Error(), tt.edit.Value) {
				t.Errorf("error shows the value: %v", err)
			}
		})
	}
	if _, _, err := Apply(nil, Edit{"A", "1"}, Edit{"A", "2"}); !errors.Is(err, ErrBadName) {
		t.Errorf("same name twice: err = %v", err)
	}
}

func TestSafeValueAcceptsRealIDs(t *testing.T) {
	for _, v := range []string{newKey, "sk-svcacct-AbC_1-2", "org-AbCdEf123", "proj_AbC123", "https://api.example.com/v1", "a@b+c", ""} {
		if !SafeValue(v) {
			t.Errorf("SafeValue(%q) = false", v)
		}
	}
}

// TestChangeNeverShowsValues checks every printing path a caller might use.
func TestChangeNeverShowsValues(t *testing.T) {
	_, changes, err := Apply([]byte("OPENAI_API_KEY=\""+oldKey+"\" # c\nOPENAI_API_KEY="+oldKey+"\n"), Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	edit := Edit{keyName, newKey}
	js, _ := json.Marshal(changes)
	ejs, _ := json.Marshal(edit)
	outputs := []string{
		fmt.Sprint(changes), fmt.Sprintf("%v %+v %#v %s", changes, changes, changes, changes),
		fmt.Sprintf("%v %+v %#v %s", edit, edit, edit, edit), string(js), string(ejs),
	}
	for _, o := range outputs {
		if strings.Contains(o, newKey) || strings.Contains(o, oldKey) {
			t.Errorf("a value leaked: %s", o)
		}
	}
}

func TestChangeLines(t *testing.T) {
	_, changes, err := Apply([]byte("export OPENAI_API_KEY=\""+oldKey+"\" # c\r\nOPENAI_API_KEY="+oldKey+"\r\n"), Edit{keyName, newKey})
	if err != nil {
		t.Fatal(err)
	}
	mask := func(v string) string { return v[:3] + "…" }
	tests := []struct {
		got, want string
	}{
		{changes[0].OldLine(mask), `export OPENAI_API_KEY="sk-…" # c`},
		{changes[0].NewLine(mask), `export OPENAI_API_KEY=sk-…`},
		{changes[0].NewLine(nil), `export OPENAI_API_KEY=` + newKey},
		{changes[0].OldValue(), oldKey},
		{changes[0].NewValue(), newKey},
		{changes[1].OldLine(mask), `OPENAI_API_KEY=sk-…`},
		{changes[1].NewLine(mask), ``},
		{changes[1].String(), `OPENAI_API_KEY: removed at line 2`},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}
