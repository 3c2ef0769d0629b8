package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
)

// pasteKey looks at a paste before the input sees it: the input would cut
// an oversize paste silently and turn its lines into spaces.
func (m Model) pasteKey(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	m.notice = ""
	if err := apikey.CheckInput(msg.Content); err != nil {
		m.inputErr = inputRefusal("Paste refused: ", err)
		return m, nil
	}
	if p := pasteProblem(cleanedInput(msg.Content)); p != "" {
		m.inputErr = p
		return m, nil
	}
	if v := apikey.Validate(cleanedInput(m.input.Value())); m.input.Value() != "" && v.Severity != apikey.Invalid {
		// The field holds a whole key: a new paste replaces it.
		m.input.Reset()
	}
	if n := len(m.input.Value()) + len(msg.Content); n > apikey.MaxInput {
		m.inputErr = "Paste refused: the field would hold more than an API key ever has. Press ctrl+u to clear it, then paste only the key."
		return m, nil
	}
	var cmd tea.Cmd
	*m.input, cmd = m.input.Update(msg)
	m.inputErr = ""
	if p := pasteProblem(cleanedInput(m.input.Value())); p != "" {
		m.inputErr = p
	} else if v := apikey.Validate(cleanedInput(m.input.Value())); v.Severity == apikey.Invalid {
		m.inputErr = sentence(v.Message)
	}
	return m, cmd
}

func (m Model) updatePaste(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Next):
		return m.submitKey()
	case key.Matches(msg, k.Back):
		return m.back()
	case msg.String() == "ctrl+v":
		m.inputErr = ctrlVHelp
		return m, nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	*m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.inputErr = ""
	}
	return m, cmd
}

// submitKey accepts the key when apikey does, or says what is wrong.
func (m Model) submitKey() (tea.Model, tea.Cmd) {
	raw := m.input.Value()
	if err := apikey.CheckInput(raw); err != nil {
		m.inputErr = inputRefusal("", err)
		return m, nil
	}
	cleaned, _ := apikey.Clean(raw)
	if p := pasteProblem(cleaned); p != "" {
		m.inputErr = p
		return m, nil
	}
	v := apikey.Validate(cleaned)
	if v.Severity == apikey.Invalid {
		m.inputErr = sentence(v.Message)
		if v.Code == apikey.CodeAdminKey {
			m.inputErr = "Refused: " + m.inputErr + " Create a secret key on the API keys page instead."
		}
		return m, nil
	}
	if m.rotating() && m.rot.opts.Old.Equal(apikey.New(cleaned)) {
		m.inputErr = "That is the key being replaced (" + apikey.Fingerprint(cleaned) + "). Paste the new key you just created."
		return m, nil
	}
	m.inputErr = ""
	m.key = apikey.New(cleaned)
	m.keepOld = false
	m.unsaved = true
	return m.next()
}

func (m Model) viewPaste() []string {
	s := m.styles
	w := m.contentWidth()
	// The input and what is known about it come first, so they stay in
	// view on small windows; the explanation follows.
	title := "Paste your key"
	if m.rotating() {
		title = "Paste the new key"
	}
	out := []string{s.Title.Render(title), "", m.input.View(), ""}
	raw := m.input.Value()
	cleaned, codes := apikey.Clean(raw)
	v := apikey.Validate(cleaned)
	switch {
	case m.inputErr != "":
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", m.inputErr)...)
	case raw == "":
		out = append(out, s.Faint.Render("Waiting for a paste…"))
	case v.Severity != apikey.Invalid:
		line := s.Pass.Render(iconPass) + " " + v.Kind.Label() + " " + s.Bold.Render(apikey.Fingerprint(cleaned))
		out = append(out, wrap(w, line)...)
		if len(codes) > 0 {
			out = append(out, wrap(w, s.Faint.Render("Removed "+cleanWords(codes)+"."))...)
		}
		if v.Severity == apikey.Warning {
			out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", sentence(v.Message))...)
		}
		out = append(out, s.Faint.Render("Press enter to check it."))
	default:
		out = append(out, wrap(w, s.Faint.Render(apikey.Fingerprint(cleaned)+", press enter when complete."))...)
	}
	out = append(out, "")
	out = append(out, wrap(w, "Copy the key from the dialog on the API keys page and paste it here. It stays hidden; spaces, quotes, \"Bearer \" and OPENAI_API_KEY= around it are removed.")...)
	return out
}

// cleanedInput is the input as apikey cleans it.
func cleanedInput(s string) string {
	c, _ := apikey.Clean(s)
	return c
}

// cleanWords says in words what apikey.Clean removed.
func cleanWords(codes []string) string {
	words := map[string]string{
		apikey.CodeWhitespace:   "spaces or line breaks around it",
		apikey.CodeQuoted:       "quotes",
		apikey.CodeBearerPrefix: "\"Bearer \"",
		apikey.CodeAssignment:   "OPENAI_API_KEY=",
	}
	var out []string
	for _, c := range codes {
		if w, ok := words[c]; ok {
			out = append(out, w)
		}
	}
	switch len(out) {
	case 0:
		return "nothing"
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// sentence capitalises a lower-case message and ends it with a period.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// clearPaste empties the key field for another key: back from the checks,
// the old key must not stay in it for the next paste to append to.
func (m *Model) clearPaste() {
	m.input.Reset()
	m.inputErr = ""
}
