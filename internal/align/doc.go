// Package align finds which sentences of one text correspond to which
// sentences of another, the way a person comparing a copy with its source
// would: through rewording, reordering, and sentences merged or split.
//
// An alignment is many-to-many in principle but mostly one-to-one in
// practice; it is built in two passes. The first pairs sentences one to
// one, most similar first. The second attaches each sentence left over to
// the sentence of the other text that contains its content, which is how a
// sentence split in two, or two merged into one, shows up. Word-level
// differences between aligned sentences are given by Diff.
package align
