// Package analysis runs stemma's pipeline over a stream of documents: it
// profiles each one as it arrives, finds its candidate pairs among the
// documents before it through the fingerprint index, aligns and relates
// those pairs, and once the stream ends groups the documents into stories
// and builds each story's lineage. The Result it returns is what every
// report renders.
//
// Work is spread over the cores in two pools, one profiling documents and
// one aligning pairs, with a single goroutine between them that adds each
// document to the index in input order, so results do not depend on
// timing. Memory holds the index, a summary of each document and the
// profiles of recent documents; older texts go to a spill file and are
// read back when a later document needs them.
package analysis
