// Package analysis runs stemma's pipeline over a collection of cleaned
// documents: it profiles each one, picks the pairs worth aligning, relates
// them, groups the documents into stories and builds each story's lineage.
// The Result it returns is what every report renders.
package analysis
