// Package arena keeps many small values that live as long as a run in a
// few large allocations. The garbage collector marks every live object at
// every collection, and an analysis of a million documents holds several
// small objects for each (a summary, its strings, its ID): near the
// memory limit, where collections come one after another, marking them
// was a tenth of the run. Values copied into an arena are one object per
// block to the collector.
//
// Nothing in an arena is ever freed on its own: a block lives while any
// value in it does. It suits values kept to the end, not values let go
// along the way.
package arena
