package main

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// wrapIndent word-wraps plain text to width columns, the first line starting
// after a prefix already printed (first columns wide) and the rest indented
// by indent columns. Words are never split, so fingerprints, URLs and
// commands stay whole and copyable; width <= 0 means no wrapping (piped
// output, where the reader's tool decides).
func wrapIndent(text string, first, indent, width int) string {
	if width <= 0 || first+ansi.StringWidth(text) <= width {
		return text
	}
	var b strings.Builder
	col := first
	for i, word := range strings.Fields(text) {
		w := ansi.StringWidth(word)
		if i > 0 {
			if col+1+w > width && col > indent {
				b.WriteString("\n" + strings.Repeat(" ", indent))
				col = indent
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
}
