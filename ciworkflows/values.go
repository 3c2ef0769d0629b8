package ciworkflows

import (
	"regexp"
	"strings"

	"github.com/setupkit/openai-setup/apikey"
)

// keyNamedVar reports whether an environment variable or secret name is
// one an OpenAI key goes in: OPENAI_API_KEY, OPENAI_KEY, OPENAI_ADMIN_KEY…
// (AZURE_OPENAI_API_KEY is another service's key).
func keyNamedVar(name string) bool {
	n := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(name), "-", "_"))
	return strings.HasPrefix(n, "OPENAI") && strings.Contains(n, "KEY")
}

// genericKeyInputs are input names that hold an OpenAI key when the action
// is OpenAI's (its uses: names openai).
var genericKeyInputs = map[string]bool{"api_key": true, "apikey": true, "api_token": true, "key": true, "token": true}

// keyNamedInput reports whether a with: input of the action uses takes
// the key: openai_api_key / openai-api-key anywhere, api-key and the like
// for an action whose name says openai.
func keyNamedInput(name, uses string) bool {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "-", "_"))
	if strings.Contains(n, "openai") && (strings.Contains(n, "key") || strings.Contains(n, "token")) {
		return true
	}
	return genericKeyInputs[n] && strings.Contains(strings.ToLower(uses), "openai")
}

// expression finds the ${{ … }} expressions of a value.
var expression = regexp.MustCompile(`\$\{\{(.*?)\}\}`)

// secretRef finds a secret in an expression: secrets.NAME or
// secrets['NAME']; the name is in group 1 or 2.
var secretRef = regexp.MustCompile(`(?i)\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])`)

// allSecrets is every secret at once, as JSON.
var allSecrets = regexp.MustCompile(`(?i)\btojson\s*\(\s*secrets\s*\)`)

// varRef and inputRef find a configuration variable or a workflow input
// (inputs.NAME or github.event.inputs.NAME) in an expression.
var (
	varRef   = regexp.MustCompile(`(?i)\bvars\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])`)
	inputRef = regexp.MustCompile(`(?i)\binputs\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\])`)
)

// refName is the name a reference match holds (dotted or bracketed).
func refName(m []string) string {
	if m[1] != "" {
		return m[1]
	}
	return m[2]
}

// keySecretIn returns the name of the first key-named secret that s
// references ("secrets" when it hands over every secret with
// toJSON(secrets)) and the offset of its expression, or "".
func keySecretIn(s string) (name string, off int) {
	for _, e := range expression.FindAllStringSubmatchIndex(s, -1) {
		inner := s[e[2]:e[3]]
		for _, m := range secretRef.FindAllStringSubmatch(inner, -1) {
			if keyNamedVar(refName(m)) {
				return refName(m), e[0]
			}
		}
		if allSecrets.MatchString(inner) {
			return "secrets", e[0]
		}
	}
	return "", 0
}

// countKeySecrets counts the references to key-named secrets in s.
func countKeySecrets(s string) int {
	n := 0
	for _, e := range expression.FindAllStringSubmatch(s, -1) {
		for _, m := range secretRef.FindAllStringSubmatch(e[1], -1) {
			if keyNamedVar(refName(m)) {
				n++
			}
		}
	}
	return n
}

// keyRefKind finds, in the expressions of s, a configuration variable or an
// input named like the key: ConfigVariable or Input, its name and the
// offset of its expression; kind is "" when there is none.
func keyRefKind(s string) (kind Kind, name string, off int) {
	for _, e := range expression.FindAllStringSubmatchIndex(s, -1) {
		inner := s[e[2]:e[3]]
		for _, m := range varRef.FindAllStringSubmatch(inner, -1) {
			if keyNamedVar(refName(m)) {
				return ConfigVariable, refName(m), e[0]
			}
		}
		for _, m := range inputRef.FindAllStringSubmatch(inner, -1) {
			if n := refName(m); keyNamedVar(n) || keyNamedInput(n, "") {
				return Input, n, e[0]
			}
		}
	}
	return "", "", 0
}

// classify says what a value given as the key is. ok is false when it is
// no literal: empty, or taken from a secret or from another expression
// (env., steps., needs., matrix. — their own definitions are checked where
// they stand).
func classify(v string) (kind Kind, ok bool) {
	t := strings.TrimSpace(v)
	switch {
	case t == "":
		return "", false
	case holdsKey(t):
		return KeyLiteral, true
	}
	exprs := expression.FindAllStringSubmatch(t, -1)
	if len(exprs) == 0 {
		return PlainValue, true
	}
	for _, e := range exprs {
		if secretRef.MatchString(e[1]) {
			return "", false
		}
	}
	for _, e := range exprs {
		switch {
		case varRef.MatchString(e[1]):
			return ConfigVariable, true
		case inputRef.MatchString(e[1]):
			return Input, true
		}
	}
	return "", false
}

// holdsKey reports whether s holds something that looks like a real
// OpenAI key (not a placeholder such as sk-proj-YOUR-KEY or sk-xxxx…).
func holdsKey(s string) bool {
	for _, k := range apikey.FindAll(s) {
		if !apikey.IsPlaceholder(k) {
			return true
		}
	}
	return false
}

// runAssign finds an assignment to a key-named variable in a shell script
// (export OPENAI_API_KEY=…, OPENAI_API_KEY=… cmd, echo "OPENAI_API_KEY=…"
// >> $GITHUB_ENV), written as the shell wants it: no space around =. A
// name after $ or { is a use, not an assignment; == is a comparison.
var runAssign = regexp.MustCompile(`(?:^|[^$\w{])((?i:openai)\w*(?i:key))=("[^"\n]*"|'[^'\n]*'|[^=\s;&|)"'][^\s;&|)"']*)`)

// runValue classifies the value of a shell assignment: like classify, but
// anything starting with $ is no literal: a shell variable, a command
// substitution, or an expression (a vars. or inputs. one is found by the
// whole-file pass).
func runValue(v string) (Kind, bool) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	if strings.HasPrefix(v, "$") {
		return "", false
	}
	return classify(v)
}
