package main

import (
	"context"
	"errors"
)

func wizardRun(ctx context.Context, o *setupOptions) error { return errors.New("wizard not wired yet") }
