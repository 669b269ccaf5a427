// Package corpusgen generates benchmark corpora of news articles with
// copies of known lineage planted in them, to measure how well stemma finds
// copies (recall and precision against the planted truth) and how fast it
// runs at 10^4 to 10^6 articles.
//
// A corpus is a stream of N articles in publication order, ids "g0000001"
// onwards, published from 2025-01-01 a few seconds apart on a few hundred
// synthetic sites. About 30 % of them (Options.FamilyShare) belong to
// families: an original and 1-3 copies, published within a bounded window
// after their source, like a news firehose. A fifth of the copies are made
// from an earlier copy rather than the original, so lineage has depth. The
// copies are of four kinds (see Kind):
//
//   - exact (15 %): the same body on another site, the headline maybe
//     restyled;
//   - light (25 %): a copy desk's edits: a word swapped, punctuation, a
//     sentence dropped or added, a paragraph split or joined;
//   - heavy (35 %): a rule-based imitation of a spinning tool: synonyms from
//     a table of some 800 news words and phrases, attribution and other
//     clauses moved, quotes made indirect, sentences split, merged,
//     reordered across paragraphs, 10-20 % dropped and 1-3 unrelated ones
//     added, headline rewritten. Names and numbers are kept. Under a fifth
//     of the source's 5-word shingles survive (median);
//   - partial (25 %): 30-60 % of the source's paragraphs, lightly or heavily
//     edited, inside an unrelated article at least as long.
//
// Originals are real articles (see LoadMaterial) drawn without
// replacement while they last, then synthetic ones. Everything else is
// filler written by a word bigram Markov chain trained on the material,
// with fresh names and numbers in every article and no 5-word run of the
// material, so that filler is unrelated to the material and to other
// filler.
//
// Generation is deterministic for a seed and material, whatever the number
// of workers, and streams: memory holds the truth and a bounded window of
// articles, about 200 MB at N = 10^6.
//
// # Limits
//
// Filler and synthetic originals are word salad: locally plausible, news
// vocabulary, no meaning. They exercise speed and precision (nothing in
// them should be related to anything) but not story clustering, since no
// two filler articles tell the same story. Heavy rewrites are rule-based,
// not a real paraphraser: they are often ungrammatical, their vocabulary
// changes come from one fixed table, and a method tuned to undo exactly
// these rules would score better here than on real spun copy. The material
// itself holds same-story articles (ecb-dev pairs events of one kind),
// which are not planted relations and are dropped only when derived.
package corpusgen
