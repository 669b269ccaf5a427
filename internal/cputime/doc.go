// Package cputime reports, in benchmarks, the processor time the process
// used per operation, the garbage collector's included, as cpu-ns/op.
//
// On a machine shared with other work the time on the clock swings with
// the load, and the processor time the benchmark itself took tells its
// cost far more steadily. Where the system does not say (not Unix),
// nothing is reported.
package cputime
