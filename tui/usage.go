package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
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
	styles        styles
	loading       *usage.Period // the period being fetched
	failed        string        // why the last fetch failed
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
	m := UsageModel{opts: o, data: o.Data, by: o.By, styles: newStyles(true)}
	m.report = m.data.Report(m.by, o.Now())
	return m
}

func (m UsageModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m UsageModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.styles = newStyles(msg.IsDark())
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
		m.report = m.data.Report(m.by, m.opts.Now())
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "esc":
			return m, tea.Quit
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
			m.report = m.data.Report(m.by, m.opts.Now())
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
