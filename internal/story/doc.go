// Package story groups documents into stories: the documents that tell
// one event. Two documents are of one story when their vocabularies
// weighted by rarity (the TF-IDF cosine of their fingerprints) are close,
// judged by average linkage so that one shared name cannot chain two
// events of the same kind together; a derived pair is always of one
// story. Similarities come as a sparse list of edges, the pairs the
// candidate index found, so grouping a million documents costs about as
// much as the edges between them.
package story
