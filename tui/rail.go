package tui

import (
	"github.com/setupkit/openai-setup/steps"
)

// The step rail: at railMin columns or more, the route's screens are listed
// on the left (✓ done, ● current); narrower windows say "Step i of N" in
// the header instead.
const (
	railMin   = 100
	railWidth = 14 // the rail's column, gap included
)

// railNames are the short names the rail uses for the dashboard steps.
var railNames = map[string]string{
	steps.Account: "Account",
	steps.Billing: "Billing",
	steps.Project: "Project",
	steps.Key:     "Key",
}

// railShown is whether the window is wide enough for the rail. It depends
// on the width only, so the text width is the same on every screen.
func (m Model) railShown() bool {
	w, _ := m.size()
	return w >= railMin && !m.rotating()
}

// rail is the rail's lines: nothing on Welcome or while keeping a key.
func (m Model) rail() []string {
	s := m.styles
	if m.cur().stage == stageWelcome || m.keepOld {
		return nil
	}
	var out []string
	for i, st := range m.stops {
		var name string
		switch st.stage {
		case stageStep:
			name = railNames[m.steps[st.step].ID]
			if name == "" {
				name = m.steps[st.step].ID
			}
		case stagePaste:
			name = "Paste"
		case stageChecks:
			name = "Check"
		case stageSave:
			name = "Save"
		case stageAdminKey, stageProvPlan, stageProvRun:
			name = provisionScreens[st.stage]
		default:
			continue
		}
		switch {
		case i < m.pos:
			out = append(out, s.Pass.Render(iconPass)+" "+name)
		case i == m.pos:
			out = append(out, s.Brand.Render("● "+name))
		default:
			out = append(out, s.Faint.Render("  "+name))
		}
	}
	return out
}
