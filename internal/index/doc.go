// Package index finds, for each document as it arrives, the earlier
// documents close enough to it to be worth aligning: its candidate pairs.
//
// It is an inverted index over fingerprint terms, queried by TF-IDF
// accumulation the way a search engine scores a query: the new document's
// terms are looked up, each posting adds the product of the two weights
// to its document's score, and the scores divided by the two norms are
// cosines. Work per document is the length of the postings read, not the
// size of the collection, so the whole run grows as N times the posting
// length.
//
// Two limits keep that true at millions of documents. A term found in more
// than PostingCap documents stops being posted and read: it is too common
// to tell which pair is related, and the rare terms a related pair shares
// (names, numbers, their pairs) still find it. And once the stored terms
// pass Budget, every document keeps only its Keep most distinctive terms,
// chosen by the IDF of everything seen by then; below that budget nothing
// is cut, so small collections get exact cosines.
//
// Document frequencies are counted over every term of every document, in
// a table of 32-bit ids, so IDF is exact for whatever has been added. Scores
// given by Query use the frequencies of the moment; Cosine, used once the
// collection is complete, uses the final ones.
//
// Adding documents is done one at a time, in order, and is what a run
// waits for; querying is not, once the budget is passed. From then on a
// document's norm is fixed when it is added and a posting list only
// grows, so the query of a new document can be taken as a Probe when it
// is added and run by a Searcher in another goroutine, while the index
// goes on adding, with the result Query would have given.
package index
