package tui

import "charm.land/bubbles/v2/key"

// keyMap is every binding of the wizard. activeKeys enables only those that
// work on the current screen, so the help bar never lists a dead key.
type keyMap struct {
	Next      key.Binding
	Back      key.Binding
	Skip      key.Binding
	Replace   key.Binding
	Rerun     key.Binding
	Free      key.Binding
	Open      key.Binding
	Copy      key.Binding
	NextFile  key.Binding
	Toggle    key.Binding
	Push      key.Binding
	Fix       key.Binding
	Delete    key.Binding
	Up        key.Binding
	Down      key.Binding
	Clear     key.Binding
	Yes       key.Binding
	No        key.Binding
	Quit      key.Binding
	Help      key.Binding
	Interrupt key.Binding
}

// defaultKeys returns the bindings, all enabled; activeKeys narrows them.
func defaultKeys() keyMap {
	return keyMap{
		Next:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		Replace:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "replace it")),
		Rerun:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "re-run")),
		Free:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "skip the paid check")),
		Open:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open page")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy link")),
		NextFile:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next file")),
		Toggle:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick/untick")),
		Push:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "push")),
		Fix:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write the fix")),
		Delete:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete the service account")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		Clear:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
		Yes:       key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "quit")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "stay")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "exit now")),
	}
}

// ShortHelp is the one-line help bar.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Yes, k.No, k.Next, k.Back, k.Skip, k.Replace, k.Rerun, k.Free, k.Toggle, k.NextFile, k.Delete, k.Push, k.Fix, k.Open, k.Copy, k.Clear, k.Quit, k.Help}
}

// FullHelp is the help shown by ?.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Yes, k.No, k.Next, k.Back, k.Skip, k.Replace, k.Rerun, k.Free, k.Toggle, k.NextFile, k.Delete},
		{k.Push, k.Fix, k.Open, k.Copy, k.Up, k.Down, k.Clear},
		{k.Quit, k.Interrupt, k.Help},
	}
}

// disabled returns a copy of the map with every binding turned off; on
// then turns on the ones a screen uses.
func (k keyMap) disabled() keyMap {
	for _, b := range []*key.Binding{&k.Next, &k.Back, &k.Skip, &k.Replace, &k.Rerun, &k.Free, &k.NextFile, &k.Toggle, &k.Delete, &k.Push, &k.Fix, &k.Open, &k.Copy, &k.Up, &k.Down, &k.Clear, &k.Yes, &k.No, &k.Quit, &k.Help, &k.Interrupt} {
		b.SetEnabled(false)
	}
	return k
}

// on enables the given bindings.
func on(bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(true)
	}
}

// label sets a binding's help text (the same key says "start", "save"...).
func label(b *key.Binding, desc string) {
	b.SetHelp(b.Help().Key, desc)
}
