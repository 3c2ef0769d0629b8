package gitignore

import "testing"

func TestDecide(t *testing.T) {
	tests := []struct {
		rules, path string
		want        string // the deciding rule's text; "" for none
		negate      bool
	}{
		{"", ".env", "", false},
		{".env", ".env", ".env", false},
		{".env", "sub/.env", ".env", false},
		{"/.env", "sub/.env", "", false},
		{"*.env", ".env", "*.env", false},
		{".env*", ".env.local", ".env*", false},
		{"**/.env", "a/b/.env", "**/.env", false},
		{".env/", ".env", "", false},
		{"config/", "config/.env", "config/", false},
		{"config/\n!config/.env", "config/.env", "config/", false}, // a file in an ignored folder stays ignored
		{"sub/.env", ".env", "", false},
		{"# .env", ".env", "", false},
		{".env\n!.env", ".env", "!.env", true},
		{"!.env\n.env", ".env", ".env", false},
		{".env   ", ".env", ".env   ", false},
		{`\!.env`, ".env", "", false},
		{`\!.env`, "!.env", `\!.env`, false},
		{".env\r", ".env", ".env", false},
		{"a/**/b", "a/x/y/b", "a/**/b", false},
		{"[!a]env", "benv", "[!a]env", false},
		{"?env", "env", "", false},
	}
	for _, tt := range tests {
		r := Decide(Parse(tt.rules), tt.path)
		got := ""
		if r != nil {
			got = r.Text
		}
		if got != tt.want || r != nil && r.Negate != tt.negate {
			t.Errorf("Decide(%q, %q) = %+v, want %q (negate %v)", tt.rules, tt.path, r, tt.want, tt.negate)
		}
		if ign := IgnoredBy(Parse(tt.rules), tt.path); (ign != nil) != (tt.want != "" && !tt.negate) {
			t.Errorf("IgnoredBy(%q, %q) = %+v", tt.rules, tt.path, ign)
		}
	}
}

func TestParseKeepsLineNumbers(t *testing.T) {
	rules := Parse("# comment\n\nnode_modules/\n.env\n")
	if len(rules) != 2 || rules[0].Line != 3 || rules[1].Line != 4 {
		t.Fatalf("rules = %+v", rules)
	}
}

func TestEscapeMatchesOnlyItself(t *testing.T) {
	for _, p := range []string{"a*b", "#x", "!y", "q?[r]", `back\slash`, "sp "} {
		rules := Parse(Escape(p))
		if IgnoredBy(rules, p) == nil {
			t.Errorf("Escape(%q) = %q does not match it", p, Escape(p))
		}
		if IgnoredBy(rules, p+"z") != nil {
			t.Errorf("Escape(%q) = %q matches %q too", p, Escape(p), p+"z")
		}
	}
}
