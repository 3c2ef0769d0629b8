package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Status icons. Each comes with a word too, so colour never carries the
// meaning alone (NO_COLOR, colour-blind readers).
const (
	iconPass = "✓"
	iconWarn = "!"
	iconFail = "✗"
	iconSkip = "–"
)

// styles are every style the wizard draws with, by meaning. They depend only
// on whether the background is dark.
type styles struct {
	Brand    lipgloss.Style // "openai-setup" in the header
	Progress lipgloss.Style // "Step 2 of 9"
	Title    lipgloss.Style // screen heading
	Text     lipgloss.Style
	Faint    lipgloss.Style
	Bold     lipgloss.Style
	URL      lipgloss.Style
	Pass     lipgloss.Style
	Warn     lipgloss.Style
	Fail     lipgloss.Style
	Code     lipgloss.Style // snippets
	Rule     lipgloss.Style
	Help     help.Styles
	Input    textinput.Styles
	Spinner  lipgloss.Style
}

// newStyles builds the styles for a dark or light background.
func newStyles(dark bool) *styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	accent := c("#6B3FD6", "#B69CFF")
	faint := c("#6C6C6C", "#9A9A9A")
	in := textinput.DefaultStyles(dark)
	in.Cursor.Blink = false // a steady cursor: no timer, same picture every frame
	in.Focused.Prompt = in.Focused.Prompt.Foreground(accent)
	return &styles{
		Brand:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Progress: lipgloss.NewStyle().Foreground(faint),
		Title:    lipgloss.NewStyle().Bold(true),
		Text:     lipgloss.NewStyle(),
		Faint:    lipgloss.NewStyle().Foreground(faint),
		Bold:     lipgloss.NewStyle().Bold(true),
		URL:      lipgloss.NewStyle().Foreground(c("#1E63C4", "#7AB8FF")).Underline(true),
		Pass:     lipgloss.NewStyle().Foreground(c("#1A7F37", "#4FD17A")),
		Warn:     lipgloss.NewStyle().Foreground(c("#9A6700", "#E3B341")),
		Fail:     lipgloss.NewStyle().Foreground(c("#CF222E", "#FF6B6B")),
		Code:     lipgloss.NewStyle().Foreground(c("#24292F", "#D0D7DE")),
		Rule:     lipgloss.NewStyle().Foreground(faint),
		Help:     help.DefaultStyles(dark),
		Input:    in,
		Spinner:  lipgloss.NewStyle().Foreground(accent),
	}
}
