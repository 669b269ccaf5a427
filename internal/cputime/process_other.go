//go:build !unix

package cputime

import "time"

// process does not know the processor time here.
func process() (time.Duration, bool) { return 0, false }
