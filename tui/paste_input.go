package tui

import (
	"errors"
	"regexp"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
)

// twoKeysWords is what the paste screens say when apikey.CheckInput finds
// two keys (or one key twice) in the input.
const twoKeysWords = "This is two keys (or one key twice), not one. Clear the field and paste only the new key."

// inputRefusal says why apikey.CheckInput refused input: two keys in the
// screens' own words, anything else as apikey's sentence after prefix.
func inputRefusal(prefix string, err error) string {
	var ie *apikey.InputError
	if errors.As(err, &ie) && ie.Code == apikey.CodeTwoKeys {
		return twoKeysWords
	}
	if prefix == "" {
		return sentence(err.Error())
	}
	return prefix + strings.TrimSuffix(err.Error(), ".") + "."
}

// maskedPreview matches the shortened key the dashboard's key list shows
// (sk-...abcd, sk-proj-****abcd, sk-proj-…abcd): it is not the key.
var maskedPreview = regexp.MustCompile(`^sk-(?:[A-Za-z]+-)?(?:\.{3}|…|\*{3,})[A-Za-z0-9_-]{2,8}$`)

// keyShaped reports whether text typed where a path goes starts to look
// like an API key, early enough that no secret part stays on screen or
// becomes a file name.
var keyShaped = regexp.MustCompile(`(?:^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{4,}`)

// keyChar is whether r can be part of a key: after a refused key, the rest
// of it is still being typed and is dropped.
func keyChar(text string) bool {
	return text != "" && strings.Trim(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == ""
}

// pasteProblem says why cleaned input is not one key that the full-screen
// and the plain prompts refuse the same way, or "": two keys (apikey's
// answer) or the dashboard's masked preview.
func pasteProblem(cleaned string) string {
	if err := apikey.CheckInput(cleaned); err != nil {
		return inputRefusal("", err)
	}
	if maskedPreview.MatchString(cleaned) {
		return "This is the masked preview from the key list; the full key is shown only once, when it is created. Create a new key and paste it here."
	}
	return ""
}

// ctrlVHelp is said when ctrl+v arrives as a key press: this terminal does
// not paste on ctrl+v, or does not send pastes as such.
const ctrlVHelp = "This terminal sent ctrl+v as a key, not as a paste. Paste with ctrl+shift+v (most Linux terminals), cmd+v (macOS), shift+insert, or right-click and Paste."
