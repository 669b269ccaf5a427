package cputime

import (
	"runtime"
	"testing"
)

// Busy work shows as processor time.
func TestProcess(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no processor time here")
	}
	before, ok := process()
	if !ok {
		t.Fatal("no processor time on a Unix system")
	}
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	after, _ := process()
	if after <= before {
		t.Errorf("busy work took no processor time (%v then %v, %d)", before, after, x)
	}
}

func ExampleClock() {
	// In a benchmark:
	//	cpu := cputime.Start()
	//	for b.Loop() { work() }
	//	cpu.Report(b)
}
