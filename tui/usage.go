package tui

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/setupkit/openai-setup/usage"
)

// UsageOptions are what the usage view shows and how it fetches another
// period. Fetch does the I/O (bounded by its own timeout); the view only
// calls it through a command.
type UsageOptions struct {
	Data       usage.Data
	By         usage.By
	Now        func() time.Time
	BillingURL string // there is no API for the prepaid balance: a link
	Fetch      func(context.Context, usage.Period) (usage.Data, error)
}

// UsageModel is the full-screen usage view: header, daily chart, table.
type UsageModel struct {
	opts          UsageOptions
	data          usage.Data
	by            usage.By
	report        usage.Report
	width, height int
	styles        *styles       // a pointer: ~18 KB, and the model is copied on every message
	loading       *usage.Period // the period being fetched
	failed        string        // why the last fetch failed
	focus         []usage.Focus // rows entered, outermost first; esc leaves the last
	cursor        int           // the row ↑/↓ are on, in report.Rows
	dark          bool          // the background, for the chart's colours
	colour        bool          // the terminal shows colours (not NO_COLOR): the chart is stacked
}

// usageFetched is the answer to a fetch of another period.
type usageFetched struct {
	period usage.Period
	data   usage.Data
	err    error
}

// NewUsage returns the view of o.Data grouped by o.By.
func NewUsage(o UsageOptions) UsageModel {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.By == "" {
		o.By = usage.ByProject
	}
	m := UsageModel{opts: o, data: o.Data, by: o.By, styles: newStyles(true), dark: true}
	m.rebuild()
	return m
}

// rebuild makes the report from the data, narrowed to each focus, and
// keeps the cursor on a row.
func (m *UsageModel) rebuild() {
	d := m.data
	for _, f := range m.focus {
		d = d.Only(f)
	}
	m.report = d.Report(m.by, m.opts.Now())
	m.cursor = max(0, min(m.cursor, len(m.report.Rows)-1))
}

func (m UsageModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m UsageModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.styles, m.dark = newStyles(msg.IsDark()), msg.IsDark()
	case tea.ColorProfileMsg:
		m.colour = msg.Profile >= colorprofile.ANSI
	case usageFetched:
		if m.loading == nil || *m.loading != msg.period {
			return m, nil // an answer for a period no longer asked for
		}
		m.loading = nil
		if msg.err != nil {
			m.failed = msg.err.Error()
			return m, nil
		}
		m.failed, m.data = "", msg.data
		m.rebuild()
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q":
			return m, tea.Quit
		case "esc", "backspace":
			if len(m.focus) == 0 {
				if msg.String() == "esc" {
					return m, tea.Quit
				}
				return m, nil
			}
			last := m.focus[len(m.focus)-1]
			m.focus, m.by, m.cursor = m.focus[:len(m.focus)-1], last.By, 0
			m.rebuild()
			if i := slices.IndexFunc(m.report.Rows, func(r usage.Row) bool { return r.Group == last.Group }); i >= 0 {
				m.cursor = i // back on the row that was entered
			}
		case "enter":
			if len(m.report.Rows) == 0 {
				return m, nil
			}
			r := m.report.Rows[m.cursor]
			f := usage.Focus{By: m.by, Group: r.Group, Label: r.Label}
			m.focus, m.by, m.cursor = append(slices.Clip(m.focus), f), f.Then(), 0
			m.rebuild()
		case "up", "k":
			m.cursor = max(0, m.cursor-1)
		case "down", "j":
			m.cursor = max(0, min(m.cursor+1, len(m.report.Rows)-1))
		case "ctrl+c":
			return m, tea.Interrupt // exit 130, as everywhere else
		case "tab", "shift+tab":
			step := 1
			if msg.String() == "shift+tab" {
				step = len(usage.Groupings) - 1
			}
			for i, b := range usage.Groupings {
				if b == m.by {
					m.by = usage.Groupings[(i+step)%len(usage.Groupings)]
					break
				}
			}
			m.cursor = 0
			m.rebuild()
		case "left", "h":
			return m.fetch(m.data.Period.Shift(-1))
		case "right", "l":
			next := m.data.Period.Shift(1)
			if next.Since.After(m.opts.Now().UTC()) {
				return m, nil // nothing to show from the future
			}
			return m.fetch(next)
		}
	}
	return m, nil
}

func (m UsageModel) fetch(p usage.Period) (tea.Model, tea.Cmd) {
	if m.opts.Fetch == nil {
		return m, nil
	}
	m.loading, m.failed = &p, ""
	f := m.opts.Fetch
	return m, func() tea.Msg {
		d, err := f(context.Background(), p)
		return usageFetched{period: p, data: d, err: err}
	}
}
