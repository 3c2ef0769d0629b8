package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/steps"
)

// route is a way through the wizard that Welcome offers.
type route int

const (
	routeKeep    route = iota // keep the configured key, check it in place
	routeNew                  // I'm new to OpenAI: every step
	routeAccount              // I have an account: project and key
	routeHaveKey              // I already have a key: straight to Paste
	routeLeaked               // my key leaked: the rotate flow
	routeAdmin                // I have an admin key: made through the Admin API
)

// routeLabels are the choices as Welcome lists them, numbered by their
// place in the list (choiceNumber); 0 keeps the configured key.
var routeLabels = map[route]string{
	routeNew:     "I'm new to OpenAI",
	routeAccount: "I have an account, make me a key",
	routeHaveKey: "I already have a key",
	routeLeaked:  "My key leaked",
	routeAdmin:   "I have an admin key (make the key for me)",
}

// routeSteps are the dashboard steps each route walks, by id.
var routeSteps = map[route][]string{
	routeNew:     {steps.Account, steps.Billing, steps.Project, steps.Key},
	routeAccount: {steps.Project, steps.Key},
}

// choices are the routes Welcome lists, in order: keeping the configured
// key first when there is one, the rotate flow only when offered.
func (m Model) choices() []route {
	var out []route
	if m.opts.Existing != nil {
		out = append(out, routeKeep)
	}
	out = append(out, routeNew, routeAccount, routeHaveKey)
	if m.opts.OfferRotate {
		out = append(out, routeLeaked)
	}
	if m.opts.Provision != nil {
		out = append(out, routeAdmin)
	}
	return out
}

func (m Model) updateWelcome(msg tea.KeyPressMsg, k keyMap) (tea.Model, tea.Cmd) {
	cs := m.choices()
	switch {
	case key.Matches(msg, k.Next):
		return m.choose(cs[min(m.choice, len(cs)-1)])
	case key.Matches(msg, k.Replace):
		return m.choose(routeNew)
	case msg.String() == "up" || msg.String() == "k":
		m.choice = max(0, m.choice-1)
	case msg.String() == "down" || msg.String() == "j":
		m.choice = min(len(cs)-1, m.choice+1)
	case len(msg.Text) == 1 && msg.Text >= "0" && msg.Text <= "9":
		for _, r := range cs {
			if m.choiceNumber(r) == int(msg.Text[0]-'0') {
				return m.choose(r)
			}
		}
	}
	return m, nil
}

// choiceNumber is the number Welcome shows for r: 0 for keeping the
// configured key, then 1, 2, … in list order, so the list never has a gap
// when a choice is not offered.
func (m Model) choiceNumber(r route) int {
	n := 0
	for _, c := range m.choices() {
		if c == routeKeep {
			continue
		}
		n++
		if c == r {
			return n
		}
	}
	return 0
}

// choose takes a route: the stops it walks, then its first screen. No page
// opens on the way (only Enter on a step does).
func (m Model) choose(r route) (tea.Model, tea.Cmd) {
	switch r {
	case routeKeep:
		m.keepOld = true
		m.key = m.opts.Existing.Key
		m.setRoute(routeHaveKey)
		return m.jump(stageChecks)
	case routeLeaked:
		m.outcome.StartRotate = true
		return m.quit()
	}
	m.keepOld = false
	m.setRoute(r)
	return m.next()
}

// setRoute lays out the stops of route r after Welcome.
func (m *Model) setRoute(r route) {
	m.stops = []stop{{stage: stageWelcome}}
	m.prov.active = r == routeAdmin
	if r == routeAdmin {
		m.stops = append(m.stops, provisionStops...)
		return
	}
	for i, st := range m.steps {
		if ids, ok := routeSteps[r]; ok && containsStr(ids, st.ID) {
			m.stops = append(m.stops, stop{stage: stageStep, step: i})
		}
	}
	m.stops = append(m.stops, stop{stage: stagePaste}, stop{stage: stageChecks}, stop{stage: stageSave}, stop{stage: stageDone})
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// routeScreens are the short names of the screens route r walks, as
// Welcome lists them, the rail shows them and "Step i of N" counts them.
func (m Model) routeScreens(r route) []string {
	if r == routeAdmin {
		return provisionScreenList()
	}
	var out []string
	for _, st := range m.steps {
		if ids, ok := routeSteps[r]; ok && containsStr(ids, st.ID) {
			out = append(out, orDefault(railNames[st.ID], st.ID))
		}
	}
	return append(out, "Paste", "Check", "Save")
}

// progress is "Step i of N" on the chosen route's listed screens, or "".
func (m Model) progress() string {
	if m.rotating() {
		return fmt.Sprintf("Step %d of %d", m.pos+1, len(m.stops))
	}
	if m.keepOld || m.cur().stage == stageWelcome || m.cur().stage == stageDone {
		return ""
	}
	return fmt.Sprintf("Step %d of %d", m.pos, len(m.stops)-2)
}

func (m Model) viewWelcome() []string {
	s := m.styles
	w := m.contentWidth()
	var out []string
	out = append(out, s.Title.Render("Get a working OpenAI API key"), "")
	if e := m.opts.Existing; e != nil {
		src := e.Source
		if src == "" {
			src = "your environment"
		}
		out = append(out, wrap(w, s.Bold.Render("You already have a key: ")+e.Fingerprint+" in "+src+".")...)
		out = append(out, "")
	}
	out = append(out, wrap(w, "Where are you starting from? (↑↓ and enter, or a number)")...)
	cs := m.choices()
	cur := cs[min(m.choice, len(cs)-1)]
	for i, r := range cs {
		mark := "  "
		if i == min(m.choice, len(cs)-1) {
			mark = s.Brand.Render("› ")
		}
		var text string
		if r == routeKeep {
			text = "0. Keep " + m.opts.Existing.Fingerprint + " and check it where it is"
		} else {
			text = fmt.Sprintf("%d. %s", m.choiceNumber(r), routeLabels[r])
		}
		out = append(out, hang(w, mark, text)...)
	}
	if m.opts.Existing != nil && cur != routeKeep && cur != routeLeaked {
		out = append(out, "")
		old := "The old key stays live until you revoke it on the API keys page."
		if m.opts.OfferRotate {
			old += fmt.Sprintf(" To replace it everywhere and confirm it is revoked, choose %d.", m.choiceNumber(routeLeaked))
		}
		out = append(out, wrap(w, s.Warn.Render(iconWarn)+" "+old)...)
	}
	out = append(out, "")
	switch cur {
	case routeKeep:
		out = append(out, wrap(w, "Checks the key against the API and writes nothing.")...)
	case routeLeaked:
		out = append(out, wrap(w, "Replaces the leaked key in every .env that holds it with a new one, then waits until the API rejects the old key.")...)
	default:
		var list []string
		for i, t := range m.routeScreens(cur) {
			list = append(list, fmt.Sprintf("%d.\u00a0%s", i+1, t))
		}
		out = append(out, wrap(w, "Steps: "+strings.Join(list, "  "))...)
	}
	out = append(out, "")
	if cur == routeAdmin {
		out = append(out, wrap(w, s.Faint.Render("Makes the project (or uses yours), a service account and its key through the Admin API, listing each change as it is made. Nothing is made until you confirm the plan, and no key is ever shown in full, only its fingerprint."))...)
		return out
	}
	out = append(out, wrap(w, s.Faint.Render("Each step shows its dashboard page and what to click there. Nothing is written until you confirm on Save, and your key is never shown in full, only its fingerprint."))...)
	return out
}

// envPath is the path shown in texts, the save path once edited.
func (m Model) envPath() string {
	if p := strings.TrimSpace(m.path.Value()); p != "" {
		return p
	}
	return ".env"
}
