// Package change lists what a copy altered against its source, fact by
// fact: a title or role, a name's spelling, a named institution, a
// number, a date, a quote (altered, made indirect or dropped), an
// attribution, a claim, the source's credit, and the sentences or clauses
// added and dropped. Each change points at the two sentences it comes
// from, and the list is ranked so that what alters meaning comes before
// what alters wording.
//
// It works on the sentence alignment of the two texts (package align)
// and the facts read from each (package facts). Rewording alone is not a
// change: every rewrite rewords, and a list of every synonym would bury
// the one title that turned "former".
package change
