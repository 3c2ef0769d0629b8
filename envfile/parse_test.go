package envfile

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Entry
	}{
		{"empty", "", nil},
		{"plain", "A=1\n", []Entry{{"A", "1", 1, false}}},
		{"no final newline", "A=1\nB=2", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"crlf", "A=1\r\nB=2\r\n", []Entry{{"A", "1", 1, false}, {"B", "2", 2, false}}},
		{"bom", "\xef\xbb\xbfA=1\n", []Entry{{"A", "1", 1, false}}},
		{"comments and blanks", "# c\n\n  # indented\nA=1\n", []Entry{{"A", "1", 4, false}}},
		{"export", "export A=1\nexport\tB=2\n", []Entry{{"A", "1", 1, true}, {"B", "2", 2, true}}},
		{"export as a name", "export=1\n", []Entry{{"export", "1", 1, false}}},
		{"spaces around equals", "SPACES_AROUND = spaced value   \n", []Entry{{"SPACES_AROUND", "spaced value", 1, false}}},
		{"indented", "   INDENTED=ind\n", []Entry{{"INDENTED", "ind", 1, false}}},
		{"inline comment", "A=abc #def\nB=abc\t# tab\n", []Entry{{"A", "abc", 1, false}, {"B", "abc", 2, false}}},
		{"hash without space", "A=abc#def\n", []Entry{{"A", "abc#def", 1, false}}},
		{"hash at start", "A=#notcomment\n", []Entry{{"A", "#notcomment", 1, false}}},
		{"equals in value", "EQ=a=b==c\n", []Entry{{"EQ", "a=b==c", 1, false}}},
		{"double quoted", `A="abc #def"` + "\n", []Entry{{"A", "abc #def", 1, false}}},
		{"single quoted", "A='abc #def' # c\n", []Entry{{"A", "abc #def", 1, false}}},
		{"backtick", "A=`tick value`\n", []Entry{{"A", "tick value", 1, false}}},
		{"dq escapes", `A="say \"hi\" \\ end"` + "\n", []Entry{{"A", `say "hi" \ end`, 1, false}}},
		{"dq newline escape", `A="line1\nline2"`, []Entry{{"A", "line1\nline2", 1, false}}},
		{"sq keeps escapes", `A='line1\nline2'`, []Entry{{"A", `line1\nline2`, 1, false}}},
		{"sq escaped quote", `A='it\'s'`, []Entry{{"A", `it\'s`, 1, false}}},
		{"multi-line dq", "A=\"first\nsecond\"\nB=2\n", []Entry{{"A", "first\nsecond", 1, false}, {"B", "2", 3, false}}},
		{"multi-line dq crlf", "A=\"first\r\nsecond\"\r\nB=2\r\n", []Entry{{"A", "first\nsecond", 1, false}, {"B", "2", 3, false}}},
		{"empty values", "A=\nB=\"\"\nC=''\n", []Entry{{"A", "", 1, false}, {"B", "", 2, false}, {"C", "", 3, false}}},
		{"unterminated quote skipped", "A=\"open\nB=2\n", []Entry{{"B", "2", 2, false}}},
		{"no equals skipped", "NOVALUE\nB=2\n", []Entry{{"B", "2", 2, false}}},
		{"colon form", "COLON: colon-style\n", []Entry{{"COLON", "colon-style", 1, false}}},
		{"unicode", "UNI=héllo ✓\n", []Entry{{"UNI", "héllo ✓", 1, false}}},
		{"backslashes unquoted", `BS=C:\path\to`, []Entry{{"BS", `C:\path\to`, 1, false}}},
		{"dollar kept", "D=pa$word\n", []Entry{{"D", "pa$word", 1, false}}},
		{"junk line", "=nothing\n\"q\"=1\nB=2\n", []Entry{{"B", "2", 3, false}}},
		{"lone cr", "A=1\r", []Entry{{"A", "1", 1, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse([]byte(tt.in))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLookupLastWins(t *testing.T) {
	entries := Parse([]byte("DUP=first\nX=1\nDUP=second\n"))
	got, ok := Lookup(entries, "DUP")
	if !ok || got.Value != "second" || got.Line != 3 {
		t.Errorf("Lookup = %+v, %v; want second at line 3", got, ok)
	}
	if _, ok := Lookup(entries, "NONE"); ok {
		t.Error("Lookup found a missing name")
	}
}

func TestHasBOM(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"\xef\xbb\xbf", true},
		{"\xef\xbb\xbfOPENAI_API_KEY=x\n", true},
		{"\xef\xbb", false},               // cut short
		{"A=1\n\xef\xbb\xbfB=2\n", false}, // only at the start counts
		{"\xfe\xff\x00A", false},          // UTF-16 marks are another story
		{" \xef\xbb\xbfA=1\n", false},
	} {
		if got := HasBOM([]byte(tt.in)); got != tt.want {
			t.Errorf("HasBOM(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
