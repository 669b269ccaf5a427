package server

import (
	"cmp"
	"math"
	"strconv"

	"github.com/stemma-news/stemma/internal/analysis"
)

// The lineage graph's geometry, in SVG user units (pixels at 100 %).
const (
	nodeW       = 168
	nodeH       = 44
	gapX        = 24
	gapY        = 64 // room for an edge's label between two rows
	margin      = 12
	siblingDip  = 40 // how far below its nodes a siblings arc bends
	labelRunes  = 21 // of a node's lines; longer ones are cut with "…"
	maxGraphLen = 400
)

// graph is a story's lineage laid out for the "lineage" template, which
// draws it as inline SVG: every value in it is escaped by html/template
// like any other, so that no site or ID can inject markup.
type graph struct {
	Width, Height int
	Edges         []graphEdge
	Siblings      []graphEdge
	Nodes         []graphNode
}

type graphNode struct {
	X, Y, W, H    int    // the box, from its top left
	CX            int    // its centre
	SiteY, LabelY int    // the baselines of its two lines
	Class         string // "origin", "copy", "source" or "independent"
	Site, Label   string // the two lines: site and ID, cut to fit
	Tip           string // the tooltip: title and ID in full
	Href          string // the version's anchor on the page
}

// graphEdge is a source-to-copy edge or a siblings arc: a path from
// (X1, Y1) to (X2, Y2) through control points (CX1, CY1) and (CX2, CY2),
// with its label at (LX, LY).
type graphEdge struct {
	X1, Y1, CX1, CY1, CX2, CY2, X2, Y2 int
	LX, LY                             int
	Label, Tip                         string
	Class                              string
}

// relationClass is the class of an edge drawn for each relation; an
// unknown relation, which a store written by a later version could hold,
// is drawn plainly.
var relationClass = map[string]string{
	"duplicate": "rel-duplicate", "near-duplicate": "rel-near", "rewrite": "rel-rewrite", "partial": "rel-partial", "same-story": "rel-same",
}

// relationPhrase words a relation in an edge's tooltip: "X is a rewrite
// of Y".
var relationPhrase = map[string]string{
	"duplicate": "a duplicate", "near-duplicate": "a near-duplicate", "rewrite": "a rewrite", "partial": "in part a copy",
}

// layoutGraph lays the lineage of s out by depth: each tree of f with its
// root at the top and every copy one row below its source, a parent
// centred over its copies; trees side by side, the origin's first; the
// independent reports last. rel returns the relation and score of a
// source and its copy; anchor the page anchor of a document. It returns
// nil for a story too big to draw legibly.
func layoutGraph(s *analysis.Story, f *forest, docs map[string]*analysis.Summary, rel func(src, cp string) (string, float64), anchor func(id string) string) *graph {
	if len(f.order) == 0 || len(f.order) > maxGraphLen {
		return nil
	}
	slot := map[string]float64{}
	next := 0.0
	var place func(id string) float64
	place = func(id string) float64 {
		kids := f.children[id]
		if len(kids) == 0 {
			slot[id] = next
			next++
			return slot[id]
		}
		first := place(kids[0])
		last := first
		for _, k := range kids[1:] {
			last = place(k)
		}
		slot[id] = (first + last) / 2
		return slot[id]
	}
	for _, r := range f.roots {
		place(r)
	}
	left := func(id string) int { return margin + int(math.Round(slot[id]*(nodeW+gapX))) }
	top := func(id string) int { return margin + f.depth[id]*(nodeH+gapY) }
	deepest := 0
	for _, d := range f.depth {
		deepest = max(deepest, d)
	}
	g := &graph{Width: 2*margin + int(next)*nodeW + (int(next)-1)*gapX, Height: 2*margin + (deepest+1)*nodeH + deepest*gapY}

	for _, id := range f.order {
		x, y := left(id), top(id)
		n := graphNode{X: x, Y: y, W: nodeW, H: nodeH, CX: x + nodeW/2, SiteY: y + 18, LabelY: y + 35, Class: "copy", Site: "(no site)", Label: cut(id, labelRunes), Tip: id, Href: "#" + anchor(id)}
		switch {
		case id == s.Origin:
			n.Class = "origin"
		case f.independent[id]:
			n.Class = "independent"
		case f.parent[id] == "":
			n.Class = "source"
		}
		if d := docs[id]; d != nil {
			if d.Site != "" {
				n.Site = cut(d.Site, labelRunes)
			}
			if t := cmp.Or(d.Title, d.Lead); t != "" {
				n.Tip = t + " (" + id + ")"
			}
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, cp := range f.order {
		src, ok := f.parent[cp]
		if !ok {
			continue
		}
		r, score := rel(src, cp)
		x1, y1 := left(src)+nodeW/2, top(src)+nodeH
		x2, y2 := left(cp)+nodeW/2, top(cp)
		mid := (y1 + y2) / 2
		e := graphEdge{X1: x1, Y1: y1, CX1: x1, CY1: mid, CX2: x2, CY2: mid, X2: x2, Y2: y2, LX: (x1 + x2) / 2, LY: mid + 4,
			Label: cmp.Or(r, "derived"), Class: "edge " + cmp.Or(relationClass[r], "rel-other"), Tip: cp + " is " + cmp.Or(relationPhrase[r], "a copy") + " of " + src}
		if score > 0 {
			e.Tip += ", score " + strconv.FormatFloat(score, 'f', 2, 64)
		}
		g.Edges = append(g.Edges, e)
	}
	if s.Lineage != nil {
		drawn := map[string]bool{}
		for _, id := range f.order {
			drawn[id] = true
		}
		for _, p := range s.Lineage.Siblings {
			a, b := p[0], p[1]
			if !drawn[a] || !drawn[b] || a == b {
				continue
			}
			x1, y1 := left(a)+nodeW/2, top(a)+nodeH
			x2, y2 := left(b)+nodeW/2, top(b)+nodeH
			dip := max(y1, y2) + siblingDip
			// A cubic through two equal control points is the quadratic
			// through that point: its middle is at 3/4 of the dip.
			g.Siblings = append(g.Siblings, graphEdge{X1: x1, Y1: y1, CX1: (x1 + x2) / 2, CY1: dip, CX2: (x1 + x2) / 2, CY2: dip, X2: x2, Y2: y2,
				LX: (x1 + x2) / 2, LY: (y1+y2)/8 + 3*dip/4 + 4, Label: "siblings", Class: "sibling",
				Tip: a + " and " + b + " are copies of one source, not of each other"})
			g.Height = max(g.Height, dip+margin)
		}
	}
	return g
}

// cut shortens s to n runes, the last an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
