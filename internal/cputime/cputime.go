package cputime

import (
	"testing"
	"time"
)

// A Clock counts the processor time used since Start.
type Clock struct {
	start time.Duration
	ok    bool
}

// Start starts a clock.
func Start() Clock {
	t, ok := process()
	return Clock{t, ok}
}

// Report reports the processor time since Start per operation of b, as
// cpu-ns/op.
func (c Clock) Report(b *testing.B) {
	t, ok := process()
	if !c.ok || !ok || b.N == 0 {
		return
	}
	b.ReportMetric(float64(t-c.start)/float64(b.N), "cpu-ns/op")
}
