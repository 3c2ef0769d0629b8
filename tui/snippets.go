package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/setupkit/openai-setup/internal/termtext"
)

// snippet is a few lines of one language that read OPENAI_API_KEY from the
// environment (or the saved file); none holds the key itself. Each line is
// one statement, so a narrow window never wraps one in the middle.
type snippet struct {
	lang  string
	lines []string // {env} is the saved file; {sh} and {dot} are it as a shell word, {dot} for "." (which needs a slash)
}

var snippets = []snippet{
	{"Python", []string{`from dotenv import load_dotenv`, `load_dotenv("{env}")`, `from openai import OpenAI`, `client = OpenAI()`}},
	{"Node", []string{`node --env-file={sh} app.js`, `// in app.js: const client = new OpenAI();`}},
	{"Go", []string{`godotenv.Load("{env}")`, `key := os.Getenv("OPENAI_API_KEY")`}},
	{"curl", []string{`set -a; . {dot}; set +a`, `curl https://api.openai.com/v1/models \`, `  -H "Authorization: Bearer $OPENAI_API_KEY"`}},
}

// code is the snippet's lines for the file at env.
func (sn snippet) code(env string) []string {
	dot := env
	if !strings.Contains(dot, "/") {
		dot = "./" + dot // "." searches PATH for a bare name
	}
	r := strings.NewReplacer("{env}", env, "{sh}", termtext.ShellQuote(env), "{dot}", termtext.ShellQuote(dot))
	out := make([]string, len(sn.lines))
	for i, l := range sn.lines {
		out[i] = r.Replace(l)
	}
	return out
}

// snippetLines are the snippets for the file at env as printed on exit.
func snippetLines(env string) []string {
	var out []string
	for _, sn := range snippets {
		out = append(out, sn.lang+":")
		for _, l := range sn.code(env) {
			out = append(out, "  "+l)
		}
	}
	return out
}

// snippetBlock is the snippets as their own block: the language, then its
// statements, each on its own line under the first; a statement wider than
// w is cut with "…" (the full text is printed on exit), never wrapped.
func (m Model) snippetBlock(w int) []string {
	s := m.styles
	const label = 7
	var out []string
	for _, sn := range snippets {
		for i, l := range sn.code(m.envPath()) {
			lead := strings.Repeat(" ", label)
			if i == 0 {
				lead = s.Faint.Render(padRight(sn.lang, label))
			}
			out = append(out, lead+s.Code.Render(ansi.Truncate(l, w-label, "…")))
		}
	}
	return out
}
