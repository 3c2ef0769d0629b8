package apikey

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// testKey builds a well-formed key of the given prefix and half length.
func testKey(prefix string, side int) string {
	alpha := "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-aBcDeFgHiJkLmNoPqRsTuVwXyZ"
	var l, r strings.Builder
	for i := range side {
		l.WriteByte(alpha[(i*7+3)%len(alpha)])
		r.WriteByte(alpha[(i*11+5)%len(alpha)])
	}
	return prefix + l.String() + Marker + r.String()
}

func alnumKey(prefix string, side int) string {
	return prefix + strings.NewReplacer("_", "x", "-", "y").Replace(testKey("", side))
}

// assertNoLeak fails if out holds the secret or any 12-character slice of
// the part after the prefix.
func assertNoLeak(t *testing.T, secret, out string) {
	t.Helper()
	body := secret[8:]
	for i := 0; i+12 <= len(body); i++ {
		if strings.Contains(out, body[i:i+12]) {
			t.Fatalf("output leaks part of the key: %q", out)
		}
	}
}

func TestKeyNeverFormatsItsSecret(t *testing.T) {
	raw := testKey("sk-proj-", 74)
	k := New(raw)
	type holder struct {
		key   Key
		Other Key
	}
	h := holder{key: k, Other: k}
	js, _ := json.Marshal(h)
	var logBuf strings.Builder
	slog.New(slog.NewTextHandler(&logBuf, nil)).Info("x", "key", k)
	outs := []string{
		fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s %q %x %X %d", k, k, k, k, k, k, k, k),
		fmt.Sprintf("%v %+v %#v", h, h, &h), fmt.Sprint([]Key{k}), fmt.Sprint(map[string]Key{"a": k}),
		string(js), logBuf.String(), fmt.Errorf("wrapped: %w / %v", fmt.Errorf("%v", k), k).Error(),
	}
	for _, out := range outs {
		assertNoLeak(t, raw, out)
	}
	if got, want := k.Fingerprint(), "sk-proj-…"+raw[len(raw)-4:]; got != want {
		t.Errorf("Fingerprint() = %q, want %q", got, want)
	}
	if k.Reveal() != raw {
		t.Error("Reveal() does not return the secret")
	}
}

func TestFingerprint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "(empty)"},
		{"hello", "(5 characters)"},
		{testKey("sk-svcacct-", 74), "sk-svcacct-…" + testKey("sk-svcacct-", 74)[163:]},
		{alnumKey("sk-", 20), "sk-…" + alnumKey("sk-", 20)[47:]},
		{"sk-ant-api03-abcdefghijklmnop", "sk-…mnop"},
		{"abc\x00defghijklmnopqrstu", "abc…rstu"},
		{"\x1b[31mabcdefghijklmnop", "(21 characters)"},
	}
	for _, tt := range tests {
		if got := Fingerprint(tt.in); got != tt.want {
			t.Errorf("Fingerprint(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	k := testKey("sk-proj-", 74)
	tests := []struct {
		name, in string
		codes    []string
	}{
		{"clean", k, nil},
		{"spaces and newline", "  " + k + "\n", []string{CodeWhitespace}},
		{"crlf", k + "\r\n", []string{CodeWhitespace}},
		{"nbsp and zero width", "\u00a0\u200b" + k + "\ufeff", []string{CodeWhitespace}},
		{"double quotes", `"` + k + `"`, []string{CodeQuoted}},
		{"single quotes in spaces", ` '` + k + `' `, []string{CodeWhitespace, CodeQuoted}},
		{"smart quotes", "“" + k + "”", []string{CodeQuoted}},
		{"stray leading quote", `"` + k, []string{CodeQuoted}},
		{"backticks", "`" + k + "`", []string{CodeQuoted}},
		{"bearer", "Bearer " + k, []string{CodeBearerPrefix}},
		{"quoted bearer", `"bearer ` + k + `"`, []string{CodeQuoted, CodeBearerPrefix}},
		{"assignment", "OPENAI_API_KEY=" + k, []string{CodeAssignment}},
		{"export assignment quoted", `export OPENAI_API_KEY="` + k + `"` + "\n", []string{CodeWhitespace, CodeQuoted, CodeAssignment}},
		{"assignment with spaces", "OPENAI_API_KEY = '" + k + "'", []string{CodeQuoted, CodeAssignment}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, codes := Clean(tt.in)
			if got != k {
				t.Errorf("Clean() = %q, want the bare key", Fingerprint(got))
			}
			if fmt.Sprint(codes) != fmt.Sprint(tt.codes) {
				t.Errorf("codes = %v, want %v", codes, tt.codes)
			}
		})
	}
}

func TestCheckInput(t *testing.T) {
	k := testKey("sk-proj-", 74)
	tests := []struct{ name, in, code string }{
		{"one key", k, ""},
		{"key with blank lines", "\n\n  " + k + "\n\n", ""},
		{"too long", strings.Repeat("a", MaxInput+1), CodeTooLong},
		{"binary", "sk-\x00\x01", CodeBinary},
		{"invalid utf8", "sk-\xff\xfe", CodeBinary},
		{"two lines", k + "\n" + k, CodeMultiline},
		{"a whole .env", "FOO=1\nOPENAI_API_KEY=" + k + "\n", CodeMultiline},
		{"doubled paste", k + k, CodeTwoKeys},
		{"two keys on one line", k + " " + testKey("sk-svcacct-", 74), CodeTwoKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckInput(tt.in)
			var code string
			if ie, ok := err.(*InputError); ok {
				code = ie.Code
				assertNoLeak(t, k, ie.Error())
			}
			if code != tt.code {
				t.Errorf("code = %q, want %q (err %v)", code, tt.code, err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, in string
		kind     Kind
		sev      Severity
		code     string
	}{
		{"project", testKey("sk-proj-", 74), KindProject, OK, ""},
		{"service account", testKey("sk-svcacct-", 74), KindServiceAccount, OK, ""},
		{"legacy", alnumKey("sk-", 20), KindUser, OK, ""},
		{"sk-None", alnumKey("sk-None-", 20), KindUserNone, OK, ""},
		{"longer project key warns", testKey("sk-proj-", 78), KindProject, Warning, CodeOddLength},
		{"admin", testKey("sk-admin-", 58), KindAdmin, Invalid, CodeAdminKey},
		{"anthropic", "sk-ant-api03-" + strings.Repeat("a", 90), KindOther, Invalid, CodeNotOpenAI},
		{"google", "AIzaSyA" + strings.Repeat("b", 32), KindOther, Invalid, CodeNotOpenAI},
		{"no prefix", "hello-world-key-123", KindUnknown, Invalid, CodeBadPrefix},
		{"empty", "", KindUnknown, Invalid, CodeEmpty},
		{"inner space", "sk-proj-abc " + testKey("", 74), KindProject, Invalid, CodeBadChars},
		{"bad char", testKey("sk-proj-", 74)[:100] + "!" + testKey("sk-proj-", 74)[101:], KindProject, Invalid, CodeBadChars},
		{"cut short", testKey("sk-proj-", 74)[:60], KindProject, Invalid, CodeTruncated},
		{"cut after marker", testKey("sk-proj-", 74)[:95], KindProject, Invalid, CodeTruncated},
		{"placeholder", "sk-proj-your-key-here", KindProject, Invalid, CodeTruncated},
		{"azure hex", "0123456789abcdef0123456789ABCDEF", KindAzure, Invalid, CodeAzureKey},
		{"azure long", strings.Repeat("a1B2", 13) + "JQQJ99BFACOGab12" + strings.Repeat("x", 16), KindAzure, Invalid, CodeAzureKey},
		{"33 hex is not azure", "0123456789abcdef0123456789abcdef0", KindUnknown, Invalid, CodeBadPrefix},
		{"doubled paste", testKey("sk-proj-", 74) + testKey("sk-proj-", 74), KindProject, Invalid, CodeTwoKeys},
		{"two keys side by side", testKey("sk-proj-", 74) + " " + testKey("sk-proj-", 74), KindProject, Invalid, CodeTwoKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Validate(tt.in)
			if v.Kind != tt.kind || v.Severity != tt.sev || v.Code != tt.code {
				t.Errorf("Validate() = {%s %d %q}, want {%s %d %q}: %s", v.Kind, v.Severity, v.Code, tt.kind, tt.sev, tt.code, v.Message)
			}
			if len(tt.in) > 20 {
				assertNoLeak(t, tt.in, v.Message)
			}
		})
	}
}

func TestScrub(t *testing.T) {
	k := testKey("sk-proj-", 74)
	none := alnumKey("sk-None-", 20)
	text := "Incorrect API key provided: " + k + ". also " + none + " and sk-proj-abcdefghijklmnopqrstuvwxyz012345"
	got := Scrub(text)
	for _, s := range []string{k, none} {
		assertNoLeak(t, s, got)
	}
	if !strings.Contains(got, Fingerprint(k)) {
		t.Errorf("Scrub() = %q, want the fingerprint in place", got)
	}
	weird := New("not-a-key-shape-but-secret-value")
	if got := Scrub("echo: not-a-key-shape-but-secret-value!", weird); strings.Contains(got, "shape-but-secret") {
		t.Errorf("Scrub with a key = %q", got)
	}
}

func FuzzClean(f *testing.F) {
	k := testKey("sk-proj-", 74)
	for _, s := range []string{k, " " + k + "\n", `"` + k + `"`, "Bearer " + k, "OPENAI_API_KEY=" + k, `export OPENAI_API_KEY='` + k + `'`, "", `"`, "“”", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, codes := Clean(in)
		if !strings.Contains(in, out) {
			t.Fatalf("Clean(%q) = %q: the result must be a substring of the input", in, out)
		}
		again, more := Clean(out)
		if again != out && len(more) == 0 {
			t.Fatalf("changed without a code")
		}
		if out == in && len(codes) > 0 {
			t.Fatalf("codes %v without a change", codes)
		}
		_ = Validate(out)
		_ = Fingerprint(out)
	})
}

func BenchmarkCleanValidate(b *testing.B) {
	in := `  "` + testKey("sk-proj-", 74) + `"` + "\n"
	for b.Loop() {
		s, _ := Clean(in)
		_ = Validate(s)
	}
}
