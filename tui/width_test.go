package tui

import (
	"image/color"

	"github.com/charmbracelet/x/ansi"
)

var lightWhite = color.RGBA{R: 255, G: 255, B: 255, A: 255}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
