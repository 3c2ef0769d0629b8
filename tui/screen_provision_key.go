package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/apikey"
)

// The admin-key screen: a masked paste field like the API key's, or the
// admin key of this process's environment, shown by its fingerprint.

func (m Model) enterAdminKey() (Model, tea.Cmd) {
	if m.prov.opts.Refusal != "" {
		return m, nil
	}
	return m, m.prov.in.admin.Focus()
}

// pasteAdminKey looks at a paste before the field does, as pasteKey does.
func (m Model) pasteAdminKey(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	p := &m.prov
	if p.opts.Refusal != "" {
		return m, nil
	}
	if err := apikey.CheckInput(msg.Content); err != nil {
		p.adminErr = inputRefusal("Paste refused: ", err)
		return m, nil
	}
	if v := cleanedInput(p.in.admin.Value()); v != "" && m.adminProblem(v) == "" {
		p.in.admin.Reset() // the field holds a whole key: a new paste replaces it
	}
	if len(p.in.admin.Value())+len(msg.Content) > apikey.MaxInput {
		p.adminErr = "Paste refused: the field would hold more than a key ever has. Press ctrl+u to clear it, then paste only the admin key."
		return m, nil
	}
	var cmd tea.Cmd
	p.in.admin, cmd = p.in.admin.Update(msg)
	p.adminErr = m.adminProblem(cleanedInput(p.in.admin.Value()))
	return m, cmd
}

func (m Model) updateAdminKey(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	p := &m.prov
	switch {
	case key.Matches(msg, k.Next):
		return m.submitAdminKey()
	case key.Matches(msg, k.Back):
		return m.back()
	case p.opts.Refusal != "":
		return m, nil
	case msg.String() == "ctrl+v":
		p.adminErr = ctrlVHelp
		return m, nil
	}
	before := p.in.admin.Value()
	var cmd tea.Cmd
	p.in.admin, cmd = p.in.admin.Update(msg)
	if p.in.admin.Value() != before {
		p.adminErr = ""
	}
	return m, cmd
}

// submitAdminKey takes the pasted admin key, or the environment's when
// nothing was pasted, and goes on to the plan.
func (m Model) submitAdminKey() (tea.Model, tea.Cmd) {
	p := &m.prov
	if p.opts.Refusal != "" {
		return m, nil
	}
	raw := p.in.admin.Value()
	var k apikey.Key
	switch {
	case raw == "" && !p.opts.EnvKey.IsZero():
		k = p.opts.EnvKey
	case raw == "":
		p.adminErr = "Paste your admin key first."
		return m, nil
	default:
		if err := apikey.CheckInput(raw); err != nil {
			p.adminErr = inputRefusal("", err)
			return m, nil
		}
		k = apikey.New(cleanedInput(raw))
	}
	if why := m.adminProblem(k.Reveal()); why != "" {
		p.adminErr = why
		return m, nil
	}
	if !k.Equal(p.admin) {
		p.plan, p.planErr = nil, "" // another key may see another organization
	}
	p.admin, p.adminErr = k, ""
	p.in.admin.Reset() // the key is held in p.admin; nothing of it stays in the field
	return m.next()
}

// adminProblem says why cleaned is not an admin key, or "".
func (m Model) adminProblem(cleaned string) string {
	if p := pasteProblem(cleaned); p != "" {
		return p
	}
	v := apikey.Validate(cleaned)
	switch {
	case v.Kind != apikey.KindAdmin:
		return "This needs an admin key (sk-admin-…), not a " + v.Kind.Label() + "; only organization owners can create one, at " + m.prov.opts.AdminKeysURL + "."
	case v.Code != apikey.CodeAdminKey: // an admin key's shape, but broken
		return sentence(v.Message)
	}
	return ""
}

func (m Model) viewAdminKey() []string {
	s := m.styles
	w := m.contentWidth()
	p := m.prov
	out := []string{s.Title.Render("Your admin key"), ""}
	if p.opts.Refusal != "" {
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", sentence(p.opts.Refusal))...)
		out = append(out, "")
		out = append(out, wrap(w, "Nothing was sent. Press esc to choose another way on Welcome.")...)
		return out
	}
	out = append(out, p.in.admin.View(), "")
	raw := p.in.admin.Value()
	cleaned := cleanedInput(raw)
	env := p.opts.EnvKey
	switch {
	case p.adminErr != "":
		out = append(out, hang(w, s.Fail.Render(iconFail)+" ", p.adminErr)...)
	case raw == "" && !env.IsZero():
		out = append(out, hang(w, s.Pass.Render(iconPass)+" ", "OPENAI_ADMIN_KEY in this shell's environment: "+s.Bold.Render(env.Fingerprint())+". Press enter to use it, or paste another admin key.")...)
	case raw == "":
		out = append(out, s.Faint.Render("Waiting for a paste…"))
	case m.adminProblem(cleaned) == "":
		out = append(out, wrap(w, s.Pass.Render(iconPass)+" admin key "+s.Bold.Render(apikey.Fingerprint(cleaned)))...)
		out = append(out, s.Faint.Render("Press enter to use it."))
	default:
		out = append(out, wrap(w, s.Faint.Render(apikey.Fingerprint(cleaned)+", press enter when complete."))...)
	}
	if p.opts.EnvProblem != "" {
		out = append(out, hang(w, s.Warn.Render(iconWarn)+" ", sentence(p.opts.EnvProblem))...)
	}
	out = append(out, "")
	out = append(out, wrap(w, "With an admin key (sk-admin-…) openai-setup makes the project, a service account and its API key for you, through the Admin API. Only organization owners can create one, at "+s.URL.Render(p.opts.AdminKeysURL)+".")...)
	out = append(out, "")
	out = append(out, wrap(w, s.Faint.Render("It stays hidden, is never written to any file, and is shown only as its fingerprint. Nothing is made until you confirm the plan."))...)
	return out
}
