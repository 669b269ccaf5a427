// Package paraphrase scores how much two sentences say the same thing,
// in a way that survives machine paraphrase.
//
// A paraphrasing rewrite keeps almost no word runs of its source but keeps
// most of its content-word stems, names and numbers. A sentence is therefore
// reduced once, by Prepare, to a sorted set of hashed keys with weights, and
// two prepared sentences are compared by one merge of those sets: no
// allocation, well under a microsecond for news-length sentences.
//
// Keys are loose on purpose: stems are cut to a short prefix so that
// spelling variants and derived forms meet ("Zelenskyy"/"Zelensky",
// "defence"/"defense", "rejected"/"rejection"), and a small table folds
// common news-paraphrase words onto one key ("said"/"stated"/"told",
// "rejected"/"rebuffed"). Numbers are exact and weigh more than words, so
// a sentence whose figures changed loses more than one whose wording did.
// Stopwords count a little: "not" or "former" can change a claim.
//
// Three measures, from cheapest:
//   - Similarity, symmetric: the weighted share of content the two have
//     in common. What a one-to-one sentence alignment should maximise.
//   - Containment, asymmetric: the share of one sentence found in the
//     other, for a short sentence merged into or split from a long one.
//   - Probability and IsParaphrase: a three-feature logistic model
//     (Similarity, the longest run of words one side lacks, the length
//     difference) fitted on half of the MRPC dev pairs, for a yes/no call.
//
// Weights are best taken from the collection being compared: build a
// DocFreq over its sentences and pass it to Prepare. The decision model
// was fitted that way; with nil weights it is somewhat less accurate.
package paraphrase
