// Package paraphrase scores how much two sentences say the same thing,
// in a way that survives machine paraphrase.
//
// A paraphrasing rewrite keeps almost no word runs of its source but keeps
// most of its content-word stems, names and numbers. A sentence is therefore
// reduced once, by Prepare, to a sorted set of hashed content keys with
// weights (names and numbers weigh more, common news words less), and two
// prepared sentences are compared by one merge of those sets: no
// allocation, a few hundred nanoseconds for news-length sentences.
//
// Keys are loose on purpose: stems are cut to a short prefix so that
// spelling variants and derived forms meet ("Zelenskyy"/"Zelensky",
// "defence"/"defense", "rejected"/"rejection"), and a small table folds
// common news-paraphrase words onto one key ("said"/"stated"/"told").
// Numbers are exact: a number present on each side but different
// ("$2.5 billion" against "$1.8 billion") is strong evidence that the two
// sentences report different facts, and Similarity is discounted for it.
//
// Similarity is symmetric and is what a one-to-one sentence alignment
// should maximise; Containment is the asymmetric share of one sentence
// found in another, for a short sentence merged into a long one.
package paraphrase
