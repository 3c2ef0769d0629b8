package checks

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/fakeapi"
)

// BenchmarkRunAPI measures a whole API run (four concurrent probes)
// against the fake server with no added latency: the client-side cost.
func BenchmarkRunAPI(b *testing.B) {
	srv := fakeapi.New()
	defer srv.Close()
	req := APIRequest{BaseURL: srv.URL(), Key: apikey.New(fakeapi.Key("ok")), Model: "gpt-4o-mini", Client: &http.Client{Timeout: 5 * time.Second}}
	want := func(string) bool { return true }
	b.ReportAllocs()
	for b.Loop() {
		RunAPI(context.Background(), req, want)
	}
}

// BenchmarkRunAPILatency runs against a server answering every request in
// 300 ms and reports the run's time as a multiple of one request
// ("x-latency"): the bar is 1.3.
func BenchmarkRunAPILatency(b *testing.B) {
	const latency = 300 * time.Millisecond
	srv := fakeapi.New(fakeapi.WithLatency(latency))
	defer srv.Close()
	req := APIRequest{BaseURL: srv.URL(), Key: apikey.New(fakeapi.Key("ok")), Model: "gpt-4o-mini", Client: &http.Client{Timeout: 5 * time.Second}}
	want := func(string) bool { return true }
	var total time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		RunAPI(context.Background(), req, want)
		total += time.Since(start)
		n++
	}
	b.ReportMetric(float64(total)/float64(n)/float64(latency), "x-latency")
}
