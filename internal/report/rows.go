package report

import (
	"github.com/stemma-news/stemma/internal/align"
	"github.com/stemma-news/stemma/internal/relate"
)

// Row is one row of the side-by-side view of a comparison, as CompareText
// and CompareJSON lay it out, for renderers outside this package (the web
// pages): a sentence of A, of B, or of both when they are linked.
type Row struct {
	A, B int         // sentence indexes in p.A and p.B, -1 for none
	Link *align.Link // the alignment link of a row with both sentences, nil otherwise
	// Changes are the indexes in p.Changes.Changes of the changes the row
	// carries, in the list's order: what CompareText notes as "← kind",
	// by index so that a page can link a row and its changes both ways.
	Changes []int
}

// Rows returns the rows of the side-by-side view of p, in the order the
// other views write them. A row's words are compared with align.Diff.
func Rows(p *relate.Pair) []Row {
	rs := rows(p)
	out := make([]Row, len(rs))
	for k, r := range rs {
		out[k] = Row{A: r.a, B: r.b, Link: r.link}
	}
	_, hits := changeRows(p, rs)
	for k := range hits {
		out[k].Changes = hits[k]
	}
	return out
}
