// Package document defines the Document, the unit every stage of stemma's
// pipeline passes along: an article as ingested, its cleaned text, its
// metadata and the record of what cleaning removed from it.
package document
