// Package facts reads the checkable facts out of news sentences: names of
// people, organisations and places with the titles attached to them,
// numbers with their units, dates and times, direct quotes with their
// speakers, and attributions ("said", "according to").
//
// No trained model is within reach, so everything here is rules over the
// words as written: capitalisation, small closed word lists (titles,
// speech verbs, institution nouns, weekdays and months) and, for what a
// single sentence cannot tell, the rest of its document (a pronoun
// speaker is the last one named; a word is a name when the document
// capitalises it mid-sentence). The rules favour precision: a fact read
// wrongly becomes a change reported wrongly, which a reader notices more
// than a change missed.
package facts
