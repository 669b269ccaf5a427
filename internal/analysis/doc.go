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
// timing. Once the index keeps only each document's most distinctive
// terms, finding a document's candidates no longer changes the index, and
// a third pool does it while that goroutine adds the next documents; the
// candidates are still used in input order.
//
// Memory holds the index, a summary of each document and the profiles of
// recent documents; older texts go to a spill file and are read back when
// a later document needs them.
package analysis
