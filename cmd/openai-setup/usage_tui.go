package main

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/setupkit/openai-setup/internal/openai"
	"github.com/setupkit/openai-setup/tui"
	"github.com/setupkit/openai-setup/usage"
)

// usageInteractive is whether usage opens the full-screen view: both ends
// are a terminal and no script-facing form or single key was asked for.
func (o *usageOptions) interactive() bool {
	return o.app.InTTY && o.app.OutTTY && !o.JSON && !o.CSV && o.Key == ""
}

// usageTUIOptions wires the view to the admin client: another period is
// fetched with the same filter and names, each fetch bounded by --timeout.
func usageTUIOptions(parent context.Context, s *adminSession, res usageResult, by usage.By) tui.UsageOptions {
	return tui.UsageOptions{Data: res.data, By: by, BillingURL: openai.BillingURL,
		Fetch: func(_ context.Context, p usage.Period) (usage.Data, error) {
			ctx, cancel := context.WithTimeout(parent, s.Timeout)
			defer cancel()
			d, err := usage.Fetch(ctx, s.Client, p, res.filter)
			if err != nil {
				return usage.Data{}, s.explainUsageError(err)
			}
			d.Names, d.Limit, d.LimitRead = res.data.Names, res.data.Limit, res.data.LimitRead
			return d, nil
		}}
}

// runUsageTUI shows the view until q.
func runUsageTUI(ctx context.Context, a *app, opts tui.UsageOptions) error {
	p := tea.NewProgram(tui.NewUsage(opts), tea.WithContext(ctx), tea.WithInput(a.In), tea.WithOutput(a.Out),
		tea.WithEnvironment(a.Environ))
	_, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) {
		return errInterrupted
	}
	return err
}
