package tui

// viewConfirm asks before quitting with a key that is not saved.
func (m Model) viewConfirm() []string {
	if m.provisioning() {
		return m.viewProvisionConfirm()
	}
	s := m.styles
	w := m.contentWidth()
	out := []string{s.Title.Render("Quit without saving?"), ""}
	out = append(out, wrap(w, "Your key "+s.Bold.Render(m.key.Fingerprint())+" is not saved yet. If you quit now you will have to paste it again, and it is shown only once on the dashboard.")...)
	out = append(out, "")
	if m.rotating() {
		out = append(out, wrap(w, "Press y to quit, n to stay.")...)
		return out
	}
	out = append(out, wrap(w, "Press y (or ctrl+c again) to quit without saving, n to stay.")...)
	return out
}
