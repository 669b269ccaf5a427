// Package relate decides how two documents are related — duplicate,
// near-duplicate, rewrite, partial, same-story or unrelated — from their
// sentence alignment, and for derived pairs which one is the source, from
// publication times where known and the texts' own evidence where not.
package relate
