// Package fingerprint reduces a document to the signature its candidate
// pairs are found by: a bag of weighted terms that survives paraphrase.
//
// A machine-paraphrased rewrite keeps almost no five-word runs of its
// source, so word shingles, the signature of common near-duplicate tools,
// miss it. What a rewrite keeps is its content: the stems of its content
// words, and above all its names and numbers, which a rewriter cannot
// change without changing the facts. A Print is therefore the stems of a
// text's content words (names and numbers counted double, title words
// double) and the pairs of adjacent content stems, which name the
// particulars of one event ("23 pirates", "INS Mysore") better than either
// word. Terms are hashed to 32 bits: at a few million distinct terms a
// collision is rare and costs a cosine a term's worth of error, where
// 64-bit ids would double the memory of a million-article index.
//
// The same Print serves two purposes downstream: the index finds candidate
// derived pairs by it, and stories are grouped by the TF-IDF cosine of
// Prints.
package fingerprint
