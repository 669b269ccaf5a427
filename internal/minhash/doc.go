// Package minhash is a BASELINE for stemma's scale benchmark, not part of
// stemma's method: the near-duplicate detection of common dedup tools
// (datasketch's MinHashLSH, text-dedup's minhash), so that stemma's own
// figures can be reported as ratios against it in the same run.
//
// A document is reduced to the set of its word shingles (5 consecutive
// words by default), each shingle hashed once with 64-bit xxh3, and the
// set summarised by a MinHash signature of 128 32-bit slots: slot i is the
// minimum over the shingles of an independent hash function h_i, derived
// cheaply from the shingle's xxh3 hash by a fixed multiply-add permutation
// (h_i(x) = top 32 bits of a_i*x + b_i mod 2^64, a_i odd, a_i and b_i from
// a fixed seed, so signatures are identical across runs and machines). The
// share of equal slots in two signatures estimates the Jaccard similarity
// of the two shingle sets, with standard error sqrt(J(1-J)/Hashes).
//
// Index finds candidate pairs by locality-sensitive hashing: the signature
// is cut into Bands bands of Rows slots, and documents whose band agrees
// in every slot share a bucket. Two documents of Jaccard J become
// candidates with probability 1-(1-J^Rows)^Bands, the S-curve whose
// threshold (1/Bands)^(1/Rows) is chosen near Options.Threshold (16 bands
// of 8 rows, threshold 0.707, for the defaults). Candidates are kept when
// their estimated Jaccard reaches the threshold. At the defaults a pair
// becomes a candidate with probability 0.24 at true Jaccard 0.6, 0.61 at
// 0.7, 0.82 at 0.75, 0.95 at 0.8 and 0.99 from 0.85; a candidate near 0.7
// is then kept or dropped on its estimate, which errs by about ±0.04.
// When Bands does not divide Hashes, the slots left over are used in the
// estimate but in no band.
//
// Words are maximal runs of Unicode letters, digits and combining marks,
// lower-cased (unicode.ToLower); everything else (space, punctuation,
// symbols) separates words. This is text-dedup's "split on non-word
// characters" rather than internal/textproc's tokens: no stemming, no
// stopwords, no typography folding, so "Trump's" is the two words "trump"
// and "s". A text with fewer words than a shingle is one shingle of all its
// words; a text with no words has an empty signature and goes in no bucket.
//
// Like the tools it stands for, the baseline has a known blind spot: it
// sees copying only through runs of shared words. A paraphrase that
// changes every fifth word shares no 5-word shingle with its source and is
// not found at all.
//
// Memory. The index stores every signature (Hashes*4 bytes, 512 bytes at
// the defaults) in chunks of one flat array, a 64-bit digest of it, and
// one map entry per band: the bucket key, a 64-bit hash of the band
// number and slots, and a small inline value. A bucket holding one
// document needs nothing more; larger buckets keep a []uint32 posting
// list of internal document numbers. Measured at the defaults with 10^6
// unrelated documents: 1.14 GB of heap, about 0.51 GB of signatures and
// 0.6 GB for the 16*10^6 buckets, and some 7 s of Add on one core.
//
// Bucket cap. A posting list stops growing at Options.BucketCap documents
// (1000 by default). A document whose band falls in a full bucket is still
// compared with the documents already in it — so it still finds up to cap
// earlier matches through that bucket — but is not added to it. This keeps
// Add bounded (at most Bands*BucketCap comparisons) on degenerate corpora,
// such as a million identical one-line articles, where the buckets would
// otherwise grow without limit and Add would be quadratic overall. The
// price is that a document landing in a full bucket cannot be found
// through that bucket by documents added later.
package minhash
