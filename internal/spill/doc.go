// Package spill keeps documents on disk while an analysis runs, so that
// memory holds signatures and the index rather than every text.
//
// A stream of a million articles is several gigabytes of text, but the
// analysis only ever needs an old text again when a new document turns
// out to be a candidate pair with it. The analysis keeps recent documents
// in memory and writes the ones it lets go to a spill file, an
// append-only temporary file, from which Get reads one back by its Ref.
// Change lists are kept there too (PutChanges), for a run to report at
// the end without holding them all until then. The file is deleted on
// Close, or when it is garbage: see Create.
package spill
