// Package lineage turns the derived pairs of a story into its derivation
// tree: who copied whom, which document is the origin, and which copies
// are siblings — made from one common source rather than from each other.
package lineage
