package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"
)

// stream carries the values a producer sends from its own goroutine to
// Update, one message each, then an end message: the one pump for every
// asynchronous activity that reports as it goes (check results, polls).
// It is a value holding only channels, so a command may capture it.
type stream[T any] struct {
	id   int
	ch   chan T
	done chan struct{}
}

// streamItem is one value of stream id.
type streamItem[T any] struct {
	id    int
	value T
}

// streamEnd says stream id has delivered every value (or was cancelled).
type streamEnd[T any] struct{ id int }

// startStream runs produce in its own goroutine and returns the stream and
// the command that waits for its first message. send drops values once ctx
// is done, so a producer nobody listens to any more never blocks.
func startStream[T any](ctx context.Context, id, buf int, produce func(ctx context.Context, send func(T))) (stream[T], tea.Cmd) {
	s := stream[T]{id: id, ch: make(chan T, buf), done: make(chan struct{})}
	start := func() tea.Msg {
		go func() {
			defer close(s.done)
			if produce == nil {
				return
			}
			produce(ctx, func(v T) {
				if ctx.Err() != nil {
					return // cancelled: a select below could still pick the send
				}
				select {
				case s.ch <- v:
				case <-ctx.Done():
				}
			})
		}()
		return s.next()()
	}
	return s, start
}

// next waits for the stream's next value, or its end. Values sent before
// the end are always delivered before streamEnd.
func (s stream[T]) next() tea.Cmd {
	return func() tea.Msg {
		select {
		case v := <-s.ch:
			return streamItem[T]{id: s.id, value: v}
		case <-s.done:
			select {
			case v := <-s.ch:
				return streamItem[T]{id: s.id, value: v}
			default:
				return streamEnd[T]{id: s.id}
			}
		}
	}
}
